#!/usr/bin/env bash
# Set everything up, then run the whole test suite (what CI runs).
#   bash scripts/run-tests.sh          the suite, with the short versions of slow tests
#   bash scripts/run-tests.sh --full   also the slow ones (soak, 50+ power-cut kills, long fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
MARK=(-m "not slow")
if [ "${1:-}" = "--full" ]; then MARK=(); shift; fi
echo "==> ruff"
.venv/bin/ruff check kiosk ui db tests scripts benchmarks
echo "==> mypy (kiosk, db: every function typed)"
.venv/bin/python -m mypy --ignore-missing-imports --disallow-untyped-defs kiosk db
echo "==> kiểm tra nội dung"
.venv/bin/help-kiosk content check
echo "==> pytest"
.venv/bin/python -m pytest "${MARK[@]}" "$@"
