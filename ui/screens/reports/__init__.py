"""Staff tabs for reports: "Báo cáo" (dashboard), "Hỗ trợ kinh phí" (allowance), "Xuất dữ liệu".

The figures, the allowance and the files all come from the Qt-free ``kiosk.reports`` package,
the same code ``help-kiosk export`` runs, so the screen, the spreadsheets and the printed
report never disagree. This package only chooses a period, runs the work off the GUI thread
and shows the result:

* figures and the allowance are computed on the ``db`` lane (``Đang tính…`` meanwhile); an
  answer for a period the staff member has already left is dropped;
* exports run on the ``print`` lane; the export's ``progress(done, total)`` callback is
  emitted from that thread on a relay signal, which Qt queues to the progress bar;
* every expected failure (a period back to front, a rule that overlaps, a USB drive pulled
  out) arrives as a :class:`kiosk.errors.KioskError` with a Vietnamese message and is shown
  as it is.

Modules: :mod:`.period` (the shared :class:`ReportPeriod` and its picker), :mod:`.base`
(what the tabs share), :mod:`.dashboard`, :mod:`.allowance`, :mod:`.export`. The three tabs
share one :class:`ReportPeriod`, so choosing "Tháng trước" on one tab shows last month on
the others too. Nothing personal is shown: the dashboard counts, the allowance lists team
members only. Contacts can be exported (staff only, off by default).

Thread: GUI thread, except the ``work`` closures handed to the task runner.
"""

from ui.screens.reports.allowance import AllowanceTab
from ui.screens.reports.base import money
from ui.screens.reports.dashboard import ReportsTab
from ui.screens.reports.export import ExportTab
from ui.screens.reports.period import ReportPeriod

__all__ = ["AllowanceTab", "ExportTab", "ReportPeriod", "ReportsTab", "money"]
