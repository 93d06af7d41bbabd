"""The one rule for a text cell in any file a spreadsheet may open (CSV and XLSX).

Every writer of tabular files (report CSV/XLSX, the per-person data export) goes through
:func:`neutralise` / :func:`csv_cell`, so a note or a name that starts like a formula
(``=HYPERLINK(...)``, ``=cmd|...``, ``@SUM``, ``+1``, ``-1``, a leading tab or carriage
return) is shown as text and never run (OWASP "CSV injection"). A second writer with its own
cell rule is how a formula once escaped; keep it to this module. Pure; any thread.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Prefix ``'`` to text a spreadsheet would run as a formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def csv_cell(value: Any) -> str:
    """One CSV cell: empty for None, ISO dates, 1/0 for booleans, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(neutralise(value))
