"""Printable how-to sheets and booklets, made from the same tutorial data the screen shows.

A sheet is what a citizen takes home: the help point's name, the task's title, what to bring,
big numbered steps each with its picture, warnings in a red box, QR codes for the official
page and for steps that carry a link, where to ask for more help, and (in small print) when
the content was last checked and where it comes from. A booklet puts many tutorials behind a
title page and a table of contents, each tutorial on a new page.

Everything is real text in the bundled Noto Sans (embedded subset), never Helvetica, and the
pictures stay vectors (SVG through svglib), so a sheet is sharp on any printer and its text
can be searched and read aloud by a screen reader.

Rendering is slow-ish work (tens of milliseconds a page): call these functions from a worker
thread (the GUI's printing lane) or the CLI, never from the GUI thread. They import no Qt.
"""

from __future__ import annotations

import io
import logging
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Circle, Drawing, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError
from svglib.fonts import FontMap
from svglib.svglib import svg2rlg

from kiosk.content.model import Step, Tutorial
from kiosk.content.sources import official_page, printed_sources
from kiosk.files import OutputError
from kiosk.pdf import FONT, FONT_BOLD, qr_drawing, register_fonts, write_pdf

log = logging.getLogger(__name__)

Size = Literal["A4", "A5"]
Lang = Literal["vi", "en"]
Progress = Callable[[int, int], None]

# Print-friendly colours: strong enough on a colour printer, still clear in grey on a laser.
INK = colors.HexColor("#111827")
MUTED = colors.HexColor("#4b5563")
BLUE = colors.HexColor("#1565c0")
BAND = colors.HexColor("#e3eef9")
RULE = colors.HexColor("#cfd8e3")
RED = colors.HexColor("#c62828")
RED_BG = colors.HexColor("#fdecea")
GREEN = colors.HexColor("#2e7d32")
GREEN_BG = colors.HexColor("#edf7ee")
PLACEHOLDER_BG = colors.HexColor("#f3f4f6")

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "bring": "Cần mang theo",
        "bring_none": "Không cần mang gì thêm.",
        "minutes": "Khoảng {n} phút",
        "warning": "Cảnh báo",
        "tip": "Gợi ý",
        "scan_official": "Quét mã bằng điện thoại để mở trang chính thức:",
        "scan_step": "Quét mã để mở trang này:",
        "help": "Cần giúp thêm?",
        "come_to": "Hãy đến {place}.",
        "phone": "Điện thoại: {phone}",
        "reviewed": "Nội dung kiểm tra lần cuối: {date}",
        "sources": "Nguồn",
        "page": "Trang {n}/{total}",
        "no_picture": "Không có hình",
        "booklet_title": "Sổ tay hướng dẫn sử dụng dịch vụ số",
        "booklet_count": "Gồm {n} bài hướng dẫn",
        "booklet_kicker": "SỔ TAY HƯỚNG DẪN",
        "booklet_headline": "Sử dụng dịch vụ số",
        "legend_title": "Cách đọc sổ tay",
        "legend_steps": "Làm lần lượt từng bước theo số thứ tự.",
        "legend_warning": "Khung đỏ là cảnh báo: hãy đọc thật kỹ.",
        "legend_tip": "Khung xanh lá là gợi ý giúp bạn làm dễ hơn.",
        "legend_qr": "Quét mã QR bằng điện thoại để mở trang chính thức.",
        "contents": "Mục lục",
        "page_col": "Trang",
    },
    "en": {
        "bring": "What to bring",
        "bring_none": "Nothing extra to bring.",
        "minutes": "About {n} minutes",
        "warning": "Warning",
        "tip": "Tip",
        "scan_official": "Scan with your phone to open the official page:",
        "scan_step": "Scan to open this page:",
        "help": "Need more help?",
        "come_to": "Come to {place}.",
        "phone": "Phone: {phone}",
        "reviewed": "Content last checked: {date}",
        "sources": "Sources",
        "page": "Page {n}/{total}",
        "no_picture": "No picture",
        "booklet_title": "How-to booklet for digital services",
        "booklet_count": "{n} how-to guides",
        "booklet_kicker": "HOW-TO BOOKLET",
        "booklet_headline": "Using digital services",
        "legend_title": "How to read this booklet",
        "legend_steps": "Do the numbered steps one at a time.",
        "legend_warning": "A red box is a warning: read it carefully.",
        "legend_tip": "A green box is a tip that makes it easier.",
        "legend_qr": "Scan a QR code with your phone to open the official page.",
        "contents": "Contents",
        "page_col": "Page",
    },
}


@dataclass(frozen=True)
class SheetResult:
    """A written sheet: where it is and how many pages (= sheets of paper, one-sided)."""

    path: Path
    pages: int


@dataclass(frozen=True)
class ContentsEntry:
    tutorial_id: str
    title: str
    page: int


@dataclass(frozen=True)
class BookletResult:
    path: Path
    pages: int
    contents: tuple[ContentsEntry, ...]


BOOKLET_STEM = "so-tay-huong-dan"


