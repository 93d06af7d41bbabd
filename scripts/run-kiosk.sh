#!/usr/bin/env bash
# Set everything up, then start the kiosk with demo settings and demo accounts.
#   bash scripts/run-kiosk.sh             full screen (kiosk mode)
#   bash scripts/run-kiosk.sh --windowed  in a window, for trying it out
# With no display (a server), run it under Xvfb: xvfb-run -a bash scripts/run-kiosk.sh --windowed
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/help-kiosk --demo "$@"
