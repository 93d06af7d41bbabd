"""The commune hub: the server beside the kiosks (sync API, web pages, exports, its CLI).

A second front end to the kiosk's rules, like ``ui/``: it imports ``kiosk/`` and ``db/`` and
never ``ui/`` or PySide6. PostgreSQL is its real store, SQLite in its data dir the embedded
default for trying it.
"""