def sheet_file_name(tutorial_id: str, size: str = "A4", large: bool = False,
                    lang: str = "vi") -> str:
    """A file name that says which variant it is, so A4 and A5 copies never overwrite.

    ``vneid-install.pdf``, ``vneid-install-a5-chu-to-en.pdf``; the staff tab, the sheet
    screen and ``help-kiosk sheet`` all name files this way.
    """
    suffix = ("" if size == "A4" else f"-{size.lower()}") + ("-chu-to" if large else "") \
        + ("" if lang == "vi" else f"-{lang}")
    return f"{tutorial_id}{suffix}.pdf"


@dataclass(frozen=True)
class _Layout:
    """Sizes for one paper size and print size. Large print: bigger type and pictures, so
    fewer steps fit on a page. Pictures sit beside the text; a step too tall for a page that
    way is stacked (picture above text) so it can flow on."""

    page: tuple[float, float]
    margin: float
    body: float
    title: float
    step_title: float
    small: float
    badge: float
    picture_w: float
    qr: float
    step_qr: float
    # Warnings, tips and QR codes under the picture and text, across the page, rather than in
    # the text column: for large print on A5, where that column holds only ~28 characters.
    notes_below: bool = False


def _layout(size: str, large: bool) -> _Layout:
    if size == "A4":
        if large:
            return _Layout(A4, margin=15 * mm, body=17, title=31, step_title=21, small=10,
                           badge=16 * mm, picture_w=82 * mm, qr=34 * mm, step_qr=28 * mm)
        return _Layout(A4, margin=15 * mm, body=13.5, title=25, step_title=16.5, small=8.5,
                       badge=12 * mm, picture_w=62 * mm, qr=30 * mm, step_qr=24 * mm)
    if size == "A5":
        if large:
            return _Layout(A5, margin=11 * mm, body=15, title=23, step_title=18, small=9,
                           badge=13 * mm, picture_w=54 * mm, qr=28 * mm, step_qr=26 * mm,
                           notes_below=True)
        return _Layout(A5, margin=11 * mm, body=11.5, title=19, step_title=14, small=7.5,
                       badge=10 * mm, picture_w=48 * mm, qr=26 * mm, step_qr=22 * mm)
    raise ValueError(f"Khổ giấy không hỗ trợ: “{size}” (dùng A4 hoặc A5)")


@dataclass(frozen=True)
class _Options:
    layout: _Layout
    large: bool
    lang: str
    help_point: str
    commune: str
    hotline: str
    # Pictures already converted in this render (a booklet lays out twice): parsing an SVG
    # is the slowest part of a sheet, and a broken picture is then reported only once.
    pictures: dict[tuple[str, int, float, float], Flowable] = field(
        default_factory=dict, compare=False, repr=False)

    def label(self, key: str, **values: Any) -> str:
        return LABELS[self.lang][key].format(**values)

    @property
    def frame_w(self) -> float:
        return self.layout.page[0] - 2 * self.layout.margin

    @property
    def frame_h(self) -> float:
        return self.layout.page[1] - 2 * self.layout.margin - self.footer_h

    @property
    def footer_h(self) -> float:
        return self.layout.small * 2.2


def _options(size: str, lang: str, large: bool, help_point: str, commune: str,
             hotline: str) -> _Options:
    if lang not in LABELS:
        raise ValueError(f"Ngôn ngữ không hỗ trợ: “{lang}” (dùng vi hoặc en)")
    return _Options(_layout(size, large), large, lang, help_point.strip(), commune.strip(),
                    hotline.strip())


# -- styles ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Styles:
    band: ParagraphStyle
    band_right: ParagraphStyle
    band_plain: ParagraphStyle
    title: ParagraphStyle
    summary: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    step_title: ParagraphStyle
    boxed: ParagraphStyle
    caption: ParagraphStyle
    small: ParagraphStyle
    cover_kicker: ParagraphStyle
    cover_title: ParagraphStyle
    toc_head: ParagraphStyle
    toc_page_left: ParagraphStyle
    centered: ParagraphStyle
    toc: ParagraphStyle
    toc_page: ParagraphStyle


