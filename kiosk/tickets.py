"""The printed queue ticket: a receipt-width PDF (80 mm or 58 mm roll) whose height fits it.

Black on white only (thermal printers have no grey), the bundled Noto Sans embedded so every
Vietnamese mark prints, the number as large as the paper allows, and a QR code to the
service's OFFICIAL site with the address written under it, so a citizen learns the real
address rather than a look-alike (facts.md §4). Under the wait, what to have ready (the
ticket's bring-list, :mod:`kiosk.bring`) as bullets. The take-home slip "Hôm nay đã làm"
(:func:`render_summary`, content from :mod:`kiosk.summary`) shares the layout. Written
atomically through kiosk.pdf.

Thread: any (pure; no database). The GUI calls it from its printing lane.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeAlias
from urllib.parse import urlsplit

from reportlab.graphics import renderPDF
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen import canvas

from kiosk.bring import BringItem
from kiosk.clock import LOCAL_TZ, to_local
from kiosk.files import OutputError
from kiosk.pdf import qr_drawing, register_fonts, write_pdf
from kiosk.queue import ServiceInfo, TicketInfo, TicketStatus, ticket_label
from kiosk.resume import shown as shown_code
from kiosk.summary import SummarySlip

log = logging.getLogger(__name__)

WIDTHS_MM = (80, 58)
# What the print head reaches on each roll: 72 mm (576 dots at 203 dpi) on 80 mm paper and
# 48 mm (384 dots) on most 58 mm printers. Everything is drawn inside this centred band, with
# a hair to spare, so nothing is lost at 100 % scale.
PRINT_WIDTH_MM = {80: 72, 58: 48}

_TEXT = {
    "vi": {
        "your_number": "SỐ THỨ TỰ CỦA BẠN",
        "issued": "Lấy số lúc {time}|ngày {date}",
        "ahead": "Số người chờ trước bạn: {n}",
        "wait": "Thời gian chờ dự kiến:|khoảng {m} phút",
        "wait_short": "Thời gian chờ dự kiến:|vài phút",
        "qr": "Quét mã để mở trang chính thức:",
        "please_wait": "Vui lòng chờ gọi số",
        "test": "PHIẾU IN THỬ –|không dùng để xếp hàng",
        "title": "Phiếu số {label}",
        "priority": "★ SỐ ƯU TIÊN",
        "bring": "Chuẩn bị sẵn:",
        "resume": "Mã học tiếp bài đang học:",
        "resume_how": "Lần sau, chạm “Tiếp tục bài đang học” và nhập 4 số này để quay lại "
                      "đúng chỗ bạn dừng. Dùng được 30 ngày tại điểm hỗ trợ này.",
    },
    "en": {
        "your_number": "YOUR NUMBER",
        "issued": "Taken at {time}|on {date}",
        "ahead": "People ahead of you: {n}",
        "wait": "Estimated wait:|about {m} minutes",
        "wait_short": "Estimated wait:|a few minutes",
        "qr": "Scan to open the official site:",
        "please_wait": "Please wait to be called",
        "test": "TEST PRINT –|not a queue ticket",
        "title": "Ticket {label}",
        "priority": "★ PRIORITY NUMBER",
        "bring": "Have ready:",
        "resume": "Code to continue your guide:",
        "resume_how": "Next time, touch “Continue where I stopped” and type these 4 digits "
                      "to come back to the same step. Works for 30 days at this help point.",
    },
}


@dataclass(frozen=True)
class _Line:
    text: str
    font: str
    size: float
    gap_after: float = 0.0
    caps_only: bool = False  # no accents or descenders (the big number): a tighter box
    indent: float | None = None  # left-aligned this far in from the margin (else centred)
    bullet: bool = False  # a round bullet before the text (the first line of a list item)


@dataclass(frozen=True)
class _Rule:
    gap_after: float


@dataclass(frozen=True)
class _QR:
    url: str
    size: float
    gap_after: float


@dataclass(frozen=True)
class _Mark:
    """White words on a black band ("★ SỐ ƯU TIÊN"): seen at a glance on thermal paper. The
    star is drawn, not typed: the bundled font has no star glyph."""

    text: str
    font: str
    size: float
    gap_after: float


_Block = _Line | _Rule | _QR | _Mark
# The receipt's building blocks, for the other receipts (kiosk.resume_slip) to lay out theirs.
Line, Rule, QR = _Line, _Rule, _QR
Block: TypeAlias = _Block


def wrap(text: str, font: str, size: float, width: float, gap_after: float) -> list[_Line]:
    """Centre-able lines of ``text``. "|" marks where to break first when the whole text does
    not fit on one line, so "khoảng 18 phút" stays together instead of orphaning "phút"."""
    whole = text.replace("|", " ")
    if stringWidth(whole, font, size) <= width:
        lines = [whole]
    else:
        lines = [line for part in text.split("|")
                 for line in simpleSplit(part.strip(), font, size, width)] or [""]
    out = [_Line(line, font, size) for line in lines]
    out[-1] = _Line(out[-1].text, font, size, gap_after)
    return out


def _bullet(text: str, font: str, size: float, width: float, gap_after: float) -> list[_Line]:
    """A list item: left-aligned lines after a round bullet, wrapped lines under the text."""
    indent = size * 1.1
    lines = simpleSplit(text.strip(), font, size, width - indent) or [""]
    out = [_Line(line, font, size, indent=indent, bullet=i == 0) for i, line in enumerate(lines)]
    last = out[-1]
    out[-1] = _Line(last.text, font, size, gap_after, indent=indent, bullet=last.bullet)
    return out


def _fit_size(text: str, font: str, width: float, largest: float) -> float:
    size = largest
    while size > 12 and stringWidth(text, font, size) > width:
        size -= 2
    return size


def _ascent(line: _Line) -> float:
    if line.caps_only:
        return line.size * 0.78  # Noto Sans cap height is 0.714 em; a little air above
    return float(getAscentDescent(line.font, line.size)[0])


def _line_height(line: _Line) -> float:
    if line.caps_only:
        return _ascent(line) + line.size * 0.12
    ascent, descent = getAscentDescent(line.font, line.size)
    return float(ascent - descent) * 1.05


def _height(block: _Block) -> float:
    if isinstance(block, _Line):
        return _line_height(block) + block.gap_after
    if isinstance(block, _Rule):
        return 1 + block.gap_after
    if isinstance(block, _Mark):
        return block.size * 1.8 + block.gap_after
    return block.size + block.gap_after


def _shown_address(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/") or url


def _draw_star(c: canvas.Canvas, x: float, y: float, r: float) -> None:
    """A filled five-pointed star centred on (x, y), in the current fill colour."""
    path = c.beginPath()
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.42
        angle = math.pi / 2 + i * math.pi / 5
        point = (x + radius * math.cos(angle), y + radius * math.sin(angle))
        if i == 0:
            path.moveTo(*point)
        else:
            path.lineTo(*point)
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def _draw(c: canvas.Canvas, blocks: list[_Block], page_w: float, top_y: float,
          margin: float, font: str) -> None:
    """Draw ``blocks`` top-down from ``top_y``, centred on the page (lists from ``margin``)."""
    inner = page_w - 2 * margin
    top = top_y
    for block in blocks:
        if isinstance(block, _Line):
            c.setFont(block.font, block.size)
            baseline = top - _ascent(block)
            if block.indent is None:
                c.drawCentredString(page_w / 2, baseline, block.text)
            else:
                c.drawString(margin + block.indent, baseline, block.text)
            if block.bullet:
                c.circle(margin + block.size * 0.35, baseline + block.size * 0.3,
                         block.size * 0.17, stroke=0, fill=1)
            top -= _line_height(block) + block.gap_after
        elif isinstance(block, _Rule):
            c.setLineWidth(0.8)
            c.setDash(2, 2)
            c.line(margin, top - 0.5, page_w - margin, top - 0.5)
            c.setDash()
            top -= 1 + block.gap_after
        elif isinstance(block, _Mark):
            band = block.size * 1.8
            words = block.text.removeprefix("★ ")
            size = block.size  # smaller until star, gap and words fit inside the band
            while size > 8 and size * 1.3 + stringWidth(words, block.font, size) > \
                    inner - 4 * mm:
                size -= 0.5
            star = size * 0.9
            text_w = stringWidth(words, block.font, size)
            c.rect(margin, top - band, inner, band, stroke=0, fill=1)
            c.setFillColorRGB(1, 1, 1)
            left = (page_w - (star + size * 0.4 + text_w)) / 2
            _draw_star(c, left + star / 2, top - band / 2, star / 2)
            c.setFont(block.font, size)
            c.drawString(left + star + size * 0.4, top - band / 2 - size * 0.35, words)
            c.setFillColorRGB(0, 0, 0)
            top -= band + block.gap_after
        else:
            drawing = qr_drawing(block.url, block.size)
            # Otherwise renderPDF sets its default Helvetica: an unembedded font reference.
            drawing.initialFontName = font
            renderPDF.draw(drawing, c, (page_w - block.size) / 2, top - block.size)
            top -= block.size + block.gap_after


@dataclass(frozen=True)
class Paper:
    """A receipt's page at one of the printer's widths (ticket, take-home slip, resume slip):
    one place for the margins the print head needs and the type sizes that fit them."""

    width_mm: int
    narrow: bool   # 58 mm
    margin: float  # left and right, points: the print head's width centred, plus 0.5 mm
    edge: float    # top and bottom: no tail of blank paper
    page_w: float
    inner: float
    small: float
    body: float


def receipt_paper(width_mm: int) -> Paper:
    """The page for ``width_mm``; OutputError (with English) for a width the kiosk does not
    print."""
    if width_mm not in WIDTHS_MM:
        raise OutputError(f"Khổ giấy {width_mm} mm không dùng được: chọn 80 hoặc 58 mm.",
                          en=f"Paper {width_mm} mm wide cannot be used: choose 80 or 58 mm.")
    narrow = width_mm == 58
    margin = ((width_mm - PRINT_WIDTH_MM[width_mm]) / 2 + 0.5) * mm
    page_w = width_mm * mm
    return Paper(width_mm, narrow, margin, (3 if narrow else 4) * mm, page_w,
                 page_w - 2 * margin, 8.5 if narrow else 10, 10 if narrow else 11.5)


def write_receipt(path: Path, paper: Paper, blocks: list[Block], *, title: str,
                  author: str) -> None:
    """Draw ``blocks`` top-down on one page exactly as tall as they are, black on white,
    and write it through the one atomic PDF writer (nothing partial on a failure)."""
    fonts = register_fonts()
    page_h = 2 * paper.edge + sum(_height(b) for b in blocks)

    def build(tmp: Path) -> None:
        c = canvas.Canvas(str(tmp), pagesize=(paper.page_w, page_h),
                          initialFontName=fonts.regular, initialFontSize=paper.body)
        c.setTitle(title)
        c.setAuthor(author)
        c.setFillColorRGB(0, 0, 0)
        c.setStrokeColorRGB(0, 0, 0)
        _draw(c, blocks, paper.page_w, page_h - paper.edge, paper.margin, fonts.regular)
        c.showPage()
        c.save()

    write_pdf(Path(path), build)


def render_ticket(ticket: TicketInfo, path: Path, width_mm: int = 80,
                  help_point_name: str = "Điểm hỗ trợ số", lang: str = "vi", *,
                  test_print: bool = False) -> Path:
    """Write the ticket as a one-page PDF at receipt width; return ``path``.

    Raises OutputError (Vietnamese) when the file cannot be written; nothing partial is left.
    """
    paper = receipt_paper(width_mm)
    texts = _TEXT["en" if lang == "en" else "vi"]
    fonts = register_fonts()
    narrow, inner, small, body = paper.narrow, paper.inner, paper.small, paper.body

    issued = ticket.issued_at.astimezone(LOCAL_TZ) if ticket.issued_at.tzinfo else \
        ticket.issued_at
    blocks: list[_Block] = []
    if test_print:
        blocks += wrap(texts["test"], fonts.bold, small, inner, 4)
    name = help_point_name.strip()
    if name:
        # One line if a slightly smaller size allows it; otherwise wrap at the normal size.
        fits = [size for size in (body + 1, body, body - 1)
                if stringWidth(name, fonts.bold, size) <= inner]
        blocks += wrap(name, fonts.bold, fits[0] if fits else body + 1, inner, 3)
    blocks.append(_Rule(6))
    blocks += wrap(texts["your_number"], fonts.regular, small, inner, 3)
    shown = ticket.marked_label(lang)
    blocks.append(_Line(shown, fonts.bold,
                        _fit_size(shown, fonts.bold, inner, 58 if narrow else 80),
                        4 if ticket.priority else 8, caps_only=True))
    if ticket.priority:
        blocks.append(_Mark(texts["priority"], fonts.bold, body + 3, 8))
    blocks += wrap(ticket.service_name(lang), fonts.bold, body + 2, inner, 6)
    blocks += wrap(texts["issued"].format(time=issued.strftime("%H:%M"),
                                           date=issued.strftime("%d/%m/%Y")),
                    fonts.regular, body, inner, 2)
    blocks += wrap(texts["ahead"].format(n=ticket.ahead), fonts.regular, body, inner, 2)
    wait = (texts["wait"].format(m=ticket.wait_minutes) if ticket.wait_minutes > 0
            else texts["wait_short"])
    blocks += wrap(wait, fonts.regular, body, inner, 6)
    if ticket.resume_code:
        # Asked for a volunteer midway (kiosk.resume): the code to come back to this step,
        # spaced like the resume slip's so no digit is missed.
        blocks.append(_Rule(5))
        blocks += wrap(texts["resume"], fonts.bold, body, inner, 2)
        code = shown_code(ticket.resume_code)
        blocks.append(_Line(code, fonts.bold,
                            _fit_size(code, fonts.bold, inner, 26 if narrow else 32), 4,
                            caps_only=True))
        blocks += wrap(texts["resume_how"], fonts.regular, small, inner, 5)
    if ticket.bring:
        # What to have ready while waiting (kiosk.bring): left-aligned bullets, bold heading.
        blocks.append(_Rule(5))
        blocks += wrap(texts["bring"], fonts.bold, body, inner, 2)
        for i, item in enumerate(ticket.bring):
            last = i == len(ticket.bring) - 1
            blocks += _bullet(item.text(lang), fonts.regular, body - 0.5, inner,
                              5 if last else 2)
    if ticket.official_url:
        blocks.append(_Rule(5))
        blocks += wrap(texts["qr"], fonts.regular, small, inner, 2)
        blocks.append(_QR(ticket.official_url, (26 if narrow else 30) * mm, 1))
        blocks += wrap(_shown_address(ticket.official_url), fonts.bold, small, inner, 4)
    blocks.append(_Rule(6))
    blocks += wrap(texts["please_wait"], fonts.bold, body + 3, inner, 0)

    write_receipt(path, paper, blocks, title=texts["title"].format(label=ticket.label),
                  author=help_point_name)
    log.info("ticket %s written (%d mm)", ticket.label, width_mm)
    return Path(path)


def sample_ticket(service: ServiceInfo, issued_at: datetime,
                  bring: tuple[BringItem, ...] = ()) -> TicketInfo:
    """A made-up ticket (number 1, two people ahead) for a printer test; never stored.

    ``issued_at`` is naive UTC (as ``store.clock.now()`` gives) or timezone-aware; ``bring``
    is the service's bring-list (:func:`kiosk.bring.bring_items`), so the test shows the
    real length of a ticket.
    """
    local = issued_at.astimezone(LOCAL_TZ) if issued_at.tzinfo else to_local(issued_at)
    return TicketInfo(
        uuid="test-print", label=ticket_label(service.prefix, 1), prefix=service.prefix,
        number=1, day=local.date(), service_code=service.code, service_name_vi=service.name_vi,
        service_name_en=service.name_en, issued_at=local, ahead=2,
        wait_minutes=2 * service.avg_minutes, desk=None, status=TicketStatus.WAITING,
        official_url=service.official_url, recalls=0, tutorial_id=None, tutorial_step=None,
        bring=bring)


def render_summary(slip: SummarySlip, path: Path, width_mm: int = 80) -> Path:
    """Write the take-home slip "Hôm nay đã làm" (:mod:`kiosk.summary`) as a one-page PDF at
    receipt width, in the ticket's layout; return ``path``.

    Only what ``slip`` holds is printed (it never carries personal data). Raises OutputError
    (Vietnamese) when the file cannot be written; nothing partial is left.
    """
    paper = receipt_paper(width_mm)
    fonts = register_fonts()
    narrow, inner, small, body = paper.narrow, paper.inner, paper.small, paper.body
    qr_size = (24 if narrow else 28) * mm

    blocks: list[_Block] = []
    if slip.help_point:
        blocks += wrap(slip.help_point, fonts.bold, body + 1, inner, 3)
    blocks.append(_Rule(6))
    title = slip.label("title")
    blocks += wrap(title, fonts.bold, _fit_size(title, fonts.bold, inner, body + 6), inner, 2)
    blocks += wrap(slip.label("day", date=slip.day.strftime("%d/%m/%Y")), fonts.regular,
                    body, inner, 6)
    for svc in slip.services:
        blocks.append(_Rule(5))
        blocks += _bullet(svc.name, fonts.bold, body + 1, inner, 3)
        blocks += wrap(slip.label("next"), fonts.bold, small, inner, 1)
        blocks += wrap(svc.next_step, fonts.regular, body, inner, 4)
        if svc.official_url:
            blocks += wrap(slip.label("official"), fonts.regular, small, inner, 2)
            blocks.append(_QR(svc.official_url, qr_size, 1))
            blocks += wrap(_shown_address(svc.official_url), fonts.bold, small, inner, 4)
        if svc.sheet_title:
            blocks += wrap(slip.label("sheet", title=svc.sheet_title), fonts.regular, small,
                            inner, 3)
        if svc.sheet_url:
            blocks += wrap(slip.label("sheet_page"), fonts.regular, small, inner, 2)
            blocks.append(_QR(svc.sheet_url, qr_size, 1))
            blocks += wrap(_shown_address(svc.sheet_url), fonts.bold, small, inner, 4)
    if slip.more:
        blocks += wrap(slip.label("more", names=", ".join(slip.more)), fonts.regular, body,
                        inner, 4)
    blocks.append(_Rule(6))
    if slip.hotline:
        blocks += wrap(slip.label("hotline", phone=slip.hotline), fonts.bold, body + 1,
                        inner, 3)
    blocks += wrap(slip.label("keep"), fonts.regular, small, inner, 0)

    write_receipt(path, paper, blocks, title=slip.label("title"), author=slip.help_point)
    log.info("summary slip written (%d services, %d mm)", len(slip.services), width_mm)
    return Path(path)
