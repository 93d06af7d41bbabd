"""Staff reports and exports, free of Qt so the staff screen and ``help-kiosk export`` share them.

* :mod:`~kiosk.reports.periods` — today / this week / this month / last month / this year /
  custom, as local days.
* :mod:`~kiosk.reports.figures` — :func:`compute_figures`: the counts every report shows.
* :mod:`~kiosk.reports.allowance` — policy rules as data and the capped support allowance.
* :mod:`~kiosk.reports.export_csv`, :mod:`~kiosk.reports.export_xlsx`,
  :mod:`~kiosk.reports.report_pdf` — the files, written atomically and audited.

Nothing is imported here on purpose: openpyxl and reportlab load only when an export needs them.
"""