def _styles(o: _Options) -> _Styles:
    lay = o.layout

    def style(name: str, size: float, font: str = FONT, **kw: Any) -> ParagraphStyle:
        kw.setdefault("leading", size * 1.32)
        kw.setdefault("textColor", INK)
        return ParagraphStyle(name, fontName=font, fontSize=size, **kw)

    return _Styles(
        band=style("band", lay.body * 0.85, FONT_BOLD),
        band_right=style("band_right", lay.body * 0.85, alignment=TA_RIGHT),
        band_plain=style("band_plain", lay.body * 0.85),
        title=style("title", lay.title, FONT_BOLD, leading=lay.title * 1.2, spaceAfter=2 * mm),
        summary=style("summary", lay.body, textColor=MUTED, spaceAfter=3 * mm),
        heading=style("heading", lay.step_title, FONT_BOLD, spaceBefore=2 * mm,
                      spaceAfter=1.5 * mm),
        body=style("body", lay.body, leading=lay.body * 1.38),
        bullet=style("bullet", lay.body, leading=lay.body * 1.38, leftIndent=lay.body * 0.9,
                     firstLineIndent=-lay.body * 0.9, spaceAfter=1),
        step_title=style("step_title", lay.step_title, FONT_BOLD, leading=lay.step_title * 1.2),
        boxed=style("boxed", lay.body, leading=lay.body * 1.3),
        caption=style("caption", lay.body * 0.8, textColor=MUTED),
        small=style("small", lay.small, textColor=MUTED, leading=lay.small * 1.3),
        cover_kicker=style("cover_kicker", lay.body * 1.05, FONT_BOLD, textColor=colors.white,
                           spaceAfter=2 * mm),
        cover_title=style("cover_title", lay.title * 1.35, FONT_BOLD, textColor=colors.white,
                          leading=lay.title * 1.6),
        toc_head=style("toc_head", lay.small, textColor=MUTED, alignment=TA_RIGHT),
        toc_page_left=style("toc_page_left", lay.body * 1.05, FONT_BOLD,
                            leading=lay.body * 1.4),
        centered=style("centered", lay.body * 1.1, alignment=TA_CENTER,
                       leading=lay.body * 1.6),
        toc=style("toc", lay.body * 1.05, leading=lay.body * 1.4),
        toc_page=style("toc_page", lay.body * 1.05, FONT_BOLD, alignment=TA_RIGHT,
                       leading=lay.body * 1.4),
    )


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain content text (escaped: tutorial files are not markup)."""
    return Paragraph(escape(text), style)


# -- drawn symbols (Noto Sans has no ⚠ glyph, so the sheet draws its own) ----------------------

def _drawing(width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    d.initialFontName = FONT  # else the renderer starts from an unembedded Helvetica
    return d


def _qr(url: str, size: float) -> Drawing:
    d = qr_drawing(url, size)
    d.initialFontName = FONT
    return d


def _badge(number: int, size: float) -> Drawing:
    d = _drawing(size, size)
    d.add(Circle(size / 2, size / 2, size / 2, fillColor=BLUE, strokeColor=None))
    font = size * (0.58 if number < 10 else 0.48)
    d.add(String(size / 2, size / 2 - font * 0.36, str(number), fontName=FONT_BOLD,
                 fontSize=font, fillColor=colors.white, textAnchor="middle"))
    return d


def _warning_icon(size: float) -> Drawing:
    d = _drawing(size, size)
    d.add(Polygon([size / 2, size * 0.96, size * 0.02, size * 0.08, size * 0.98, size * 0.08],
                  fillColor=RED, strokeColor=RED, strokeWidth=size * 0.04,
                  strokeLineJoin=1))
    font = size * 0.62
    d.add(String(size / 2, size * 0.17, "!", fontName=FONT_BOLD, fontSize=font,
                 fillColor=colors.white, textAnchor="middle"))
    return d


def _tip_icon(size: float) -> Drawing:
    d = _drawing(size, size)
    d.add(Circle(size / 2, size / 2, size / 2 * 0.96, fillColor=GREEN, strokeColor=None))
    font = size * 0.66
    d.add(String(size / 2, size / 2 - font * 0.36, "i", fontName=FONT_BOLD, fontSize=font,
                 fillColor=colors.white, textAnchor="middle"))
    return d


def _placeholder(width: float, height: float, text: str, font_size: float) -> Drawing:
    d = _drawing(width, height)
    d.add(Rect(1, 1, width - 2, height - 2, fillColor=PLACEHOLDER_BG, strokeColor=MUTED,
               strokeWidth=1, strokeDashArray=[4, 3]))
    d.add(String(width / 2, height / 2 - font_size * 0.35, text, fontName=FONT,
                 fontSize=font_size, fillColor=MUTED, textAnchor="middle"))
    return d


# -- pictures ----------------------------------------------------------------------------------

class _NotoFontMap(FontMap):
    """Every font an SVG names (or its default, Helvetica) is drawn in the bundled Noto Sans.

    svglib would otherwise fall back to an unembedded Helvetica, which has no Vietnamese.
    """

    def find_font(self, font_name: str, weight: str = "normal",
                  style: str = "normal") -> tuple[str, bool]:
        w = str(weight).strip().lower()
        bold = w in {"bold", "bolder"} or (w.isdigit() and int(w) >= 600)
        return (FONT_BOLD if bold else FONT), True


_font_map_lock = threading.Lock()
_font_map: _NotoFontMap | None = None


def _svg_font_map() -> _NotoFontMap:
    global _font_map
    with _font_map_lock:
        if _font_map is None:
            _font_map = _NotoFontMap()
        return _font_map


def _picture(tutorial: Tutorial, number: int, step: Step, width: float, max_h: float,
             o: _Options) -> Flowable:
    """The step's picture scaled to ``width`` (at most ``max_h`` high), or a placeholder."""
    key = (tutorial.id, number, width, max_h)
    if key not in o.pictures:
        o.pictures[key] = _load_picture(tutorial, number, step, width, max_h, o)
    return o.pictures[key]


def _drop_words(node: Any) -> None:
    """Remove the words drawn inside a picture, keeping digits and signs ("?", "!", "123").

    The pictures are labelled in Vietnamese ("Nguồn lạ", "Trang thật"); on an English sheet
    a picture without words reads better than one in a language the reader does not know.
    """
    contents = getattr(node, "contents", None)
    if contents is None:
        return
    node.contents = [c for c in contents
                     if not (isinstance(c, String) and any(ch.isalpha() for ch in c.text))]
    for child in node.contents:
        _drop_words(child)


