#!/usr/bin/env bash
# Set everything up, then run the whole test suite (what CI runs).
#   bash scripts/run-tests.sh          the suite, with the short versions of slow tests
#   bash scripts/run-tests.sh --full   also the slow ones (soak, 50+ power-cut kills, long fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
# The hub tests start their own throwaway PostgreSQL; here a missing server fails, not skips.
export HUB_TESTS_NEED_POSTGRESQL=1
MARK=(-m "not slow")
if [ "${1:-}" = "--full" ]; then MARK=(); shift; fi
echo "==> ruff"
.venv/bin/ruff check kiosk ui db hub tests scripts benchmarks
echo "==> mypy (kiosk, db, hub: every function typed)"
.venv/bin/python -m mypy --ignore-missing-imports --disallow-untyped-defs kiosk db hub
echo "==> kiểm tra nội dung"
.venv/bin/help-kiosk content check
echo "==> pytest"
.venv/bin/python -m pytest "${MARK[@]}" "$@"
