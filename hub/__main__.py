"""``python -m hub`` = ``help-kiosk-hub``."""

from hub.cli import main

raise SystemExit(main())