def _load_picture(tutorial: Tutorial, number: int, step: Step, width: float, max_h: float,
                  o: _Options) -> Flowable:
    path = step.image
    drawing = None
    reason = ""
    if path is None:
        reason = "no picture given"
    elif not path.is_file():
        reason = "picture file missing"
    elif path.suffix.lower() == ".svg":
        try:
            drawing = svg2rlg(str(path), font_map=_svg_font_map(),
                              external_reference_root=str(tutorial.folder))
        except Exception as exc:  # svglib raises many kinds on broken input
            reason = f"SVG unreadable ({type(exc).__name__})"
        else:
            if drawing is None or not drawing.width or not drawing.height \
                    or not drawing.contents:
                drawing = None
                reason = "SVG unreadable"
        if drawing is not None:
            drawing.initialFontName = FONT
            if o.lang != "vi":
                _drop_words(drawing)
            scale = min(width / drawing.width, max_h / drawing.height)
            drawing.scale(scale, scale)
            drawing.width *= scale
            drawing.height *= scale
            return drawing
    else:
        try:
            iw, ih = ImageReader(str(path)).getSize()
            if iw <= 0 or ih <= 0:
                raise ValueError("empty image")
        except Exception as exc:  # PIL raises many kinds on a broken file
            reason = f"image unreadable ({type(exc).__name__})"
        else:
            scale = min(width / iw, max_h / ih)
            return Image(str(path), width=iw * scale, height=ih * scale)
    log.warning("sheet %s step %d: %s (%s); printing a placeholder", tutorial.id, number,
                reason, path.name if path else "-")
    return _placeholder(width, min(max_h, width * 0.75), o.label("no_picture"),
                        o.layout.body)


def _table(rows: list[list[Any]], widths: Sequence[float] | None, *commands: Any,
           pad: float = 0.0) -> Table:
    """A layout table. Its cell font is set to ours: reportlab's default is Helvetica, which
    would land in the PDF (unembedded) even when every cell holds a Paragraph."""
    t = Table(rows, colWidths=widths)
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 10),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        *commands,
    ]))
    return t


def _framed(flowable: Flowable) -> Table:
    width, _height = flowable.wrap(0, 0)
    return _table([[flowable]], [width], ("BOX", (0, 0), (-1, -1), 0.8, RULE))


# -- building blocks ---------------------------------------------------------------------------

def _callout(kind: str, text: str, width: float, o: _Options, st: _Styles) -> Table:
    """A bordered box: red with a drawn warning triangle, or green with an "i" for tips."""
    icon_size = o.layout.body * 1.7
    icon = _warning_icon(icon_size) if kind == "warning" else _tip_icon(icon_size)
    border, background = (RED, RED_BG) if kind == "warning" else (GREEN, GREEN_BG)
    para = Paragraph(f"<b>{escape(o.label(kind))}:</b> {escape(text)}", st.boxed)
    pad = 2.2 * mm
    return _table([[icon, para]], [icon_size + pad * 2, width - icon_size - pad * 2],
                  ("BOX", (0, 0), (-1, -1), 2.2 if kind == "warning" else 1.4, border),
                  ("BACKGROUND", (0, 0), (-1, -1), background),
                  ("VALIGN", (0, 0), (-1, -1), "TOP"),
                  ("RIGHTPADDING", (0, 0), (0, 0), 0), pad=pad)


def _address(url: str, width: float, style: ParagraphStyle) -> str:
    """The URL in bold, never broken inside its host name (a citizen types it from paper).

    The scheme and host form one unbreakable piece, made smaller only if the column is too
    narrow for it at the caption size; a long path goes on the next line and may wrap.
    """
    parts = urlsplit(url)
    head = f"{parts.scheme}://{parts.netloc}" if parts.netloc else url
    tail = url[len(head):]
    size = style.fontSize
    fit = width / max(1.0, stringWidth(head + "/", FONT_BOLD, 1))
    if fit < size:
        size = max(5.0, fit * 0.98)
    markup = f"<font name='{FONT_BOLD}' size='{size:.2f}'>{escape(head)}"
    if tail and stringWidth(head + tail, FONT_BOLD, size) > width:
        markup += f"</font><br/><font name='{FONT_BOLD}'>{escape(tail)}</font>"
    else:
        markup += f"{escape(tail)}</font>"
    return markup


def _qr_with_caption(url: str, size: float, caption: str, width: float,
                     st: _Styles) -> Table:
    text_w = width - size - 3 * mm - 4 * mm  # the table cell's padding
    text = Paragraph(f"{escape(caption)}<br/>{_address(url, text_w, st.caption)}",
                     st.caption)
    return _table([[_qr(url, size), text]], [size + 3 * mm, width - size - 3 * mm],
                  ("VALIGN", (0, 0), (-1, -1), "MIDDLE"))


def _nobreak(text: str) -> str:
    """Escaped text whose spaces never break a line (a phone number stays on one line)."""
    return escape(text).replace(" ", "&nbsp;")


