"""Colours, sizes and the application style sheet, in two contrasts and three text sizes.

Every text/background pair a screen uses is listed in :data:`TEXT_PAIRS`, so a test can compute
each contrast ratio with the WCAG formula (4.5:1 normal, 7:1 high contrast) instead of trusting
an eye. Pure functions at the top need no QApplication.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

BASE_WIDTH = 1920
BASE_HEIGHT = 1080
MIN_TARGET_PX = 96  # at 1920×1080; scaled with the screen
BASE_FONT_PT = (22, 26, 30)  # text size levels 0, 1, 2


class Palette(NamedTuple):
    name: str
    window: str
    surface: str
    text: str
    muted: str
    primary: str
    on_primary: str
    secondary: str
    on_secondary: str
    danger: str
    on_danger: str
    warning_bg: str
    warning_text: str
    tip_bg: str
    tip_text: str
    focus: str
    bar: str
    on_bar: str
    icon: str
    min_ratio: float


NORMAL = Palette(
    name="normal", window="#eef3f8", surface="#ffffff", text="#1f2937", muted="#374151",
    primary="#0d47a1", on_primary="#ffffff", secondary="#ffffff", on_secondary="#0d47a1",
    danger="#b71c1c", on_danger="#ffffff", warning_bg="#fdecea", warning_text="#8e1111",
    tip_bg="#e8f5e9", tip_text="#1b5e20", focus="#e65100", bar="#0d47a1", on_bar="#ffffff",
    icon="#1f2937", min_ratio=4.5)

HIGH_CONTRAST = Palette(
    name="high", window="#000000", surface="#000000", text="#ffffff", muted="#ffffff",
    primary="#ffff00", on_primary="#000000", secondary="#000000", on_secondary="#ffff00",
    danger="#ffffff", on_danger="#000000", warning_bg="#000000", warning_text="#ffff00",
    tip_bg="#000000", tip_text="#00ffff", focus="#00ffff", bar="#000000", on_bar="#ffffff",
    icon="#ffffff", min_ratio=7.0)


def palette(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else NORMAL


_current: list[Palette] = [NORMAL]
_target: list[int] = [MIN_TARGET_PX]
_scale: list[float] = [1.0]


def current() -> Palette:
    """The palette in force, so widgets made later (catalogue cards) start with it."""
    return _current[0]


def current_target() -> int:
    """The smallest touch target in force (px), for widgets that size themselves."""
    return _target[0]


def set_current(p: Palette, scale: float = 1.0) -> None:
    _current[0] = p
    _target[0] = target_px(scale)
    _scale[0] = scale


BORDER_PX = 3  # a button's border in the style sheet


def padding_px(scale: float) -> int:
    """A button's inner padding in the style sheet, per side."""
    return max(8, round(16 * scale))


def current_padding() -> int:
    return padding_px(_scale[0])


def icon_px(base: int) -> int:
    """An icon's size on this screen: ``base`` is for 1920×1080, smaller screens scale it
    down like every other size (a 128 px tile icon alone would eat a 1366×768 screen's row)."""
    return max(24, round(base * _scale[0]))


# (foreground attribute, background attribute) pairs that appear on screen.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "window"), ("text", "surface"), ("muted", "surface"), ("muted", "window"),
    ("on_primary", "primary"), ("on_secondary", "secondary"), ("on_danger", "danger"),
    ("warning_text", "warning_bg"), ("tip_text", "tip_bg"), ("on_bar", "bar"),
)


def _channel(c: float) -> float:
    c /= 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two colours, 1.0 to 21.0."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def scale_for(width: int, height: int) -> float:
    """Layout scale relative to 1920×1080 (1366×768 gives about 0.71)."""
    return min(width / BASE_WIDTH, height / BASE_HEIGHT, 1.0) if width and height else 1.0


def target_px(scale: float) -> int:
    return round(MIN_TARGET_PX * scale)


def font_pt(level: int, scale: float = 1.0) -> int:
    """Text size in points: never below 22 pt, a little smaller on small screens."""
    size = BASE_FONT_PT[max(0, min(level, 2))] * (1 + scale) / 2
    return max(BASE_FONT_PT[0], round(size))


