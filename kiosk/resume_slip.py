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
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth

from kiosk.pdf import register_fonts
from kiosk.resume import IssuedCode, shown
from kiosk.tickets import Block, Line, Rule, receipt_paper, wrap, write_receipt

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


def render_slip(code: IssuedCode, title: str, total: int, path: Path, width_mm: int = 80,
                help_point_name: str = "Điểm hỗ trợ số", lang: str = "vi") -> Path:
    """Write the slip for ``code`` (``title``: what it opens; ``total``: its steps) as a
    one-page PDF at receipt width; return ``path``.

    Raises OutputError (Vietnamese, with English) when the paper width is not one the
    kiosk prints or the file cannot be written; nothing partial is left.
    """
    paper = receipt_paper(width_mm)
    texts = _TEXT["en" if lang == "en" else "vi"]
    fonts = register_fonts()
    inner, small, body = paper.inner, paper.small, paper.body
    big = shown(code.code)
    size = 56.0 if paper.narrow else 72.0
    while size > 20 and stringWidth(big, fonts.bold, size) > inner:
        size -= 2

    blocks: list[Block] = []
    name = help_point_name.strip()
    if name:
        blocks += wrap(name, fonts.bold, body + 1, inner, 3)
    blocks.append(Rule(6))
    blocks += wrap(texts["heading"], fonts.regular, small, inner, 2)
    blocks.append(Line(big, fonts.bold, size, 4))
    blocks += wrap(texts["what"].format(title=title), fonts.bold, body, inner, 2)
    blocks += wrap(texts["where"].format(n=code.position + 1, total=total), fonts.regular,
                   body, inner, 2)
    blocks += wrap(texts["until"].format(date=code.expires_local.strftime("%d/%m/%Y")),
                   fonts.regular, body, inner, 5)
    blocks.append(Rule(6))
    blocks += wrap(texts["how"], fonts.regular, body, inner, 4)
    blocks += wrap(texts["private"], fonts.regular, small, inner, 0)
    write_receipt(path, paper, blocks, title=texts["title"].format(code=code.code),
                  author=help_point_name)
    log.info("resume slip written (%d mm)", width_mm)
    return Path(path)