def _band(o: _Options, st: _Styles) -> Table:
    """The help point's name, commune and phone across the top of each tutorial."""
    parts = [escape(o.commune)] if o.commune else []
    if o.hotline:
        parts.append(_nobreak(o.label("phone", phone=o.hotline)))
    right = " · ".join(parts)
    pad = 3 * mm
    name_w = stringWidth(o.help_point, FONT_BOLD, st.band.fontSize)
    right_w = stringWidth(" · ".join(p for p in (o.commune, o.label("phone", phone=o.hotline)
                                                  if o.hotline else "") if p),
                          FONT, st.band_right.fontSize)
    if o.large or name_w + right_w + 4 * pad + 6 * mm > o.frame_w:
        # Two lines read better than two squeezed columns.
        cells: list[list[Any]] = [[[_p(o.help_point, st.band), Paragraph(right, st.band_plain)]]]
        widths = [o.frame_w]
    else:
        right_col = right_w + 2 * pad + 1
        cells = [[_p(o.help_point, st.band), Paragraph(right, st.band_right)]]
        widths = [o.frame_w - right_col, right_col]
    return _table(cells, widths,
                  ("BACKGROUND", (0, 0), (-1, -1), BAND),
                  ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                  ("LEFTPADDING", (0, 0), (-1, -1), pad),
                  ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                  ("TOPPADDING", (0, 0), (-1, -1), 1.6 * mm),
                  ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm))


def _intro(t: Tutorial, o: _Options, st: _Styles) -> list[Flowable]:
    lang = o.lang
    out: list[Flowable] = [_band(o, st), Spacer(1, 4 * mm), _p(t.title.get(lang), st.title)]
    summary = t.summary.get(lang)
    out.append(Paragraph(f"{escape(summary)} <b>({escape(o.label('minutes', n=t.minutes))})</b>",
                         st.summary))
    items = t.bring_list(lang)
    bring: list[Flowable] = [_p(o.label("bring"), st.heading)]
    if items:
        bring += [Paragraph(f"•&nbsp;&nbsp;{escape(i)}", st.bullet) for i in items]
    else:
        bring.append(_p(o.label("bring_none"), st.body))
    official = official_page(t)
    if official:
        qr_w = o.layout.qr
        right_w = max(qr_w + 2 * mm, o.frame_w * 0.36)
        left_w = o.frame_w - right_w
        right = [_qr(official, qr_w), Spacer(1, 1 * mm),
                 Paragraph(f"{escape(o.label('scan_official'))}<br/>"
                           + _address(official, right_w - 4 * mm, st.caption), st.caption)]
        out.append(_table([[bring, right]], [left_w, right_w],
                          ("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("RIGHTPADDING", (0, 0), (0, 0), 4 * mm)))
    else:
        out += bring
    out.append(Spacer(1, 4 * mm))
    return out


def _step_notes(step: Step, width: float, o: _Options, st: _Styles) -> list[Flowable]:
    """The step's warning, tip and link QR code, each with space above it."""
    lang = o.lang
    parts: list[Flowable] = []
    if step.warning is not None and step.warning.get(lang):
        parts += [Spacer(1, 2.5 * mm), _callout("warning", step.warning.get(lang), width, o, st)]
    if step.tip is not None and step.tip.get(lang):
        parts += [Spacer(1, 2.5 * mm), _callout("tip", step.tip.get(lang), width, o, st)]
    if step.link:
        parts += [Spacer(1, 2.5 * mm),
                  _qr_with_caption(step.link, o.layout.step_qr, o.label("scan_step"), width, st)]
    return parts


def _step_header(number: int, step: Step, o: _Options, st: _Styles) -> Table:
    badge = o.layout.badge
    return _table([[_badge(number, badge), _p(step.title.get(o.lang), st.step_title)]],
                  [badge + 3 * mm, o.frame_w - badge - 3 * mm],
                  ("VALIGN", (0, 0), (-1, -1), "MIDDLE"))


def _step(tutorial: Tutorial, number: int, step: Step, o: _Options,
          st: _Styles) -> list[Flowable]:
    """One numbered step, kept on one page: picture beside the text, or above it."""
    lay = o.layout
    gap = 5 * mm
    rule = HRFlowable(width="100%", thickness=0.8, color=RULE, spaceBefore=0, spaceAfter=3 * mm)
    header = _step_header(number, step, o, st)
    text = _p(step.text.get(o.lang), st.body)
    text_w = o.frame_w - lay.picture_w - gap
    pic = _framed(_picture(tutorial, number, step, lay.picture_w, lay.picture_w * 0.9, o))
    column = [text] if lay.notes_below else [text, *_step_notes(step, text_w, o, st)]
    body = _table([[pic, column]], [lay.picture_w, text_w + gap],
                  ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (1, 0), (1, 0), gap))
    block: list[Flowable] = [rule, header, Spacer(1, 2.5 * mm), body]
    if lay.notes_below:
        block += _step_notes(step, o.frame_w, o, st)
    height = sum(f.wrap(o.frame_w, o.frame_h)[1] for f in block)
    if height < o.frame_h * 0.9:
        return [KeepTogether(block), Spacer(1, 4 * mm)]
    # Too tall to keep beside its picture on one page: stack it so it can flow on.
    text = _p(step.text.get(o.lang), st.body)
    pic = _framed(_picture(tutorial, number, step, lay.picture_w, o.frame_h * 0.4, o))
    pic.hAlign = "CENTER"
    return [KeepTogether([rule, header, Spacer(1, 3 * mm), pic, Spacer(1, 3 * mm), text,
                          *_step_notes(step, o.frame_w, o, st)]),
            Spacer(1, 4 * mm)]


def _closing(t: Tutorial, o: _Options, st: _Styles) -> list[Flowable]:
    help_lines = [f"<b>{escape(o.label('help'))}</b>"]
    place = ", ".join(p for p in (o.help_point, o.commune) if p)
    if place:
        help_lines.append(escape(o.label("come_to", place=place)))
    if o.hotline:
        help_lines.append(f"<b>{_nobreak(o.label('phone', phone=o.hotline))}</b>")
    box = _table([[Paragraph("<br/>".join(help_lines), st.boxed)]], [o.frame_w],
                 ("BOX", (0, 0), (-1, -1), 1.4, BLUE), ("BACKGROUND", (0, 0), (-1, -1), BAND),
                 ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                 ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
                 ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm))
    reviewed = t.last_reviewed.strftime("%d/%m/%Y")
    small: list[Flowable] = [Spacer(1, 3 * mm),
                             _p(o.label("reviewed", date=reviewed), st.small)]
    cited = printed_sources(t)  # official pages first; never a blog or aggregator
    if cited:
        lines = [f"{escape(s.title)}: {escape(s.url)}" if s.title else escape(s.url)
                 for s in cited]
        small.append(Paragraph(f"{escape(o.label('sources'))}: " + "; ".join(lines), st.small))
    return [KeepTogether([box, *small])]


def _tutorial_story(t: Tutorial, o: _Options, st: _Styles) -> list[Flowable]:
    story = _intro(t, o, st)
    for number, step in enumerate(t.steps, start=1):
        story += _step(t, number, step, o, st)
    story += _closing(t, o, st)
    return story


# -- document, footer and page numbers --------------------------------------------------------

def _canvas_class(o: _Options, pages_out: list[int]) -> type[Canvas]:
    """A canvas that writes the footer ("Trang 1/2") once the page count is known."""
    footer_left = " · ".join(p for p in (o.help_point, o.commune) if p)

    class FooterCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._page_states)
            for state in self._page_states:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            pages_out.append(total)
            super().save()

        def _footer(self, total: int) -> None:
            lay = o.layout
            y = lay.margin * 0.6
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.6)
            self.line(lay.margin, y + lay.small * 1.5, lay.page[0] - lay.margin,
                      y + lay.small * 1.5)
            self.setFillColor(MUTED)
            self.setFont(FONT, lay.small)
            self.drawString(lay.margin, y, _fit(footer_left, FONT, lay.small, o.frame_w * 0.7))
            self.setFont(FONT_BOLD, lay.small * 1.15)
            self.drawRightString(lay.page[0] - lay.margin, y,
                                 o.label("page", n=self.getPageNumber(), total=total))
            self.restoreState()

    return FooterCanvas