def style_sheet(p: Palette, level: int, scale: float) -> str:
    """The application-wide Qt style sheet for a palette, text size level and screen scale."""
    base = font_pt(level, scale)
    big = round(base * 1.35)
    huge = round(base * 2.2)
    pad = padding_px(scale)
    radius = max(8, round(16 * scale))
    target = target_px(scale)
    # QSS min sizes exclude padding and border: subtract them so the whole box is the target.
    inner = max(24, target - 2 * pad - 6)
    return f"""
QWidget {{ font-family: "Noto Sans"; font-size: {base}pt; color: {p.text}; }}
QMainWindow, QStackedWidget, QWidget#Screen {{ background: {p.window}; }}
QWidget#TopBar, QWidget#BottomBar {{ background: {p.bar}; }}
QWidget#TopBar QLabel, QWidget#BottomBar QLabel {{ color: {p.on_bar}; font-weight: bold; }}
QLabel[role="title"] {{ font-size: {big}pt; font-weight: bold; color: {p.text}; }}
QLabel[role="huge"] {{ font-size: {huge}pt; font-weight: bold; color: {p.text}; }}
QAbstractButton[keypad="true"] QLabel {{ font-size: {big}pt; }}
QLabel#stepText, QLabel#practiceAsk {{ font-size: {round(base * 1.15)}pt; }}
QLabel[role="muted"] {{ color: {p.muted}; }}
QLabel[role="warning"] {{ background: {p.warning_bg}; color: {p.warning_text};
    border: 3px solid {p.warning_text}; border-radius: {radius}px; padding: {pad}px;
    font-weight: bold; }}
QLabel[role="tip"] {{ background: {p.tip_bg}; color: {p.tip_text};
    border: 3px solid {p.tip_text}; border-radius: {radius}px; padding: {pad}px; }}
QLabel[role="banner"] {{ background: {p.primary}; color: {p.on_primary}; font-weight: bold;
    padding: {pad}px; border-radius: {radius}px; }}
QAbstractButton {{ min-width: {inner}px; min-height: {inner}px; border-radius: {radius}px;
    padding: {pad}px; font-weight: bold; background: {p.primary}; color: {p.on_primary};
    border: 3px solid {p.primary}; outline: none; }}
QAbstractButton[role="secondary"], QWidget#TopBar QAbstractButton,
QWidget#BottomBar QAbstractButton {{ background: {p.secondary}; color: {p.on_secondary};
    border: 3px solid {p.on_secondary}; }}
QAbstractButton[role="danger"] {{ background: {p.danger}; color: {p.on_danger};
    border: 3px solid {p.danger}; }}
QAbstractButton[role="tile"] {{ background: {p.surface}; color: {p.text};
    border: 3px solid {p.muted}; font-size: {round(base * 1.1)}pt; }}
/* Chosen (a toggle on) is filled, edged in the text's (on a bar, the bar's) colour; the focus
   colour's ring is keyboard focus alone (below, it outranks this), so a chosen button does
   not look focused nor a focused one chosen (tests/ui/test_focus_ring.py). */
QAbstractButton:checked {{ background: {p.primary}; color: {p.on_primary};
    border: 5px solid {p.text}; }}
QWidget#TopBar QAbstractButton:checked, QWidget#BottomBar QAbstractButton:checked {{
    background: {p.primary}; color: {p.on_primary}; border: 5px solid {p.on_bar}; }}
QAbstractButton:focus, QWidget#TopBar QAbstractButton:focus,
QWidget#BottomBar QAbstractButton:focus {{ border: 5px solid {p.focus}; }}
QAbstractButton:disabled {{ background: {p.window}; color: {p.muted};
    border: 3px dashed {p.muted}; }}
QWidget#TopBar QAbstractButton:disabled, QWidget#BottomBar QAbstractButton:disabled {{
    background: {p.bar}; color: {p.on_bar}; border: 3px dashed {p.on_bar}; }}
QAbstractButton[armed="true"] {{ border: 6px solid {p.focus}; }}
QLineEdit, QComboBox, QSpinBox, QPlainTextEdit, QTextEdit, QDateEdit {{
    background: {p.surface}; color: {p.text}; border: 3px solid {p.muted};
    border-radius: {radius // 2}px; padding: {pad // 2}px; min-height: {round(target * 0.7)}px; }}
QProgressBar {{ border: 3px solid {p.muted}; border-radius: {radius // 2}px;
    background: {p.surface}; color: transparent; text-align: center;
    min-height: {round(target * 0.35)}px; }}
QProgressBar::chunk {{ background: {p.primary}; }}
/* No text inside progress bars: no colour reads on both the fill and the track, so screens
   say the percentage in a label beside the bar. */
QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; border: none; }}
QTableView, QListView, QTreeView {{ background: {p.surface}; color: {p.text};
    alternate-background-color: {p.window}; gridline-color: {p.muted};
    selection-background-color: {p.tip_bg}; selection-color: {p.tip_text}; }}
QListWidget#staffTabsList {{ font-size: {round(base * 0.85)}pt; font-weight: bold; }}
QHeaderView::section {{ background: {p.bar}; color: {p.on_bar}; padding: 6px; border: 0; }}
QFrame#Card {{ background: {p.surface}; border: 3px solid {p.muted}; border-radius: {radius}px; }}
QWidget#Overlay {{ background: {p.window}; border: 6px solid {p.focus};
    border-radius: {radius}px; }}
QFrame#practicePhone {{ background: {p.surface}; border: 8px solid {p.text};
    border-radius: {radius * 2}px; }}
QFrame#practicePhone QLabel {{ border-radius: {radius}px; }}
QLabel#practiceTyped {{ letter-spacing: 4px; }}
"""


def set_role(widget: QWidget, role: str) -> None:
    """Give a label another look from the theme (role "tip", "warning", "banner", ...).

    unpolish()/polish() would repaint the colours but keep the old rule's padding, so a
    "tip" box would cut its text; re-setting the widget's own style sheet re-reads it all.
    """
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    sheet = widget.styleSheet()
    widget.setStyleSheet(sheet + "/**/")
    widget.setStyleSheet(sheet)
