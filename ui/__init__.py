"""The PySide6 user interface: screens, theme, printing to devices, and the GUI entry point."""