def _fit(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class _Marker(Flowable):  # type: ignore[misc]
    """Zero-size flowable marking where a tutorial starts (for the contents and outline)."""

    def __init__(self, key: str, title: str) -> None:
        super().__init__()
        self.key = key
        self.title = title
        self.width = self.height = 0

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=0)


class _Doc(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, target: Any, o: _Options, title: str,
                 on_marker: Callable[[_Marker, int], None] | None = None) -> None:
        lay = o.layout
        super().__init__(
            target, pagesize=lay.page, leftMargin=lay.margin, rightMargin=lay.margin,
            topMargin=lay.margin, bottomMargin=lay.margin + o.footer_h,
            initialFontName=FONT, initialFontSize=o.layout.body, title=title,
            author=o.help_point, subject=title, creator="help-kiosk",
            lang="vi-VN" if o.lang == "vi" else "en",
        )
        frame = Frame(lay.margin, lay.margin + o.footer_h, o.frame_w, o.frame_h,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._on_marker = on_marker

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        if isinstance(flowable, _Marker) and self._on_marker is not None:
            self._on_marker(flowable, self.canv.getPageNumber())


def _build(target: Any, story: list[Flowable], o: _Options, title: str,
           on_marker: Callable[[_Marker, int], None] | None = None) -> int:
    pages: list[int] = []
    doc = _Doc(target, o, title, on_marker)
    try:
        doc.build(story, canvasmaker=_canvas_class(o, pages))
    except LayoutError as exc:
        log.exception("sheet layout failed")
        raise OutputError(f"Không dàn trang được “{title}”: có một phần quá lớn cho khổ giấy. "
                          "Hãy thử khổ A4 hoặc báo cho cán bộ.",
                          en=f"“{title}” could not be laid out: one part is too big for the paper "
                             "size. Try A4 or tell staff.") from exc
    return pages[-1]


# -- public API --------------------------------------------------------------------------------

def render_sheet(tutorial: Tutorial, path: Path, *, size: Size = "A4", lang: Lang = "vi",
                 large: bool = False, help_point: str = "Điểm hỗ trợ số", commune: str = "",
                 hotline: str = "") -> SheetResult:
    """Write one tutorial's printable sheet to ``path`` (atomically).

    Raises:
        OutputError: ``path`` cannot be written (message in Vietnamese); nothing is left there.
        ValueError: an unknown size or language.
    """
    register_fonts()
    o = _options(size, lang, large, help_point, commune, hotline)
    st = _styles(o)
    title = tutorial.title.get(o.lang)
    pages: list[int] = []

    def build(tmp: Path) -> None:
        pages.append(_build(str(tmp), _tutorial_story(tutorial, o, st), o, title))

    write_pdf(Path(path), build)
    log.info("sheet written: %s, %s%s %s, %d pages", tutorial.id, size,
             " large" if large else "", lang, pages[0])
    return SheetResult(Path(path), pages[0])


@dataclass(frozen=True)
class SheetsResult:
    """Sheets written one file per tutorial into a folder."""

    folder: Path
    paths: tuple[Path, ...]
    pages: int


def render_sheets(tutorials: Sequence[Tutorial], folder: Path, *,
                  file_name: Callable[[Tutorial], str] = lambda t: f"{t.id}.pdf",
                  progress: Progress | None = None, **options: Any) -> SheetsResult:
    """Write one sheet per tutorial into ``folder``, creating it if its parent exists.

    All or nothing for a folder this call created: when a sheet cannot be written (a full
    USB stick), the folder is removed again, so nobody prints an incomplete stack believing
    it is the whole set. In a folder that was already there, the sheets written so far stay
    (other files live there too). Either way the :class:`OutputError` names the sheets that
    were written and those that were not. ``options`` are those of :func:`render_sheet`.
    """
    folder = Path(folder)
    created = False
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"“{folder}” là một tệp. Khi in nhiều bài, hãy chọn một thư mục "
                          "(hoặc gộp thành một sổ tay).",
                          en=f"“{folder}” is a file. For several tutorials, choose a folder (or "
                             "make one booklet).")
    if not folder.exists():
        if not folder.parent.is_dir():
            raise OutputError(f"Thư mục “{folder.parent}” không tồn tại. Hãy chọn thư mục "
                              "khác hoặc cắm lại USB.",
                              en=f"The folder “{folder.parent}” does not exist. Choose another "
                                 "folder or plug the USB drive in again.")
        try:
            folder.mkdir()
        except OSError as exc:
            raise OutputError(f"Không tạo được thư mục “{folder}” ({exc.strerror}).",
                              en=f"Could not create the folder “{folder}” "
                                 f"({exc.strerror}).") from exc
        created = True
    report = progress or (lambda _d, _t: None)
    paths: list[Path] = []
    pages = 0
    for i, tut in enumerate(tutorials):
        report(i, len(tutorials))
        try:
            result = render_sheet(tut, folder / file_name(tut), **options)
        except OutputError as exc:
            done = ", ".join(t.id for t in tutorials[:i]) or "không có"
            done_en = ", ".join(t.id for t in tutorials[:i]) or "none"
            rest = ", ".join(t.id for t in tutorials[i:])
            if created:
                shutil.rmtree(folder, ignore_errors=True)
                raise OutputError(
                    f"{exc} Đã ghi {i}/{len(tutorials)} tờ ({done}) thì gặp lỗi nên đã xóa "
                    f"thư mục “{folder}” vừa tạo, để không còn một bộ tờ thiếu; chưa ghi: "
                    f"{rest}. Hãy giải phóng chỗ trống hoặc chọn nơi khác rồi làm lại.",
                    en=f"{exc.message('en')} After {i}/{len(tutorials)} sheets ({done_en}) "
                       f"it stopped, so the new folder “{folder}” was removed (no incomplete "
                       f"set is left); not written: {rest}. Free some space or choose another "
                       "place, then try again."
                ) from exc
            raise OutputError(
                f"{exc} Đã ghi {i}/{len(tutorials)} tờ vào “{folder}”: {done}; chưa ghi: "
                f"{rest}. Hãy giải phóng chỗ trống hoặc chọn nơi khác rồi làm lại.",
                en=f"{exc.message('en')} Wrote {i}/{len(tutorials)} sheets to “{folder}”: "
                   f"{done_en}; not written: {rest}. Free some space or choose another place, "
                   "then try again.") from exc
        paths.append(result.path)
        pages += result.pages
    report(len(tutorials), len(tutorials))
    return SheetsResult(folder, tuple(paths), pages)


