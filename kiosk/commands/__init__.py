"""Sub-commands of ``help-kiosk``, one module per staff task."""
