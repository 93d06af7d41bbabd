"""Features that plug screens and staff tabs into the kiosk through ``install(ctx)``.

Each module here has ``install(ctx: ui.app.BuildContext)``; the composition root lists them in
``ui.app.FEATURE_MODULES`` with the screens each adds (so Home knows its tiles before any
feature is imported) and installs them just after the first paint. A feature adds its screens
to ``ctx.screens`` (as factories, built on first visit; see ``ui.app.BuildContext``) and its
staff tabs with ``ctx.staff.add_tab``; it never reaches into another feature.
"""