def render_booklet(tutorials: Sequence[Tutorial], path: Path, *, size: Size = "A4",
                   lang: Lang = "vi", large: bool = False,
                   help_point: str = "Điểm hỗ trợ số", commune: str = "", hotline: str = "",
                   progress: Progress | None = None) -> BookletResult:
    """Write many tutorials as one booklet: title page, contents with page numbers, tutorials.

    The booklet is laid out twice (once to learn where each tutorial starts, once to print
    the real page numbers in the contents), so ``progress(done, total)`` counts
    ``2 × len(tutorials)`` units of work; show it as a percentage.

    Raises:
        OutputError: ``path`` cannot be written; nothing is left there.
        ValueError: no tutorials, or an unknown size or language.
    """
    if not tutorials:
        raise ValueError("Chưa chọn bài hướng dẫn nào để in sổ tay.")
    register_fonts()
    o = _options(size, lang, large, help_point, commune, hotline)
    st = _styles(o)
    total = 2 * len(tutorials)
    done = 0
    booklet_title = o.label("booklet_title")

    def on_marker(marker: _Marker, page: int) -> None:
        nonlocal done
        starts[marker.key] = page
        done += 1
        if progress is not None:
            progress(min(done, total), total)

    if progress is not None:
        progress(0, total)
    starts: dict[str, int] = {}
    _build(io.BytesIO(), _booklet_story(tutorials, o, st, None), o, booklet_title, on_marker)
    first_pass = dict(starts)
    pages: list[int] = []

    def build(tmp: Path) -> None:
        starts.clear()
        pages.append(_build(str(tmp), _booklet_story(tutorials, o, st, first_pass), o,
                            booklet_title, on_marker))
        if starts != first_pass:  # the contents changed length: should not happen
            log.warning("booklet contents moved between passes")

    write_pdf(Path(path), build)
    contents = tuple(ContentsEntry(t.id, t.title.get(o.lang), starts.get(_key(i, t), 0))
                     for i, t in enumerate(tutorials))
    log.info("booklet written: %d tutorials, %d pages", len(tutorials), pages[0])
    return BookletResult(Path(path), pages[0], contents)


