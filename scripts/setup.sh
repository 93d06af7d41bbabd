#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu machine for the kiosk and the hub: system libraries, fonts,
# speech, PDF/QR tools, PostgreSQL's binaries, Chromium (the hub's browser tests), a virtual
# environment with the project, the hub and the test tools, translations.
# Safe to run again; it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
  libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxcb-sync1 libxcb-shm0
  libx11-xcb1 libcups2 libpulse0 libasound2 fonts-dejavu-core xvfb xauth
  libespeak-ng1 espeak-ng sox poppler-utils zbar-tools sqlite3 python3-venv
  postgresql chromium libreoffice-calc-nogui
)
# LibreOffice Calc (no GUI): tests/integration/test_xlsx_libreoffice.py opens the XLSX export
# the way an officer's spreadsheet program would.
# PostgreSQL: the hub's real store, and the throwaway server the hub tests start themselves
# (tests/hub/conftest.py). Binaries only: no "main" cluster and no system service here; a
# real hub's database is set up as docs/hub.md says.
if [ ! -e /etc/postgresql-common/createcluster.d/help-kiosk.conf ]; then
  $SUDO mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.d/help-kiosk.conf >/dev/null
fi
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> Cài gói hệ thống: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "==> Tạo môi trường Python (.venv)"
  "$PY" -m venv .venv
fi
if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
  echo "==> Cài gói Python"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test,hub]"
  touch .venv/.installed
fi
echo "==> Biên dịch bản dịch"
.venv/bin/python scripts/build_translations.py
