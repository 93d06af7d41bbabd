"""The printed resume slip: a small receipt-width PDF with the code to come back with.

Printed on the ticket printer (80 mm or 58 mm roll, :data:`kiosk.tickets.WIDTHS_MM`) when a
citizen leaving a tutorial or practice midway presses "In mã". Black on white, the bundled
Noto Sans embedded, the code as large as the paper allows with its digits spaced apart, what
it opens, until when, and how to use it at this help point. Nothing personal: the slip says
only what the code row holds (:mod:`kiosk.resume`). Written atomically through kiosk.pdf.

Thread: any (pure; no database). The GUI calls it from its printing lane.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen import canvas

from kiosk.files import OutputError
from kiosk.pdf import register_fonts, write_pdf
from kiosk.resume import IssuedCode, shown
from kiosk.tickets import PRINT_WIDTH_MM, WIDTHS_MM

log = logging.getLogger(__name__)

_TEXT = {
    "vi": {
        "heading": "MÃ HỌC TIẾP CỦA BẠN",
        "what": "Bài: {title}",
        "where": "Bạn dừng ở bước {n}/{total}",
        "until": "Dùng được đến hết ngày {date}",
        "how": "Lần sau, tại điểm hỗ trợ này: chạm “Học từng bước”, rồi “Tiếp tục bài đang "
               "học” và nhập 4 số trên.",
        "private": "Mã không chứa thông tin cá nhân của bạn.",
        "title": "Mã học tiếp {code}",
    },
    "en": {
        "heading": "YOUR RESUME CODE",
        "what": "Guide: {title}",
        "where": "You stopped at step {n}/{total}",
        "until": "Works until the end of {date}",
        "how": "Next time, at this help point: touch “Learn step by step”, then “Continue "
               "where I stopped”, and type the 4 digits above.",
        "private": "The code holds nothing about you.",
        "title": "Resume code {code}",
    },
}


@dataclass(frozen=True)
class _Line:
    text: str
    font: str
    size: float
    gap_after: float = 0.0


def _wrap(text: str, font: str, size: float, width: float, gap_after: float) -> list[_Line]:
    lines = simpleSplit(text, font, size, width) or [""]
    out = [_Line(line, font, size) for line in lines]
    out[-1] = _Line(out[-1].text, font, size, gap_after)
    return out


def _line_height(line: _Line) -> float:
    ascent, descent = getAscentDescent(line.font, line.size)
    return float(ascent - descent) * 1.05


def render_slip(code: IssuedCode, title: str, total: int, path: Path, width_mm: int = 80,
                help_point_name: str = "Điểm hỗ trợ số", lang: str = "vi") -> Path:
    """Write the slip for ``code`` (``title``: what it opens; ``total``: its steps) as a
    one-page PDF at receipt width; return ``path``.

    Raises OutputError (Vietnamese, with English) when the paper width is not one the
    kiosk prints or the file cannot be written; nothing partial is left.
    """
    if width_mm not in WIDTHS_MM:
        raise OutputError(f"Khổ giấy {width_mm} mm không dùng được: chọn 80 hoặc 58 mm.",
                          en=f"Paper {width_mm} mm wide cannot be used: choose 80 or 58 mm.")
    texts = _TEXT["en" if lang == "en" else "vi"]
    fonts = register_fonts()
    narrow = width_mm == 58
    margin = ((width_mm - PRINT_WIDTH_MM[width_mm]) / 2 + 0.5) * mm
    edge = (3 if narrow else 4) * mm
    page_w = width_mm * mm
    inner = page_w - 2 * margin
    small = 8.5 if narrow else 10
    body = 10 if narrow else 11.5
    big = shown(code.code)
    size = 56.0 if narrow else 72.0
    while size > 20 and stringWidth(big, fonts.bold, size) > inner:
        size -= 2

    lines: list[_Line | None] = []  # None: a dashed rule
    name = help_point_name.strip()
    if name:
        lines += _wrap(name, fonts.bold, body + 1, inner, 3)
    lines.append(None)
    lines += _wrap(texts["heading"], fonts.regular, small, inner, 2)
    lines.append(_Line(big, fonts.bold, size, 4))
    lines += _wrap(texts["what"].format(title=title), fonts.bold, body, inner, 2)
    lines += _wrap(texts["where"].format(n=code.position + 1, total=total), fonts.regular,
                   body, inner, 2)
    lines += _wrap(texts["until"].format(date=code.expires_local.strftime("%d/%m/%Y")),
                   fonts.regular, body, inner, 5)
    lines.append(None)
    lines += _wrap(texts["how"], fonts.regular, body, inner, 4)
    lines += _wrap(texts["private"], fonts.regular, small, inner, 0)

    def height(line: _Line | None) -> float:
        return 7.0 if line is None else _line_height(line) + line.gap_after

    page_h = 2 * edge + sum(height(x) for x in lines)

    def build(tmp: Path) -> None:
        c = canvas.Canvas(str(tmp), pagesize=(page_w, page_h), initialFontName=fonts.regular,
                          initialFontSize=body)
        c.setTitle(texts["title"].format(code=code.code))
        c.setAuthor(help_point_name)
        c.setFillColorRGB(0, 0, 0)
        c.setStrokeColorRGB(0, 0, 0)
        top = page_h - edge
        for line in lines:
            if line is None:
                c.setLineWidth(0.8)
                c.setDash(2, 2)
                c.line(margin, top - 0.5, page_w - margin, top - 0.5)
                c.setDash()
                top -= 7.0
                continue
            ascent = getAscentDescent(line.font, line.size)[0]
            c.setFont(line.font, line.size)
            c.drawCentredString(page_w / 2, top - ascent, line.text)
            top -= _line_height(line) + line.gap_after
        c.showPage()
        c.save()

    write_pdf(Path(path), build)
    log.info("resume slip written (%d mm)", width_mm)
    return Path(path)