def _key(index: int, t: Tutorial) -> str:
    return f"t{index}-{t.id}"


def _qr_icon(size: float) -> Drawing:
    d = _drawing(size, size)
    d.add(Rect(0, 0, size, size, rx=size * 0.18, ry=size * 0.18, fillColor=INK,
               strokeColor=None))
    font = size * 0.42
    d.add(String(size / 2, size / 2 - font * 0.36, "QR", fontName=FONT_BOLD, fontSize=font,
                 fillColor=colors.white, textAnchor="middle"))
    return d


def _title_page(count: int, o: _Options, st: _Styles) -> list[Flowable]:
    """The booklet's cover: what it is, whose it is, and how to read the pages."""
    cover = _table([[[_p(o.label("booklet_kicker"), st.cover_kicker),
                      _p(o.label("booklet_headline"), st.cover_title)]]], [o.frame_w],
                   ("BACKGROUND", (0, 0), (-1, -1), BLUE),
                   ("LEFTPADDING", (0, 0), (-1, -1), 8 * mm),
                   ("RIGHTPADDING", (0, 0), (-1, -1), 8 * mm),
                   ("TOPPADDING", (0, 0), (-1, -1), 9 * mm),
                   ("BOTTOMPADDING", (0, 0), (-1, -1), 10 * mm))
    story: list[Flowable] = [Spacer(1, o.frame_h * 0.06), cover, Spacer(1, 9 * mm)]
    for line in (o.help_point, o.commune):
        if line:
            story.append(Paragraph(f"<b>{escape(line)}</b>", st.centered))
    if o.hotline:
        story.append(_p(o.label("phone", phone=o.hotline), st.centered))
    story += [Spacer(1, 5 * mm), _p(o.label("booklet_count", n=count), st.centered),
              Spacer(1, 10 * mm)]
    icon = o.layout.badge
    legend = [
        (_badge(1, icon), o.label("legend_steps")),
        (_warning_icon(icon), o.label("legend_warning")),
        (_tip_icon(icon), o.label("legend_tip")),
        (_qr_icon(icon), o.label("legend_qr")),
    ]
    rows: list[list[Any]] = [[_p(o.label("legend_title"), st.heading), ""]]
    rows += [[drawing, _p(text, st.body)] for drawing, text in legend]
    story.append(_table(rows, [icon + 5 * mm, o.frame_w - icon - 5 * mm - 12 * mm],
                        ("SPAN", (0, 0), (-1, 0)),
                        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                        ("BOX", (0, 0), (-1, -1), 1, RULE),
                        ("LEFTPADDING", (0, 0), (-1, -1), 5 * mm),
                        ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
                        ("TOPPADDING", (0, 0), (-1, 0), 3 * mm),
                        ("BOTTOMPADDING", (0, -1), (-1, -1), 4 * mm)))
    return story


def _contents(tutorials: Sequence[Tutorial], o: _Options, st: _Styles,
              starts: dict[str, int] | None) -> list[Flowable]:
    rows = [[_p(f"{i + 1}.", st.toc_page_left), _p(t.title.get(o.lang), st.toc),
             _p(str(starts[_key(i, t)]) if starts else "000", st.toc_page)]
            for i, t in enumerate(tutorials)]
    num_w = stringWidth("0000", FONT_BOLD, st.toc.fontSize) + 4 * mm
    idx_w = stringWidth("00.", FONT_BOLD, st.toc.fontSize) + 3 * mm
    return [_band(o, st), Spacer(1, 4 * mm), _p(o.label("contents"), st.title),
            Spacer(1, 2 * mm),
            _table([["", "", _p(o.label("page_col"), st.toc_head)], *rows],
                   [idx_w, o.frame_w - num_w - idx_w, num_w],
                   ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                   ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
                   ("TOPPADDING", (0, 1), (-1, -1), 2.4 * mm),
                   ("BOTTOMPADDING", (0, 1), (-1, -1), 2.2 * mm))]


def _booklet_story(tutorials: Sequence[Tutorial], o: _Options, st: _Styles,
                   starts: dict[str, int] | None) -> list[Flowable]:
    story = [*_title_page(len(tutorials), o, st), PageBreak(),
             *_contents(tutorials, o, st, starts)]
    for i, t in enumerate(tutorials):
        story += [PageBreak(), _Marker(_key(i, t), t.title.get(o.lang))]
        story += _tutorial_story(t, o, st)
    return story


__all__ = ["BookletResult", "ContentsEntry", "OutputError", "SheetResult", "render_booklet",
           "render_sheet"]
