"""PDF rendering: the queue ticket and one how-to sheet, against an empty reportlab page.

All three write a real file through the same disk; medians after one warm-up call (fonts are
registered once per process, as in the running kiosk).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from .common import Row, median, time_ms


def empty_page(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.showPage()
    c.save()


def render(tmp: Path, repeat: int) -> list[Row]:
    from kiosk.content.loader import load_catalogue
    from kiosk.paths import resource_path
    from kiosk.queue import ServiceInfo
    from kiosk.sheets import render_sheet
    from kiosk.tickets import render_ticket, sample_ticket

    service = ServiceInfo(code="dvc", prefix="A", name_vi="Nộp hồ sơ dịch vụ công trực tuyến",
                          name_en="Online public services", avg_minutes=10,
                          official_url="https://dichvucong.gov.vn")
    ticket = sample_ticket(service, datetime.now(UTC).replace(tzinfo=None))
    catalogue = load_catalogue([resource_path("tutorials")])
    tutorial = max(catalogue.tutorials, key=lambda t: len(t.steps))

    floor = median(time_ms(lambda: empty_page(tmp / "empty.pdf"), repeat))
    ticket_ms = median(time_ms(lambda: render_ticket(ticket, tmp / "ticket.pdf"), repeat))
    sheet_repeat = max(2, repeat // 4)
    sheet_ms = median(time_ms(lambda: render_sheet(tutorial, tmp / "sheet.pdf"), sheet_repeat))
    return [
        Row(f"Ticket PDF, 80 mm (median of {repeat})", ticket_ms, "ms", floor,
            "empty reportlab page", "< 150 ms", ticket_ms < 150),
        Row(f"How-to sheet PDF, A4 (median of {sheet_repeat})", sheet_ms, "ms", floor,
            "empty reportlab page", "< 500 ms", sheet_ms < 500,
            note=f"{tutorial.id}, {len(tutorial.steps)} steps"),
    ]
