#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle on Linux (dist/help-kiosk/) and run its self-test.
#   bash scripts/build_bundle.sh
# Environment (all optional):
#   PYTHON     the Python to build with (default: .venv/bin/python, set up by scripts/setup.sh)
#   DIST_DIR   where the bundle goes (default: dist)     BUILD_DIR  PyInstaller's work folder
#   KIOSK_DATA_DIR  the data dir the self-test checks (default: a fresh temporary folder)
# The Windows build (and the installer) are in docs/windows.md: PyInstaller cannot
# cross-compile, so this script builds the Linux bundle that CI can test.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${PYTHON:-}" ]; then
  bash scripts/setup.sh
  PYTHON=.venv/bin/python
fi
DIST="${DIST_DIR:-dist}"
WORK="${BUILD_DIR:-build}"

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
  echo "==> Cài PyInstaller"
  "$PYTHON" -m pip install -q "pyinstaller>=6.10,<7"
fi

echo "==> Biên dịch bản dịch"
"$PYTHON" scripts/build_translations.py

echo "==> Đóng gói bằng PyInstaller (một thư mục)"
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" help-kiosk.spec
echo "==> Xong sau $(( $(date +%s) - start )) s: $DIST/help-kiosk ($(du -sh "$DIST/help-kiosk" | cut -f1))"

echo "==> Tự kiểm tra từ bản đóng gói"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
QT_QPA_PLATFORM=offscreen KIOSK_DATA_DIR="${KIOSK_DATA_DIR:-$scratch}" \
  "$DIST/help-kiosk/help-kiosk" --self-test
