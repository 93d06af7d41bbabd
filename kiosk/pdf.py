"""Shared pieces for every PDF the kiosk makes (tickets, how-to sheets, reports).

The bundled Noto Sans is registered once and embedded (subset) in every file, so every PC
prints the same Vietnamese; reportlab's own Helvetica/Vera lack most Vietnamese vowels.
Files are written to a temporary name and moved into place, so a failure never leaves a
partial PDF where the person expects one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import qrcode
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kiosk.files import OutputError as OutputError  # re-exported: older imports
from kiosk.files import atomic_output
from kiosk.paths import resource_path

FONT = "NotoSans"
FONT_BOLD = "NotoSans-Bold"


@dataclass(frozen=True)
class Fonts:
    regular: str = FONT
    bold: str = FONT_BOLD


def register_fonts() -> Fonts:
    """Register the bundled fonts with reportlab (idempotent) and name them for SVG text."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "NotoSans-Regular.ttf"))))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource_path("fonts", "NotoSans-Bold.ttf"))))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT,
                                      boldItalic=FONT_BOLD)
        # Names used by the step pictures' SVG text (font-family="Noto Sans").
        pdfmetrics.registerFont(TTFont("Noto Sans", str(resource_path("fonts",
                                                                       "NotoSans-Regular.ttf"))))
    return Fonts()


def qr_drawing(data: str, size: float, border: int = 2) -> Drawing:
    """A QR code as reportlab vector shapes (sharp at any print size), made with `qrcode`."""
    qr = qrcode.QRCode(border=border, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(data)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    n = len(matrix)
    cell = size / n
    drawing = Drawing(size, size)
    # renderPDF otherwise starts the drawing with an unembedded Helvetica.
    drawing.initialFontName = register_fonts().regular
    drawing.add(Rect(0, 0, size, size, fillColor=colors.white, strokeColor=None))
    for y, row in enumerate(matrix):
        x = 0
        while x < n:
            if row[x]:
                start = x
                while x < n and row[x]:
                    x += 1
                drawing.add(Rect(start * cell, size - (y + 1) * cell, (x - start) * cell, cell,
                                 fillColor=colors.black, strokeColor=None, strokeWidth=0))
            else:
                x += 1
    return drawing


def write_pdf(path: Path, build: Callable[[Path], None]) -> Path:
    """Run ``build(tmp_path)`` and publish the result atomically at ``path``."""
    with atomic_output(path) as tmp:
        build(tmp)
    return path
