"""The monthly report PDF: figures, simple bar charts, the allowance, and signature lines.

It is made to be printed, signed by the team leader ("Tổ trưởng Tổ CNSCĐ") and the commune
officer ("Cán bộ UBND xã/phường") and stamped, so it follows the shape of a Vietnamese
administrative report: the issuing body top left, the national motto top right, a title, the
numbered sections, then the place-and-date line and the two signature blocks kept together
on one page. Only the bundled Noto Sans is used (embedded), including inside the charts, so
the Vietnamese prints the same on every PC. A demo banner appears at the top and in the
footer of every page when any demo row is counted. The file is written atomically.

Call from a worker thread; the drawing is pure reportlab (no Qt).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.auth import Actor, Role, require
from kiosk.clock import to_local
from kiosk.files import atomic_output
from kiosk.numbers import fmt_dec
from kiosk.pdf import FONT, FONT_BOLD, register_fonts
from kiosk.reports.allowance import Allowance, TeamAllowance, compute_allowance, count, vnd
from kiosk.reports.export_csv import (
    DEMO_NOTICE,
    ExportError,
    ExportResult,
    Progress,
    What,
    parse_what,
    record_export,
    unverified_days_notice,
    unverified_notice,
)
from kiosk.reports.figures import CountRow, Figures, compute_figures
from kiosk.reports.periods import Period, fmt_day
from kiosk.store import Store

log = logging.getLogger(__name__)

LEADER_TITLE = "Tổ trưởng Tổ CNSCĐ"
OFFICER_TITLE = "Cán bộ UBND xã/phường"
PAGE_W, PAGE_H = A4
MARGIN = 16 * mm
CONTENT_W = PAGE_W - 2 * MARGIN
INK = colors.HexColor("#1F2933")
ACCENT = colors.HexColor("#1F4E79")
LIGHT = colors.HexColor("#E8EEF5")
DEMO_RED = colors.HexColor("#C00000")


@dataclass(frozen=True)
class ReportHeader:
    help_point: str
    commune: str
    village: str = ""
    generated_at: datetime | None = None  # local time


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "center_bold": ParagraphStyle("center_bold", parent=base, fontName=FONT_BOLD,
                                      alignment=TA_CENTER),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=15,
                                leading=19, alignment=TA_CENTER, spaceBefore=8),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10.5, leading=14,
                                   alignment=TA_CENTER, spaceAfter=6),
        "h1": ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=12, leading=16,
                             textColor=ACCENT, spaceBefore=10, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=10, leading=13,
                             spaceBefore=6, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=FONT_BOLD,
                                    fontSize=8.5, leading=10.5),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _layout(data: list[list[Any]], widths: Sequence[float], style: Sequence[Any] = ()
            ) -> Table:
    """A borderless layout table; every table names our font (else Helvetica is set)."""
    t = Table(data, colWidths=list(widths))
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"), *style]))
    return t


def _table(data: Sequence[Sequence[Any]], widths: Sequence[float], *, header: bool = True,
           total_row: bool = False, numeric_from: int = 1) -> Table:
    t = Table(list(map(list, data)), colWidths=list(widths), repeatRows=1 if header else 0)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("LEADING", (0, 0), (-1, -1), 10.5),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9AA5B1")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header:
        style += [("FONTNAME", (0, 0), (-1, 0), FONT_BOLD), ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                  ("ALIGN", (0, 0), (-1, 0), "CENTER")]
    if total_row:
        style += [("FONTNAME", (0, -1), (-1, -1), FONT_BOLD)]
    t.setStyle(TableStyle(style))
    return t


def _pct(n: int, total: int) -> str:
    return f"{n * 100 / total:.0f}%" if total else "–"


def _dec(value: float, digits: int = 1) -> str:
    """Vietnamese decimal comma: 4,5 (kiosk.numbers)."""
    return fmt_dec(value, digits)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- charts ----------------------------------------------------------------------------------

def _nice_axis(max_value: int) -> tuple[int, int]:
    """(valueMax, valueStep) giving 2–6 whole-number ticks."""
    top = max(1, max_value)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top / step <= 5:
            return (-(-top // step)) * step, step
    step = 10 ** len(str(top))
    return (-(-top // step)) * step, step


def _drawing(width: float, height: float) -> Drawing:
    """A Drawing whose renderer starts in our font (else reportlab sets Helvetica first)."""
    d = Drawing(width, height)
    d.initialFontName = FONT
    return d


def _style_axis_labels(chart: Any, size: float) -> None:
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels, chart.barLabels):
        labels.fontName = FONT
        labels.fontSize = size
        labels.fillColor = INK


def vertical_bars(labels: Sequence[str], values: Sequence[int], width: float,
                  height: float, title: str) -> Drawing:
    d = _drawing(width, height)
    d.add(String(0, height - 10, title, fontName=FONT_BOLD, fontSize=9, fillColor=INK))
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 22
    chart.width, chart.height = width - 36, height - 42
    chart.data = [list(values) or [0]]
    chart.categoryAxis.categoryNames = list(labels) or [""]
    vmax, step = _nice_axis(max(values, default=0))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, vmax, step
    chart.valueAxis.labelTextFormat = "%d"
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barSpacing = 1
    _style_axis_labels(chart, 6.5 if len(labels) > 16 else 7.5)
    if len(labels) <= 16:
        chart.barLabelFormat = "%d"
        chart.barLabels.nudge = 5
    d.add(chart)
    return d


def horizontal_bars(rows: Sequence[CountRow], width: float, title: str,
                    limit: int = 8) -> Drawing:
    rows = list(rows)[:limit]
    bar_h = 13
    height = 34 + bar_h * max(1, len(rows))
    d = _drawing(width, height)
    d.add(String(0, height - 10, title, fontName=FONT_BOLD, fontSize=9, fillColor=INK))
    chart = HorizontalBarChart()
    label_w = min(170, width * 0.42)
    chart.x, chart.y = label_w, 14
    chart.width, chart.height = width - label_w - 24, bar_h * max(1, len(rows))
    # reportlab draws the first category at the bottom; reverse so the biggest is on top.
    chart.data = [[r.count for r in reversed(rows)] or [0]]
    chart.categoryAxis.categoryNames = [_short(r.label, 34) for r in reversed(rows)] or [""]
    vmax, step = _nice_axis(max((r.count for r in rows), default=0))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, vmax, step
    chart.valueAxis.labelTextFormat = "%d"
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.nudge = 7
    _style_axis_labels(chart, 7.5)
    d.add(chart)
    return d


def day_labels(days: Sequence[date], room: int = 16) -> list[str]:
    """Axis labels that never run together: every day when they fit, else every n-th day,
    with the month ("1/3") wherever a month starts and on the first bar."""
    if len(days) <= room:
        return [str(d.day) for d in days]
    step = -(-len(days) // room)
    marks = {i for i, d in enumerate(days) if i == 0 or d.day == 1}
    out = []
    for i, d in enumerate(days):
        if i in marks:
            out.append(f"{d.day}/{d.month}")
        elif i % step == 0 and all(abs(i - m) >= step for m in marks):
            out.append(str(d.day))
        else:
            out.append("")
    return out


def _daily_series(f: Figures) -> tuple[list[str], list[int], str]:
    """Per day for up to two months; per month for longer periods."""
    if len(f.daily) <= 62:
        return (day_labels([d.day for d in f.daily]), [d.count for d in f.daily],
                "Số lượt hỗ trợ theo ngày")
    months: Counter[tuple[int, int]] = Counter()
    for d in f.daily:
        months[(d.day.year, d.day.month)] += d.count
    keys = sorted(months)
    return ([f"{m}/{y % 100:02d}" for y, m in keys], [months[k] for k in keys],
            "Số lượt hỗ trợ theo tháng")


# -- sections --------------------------------------------------------------------------------

def _heading_block(h: ReportHeader, period: Period, s: dict[str, ParagraphStyle],
                   demo: bool, title: str) -> list[Flowable]:
    left = [_p(f"UBND {h.commune}".upper() if h.commune else "UBND XÃ/PHƯỜNG ……………",
               s["center"]),
            _p("TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG", s["center_bold"])]
    if h.village:
        left.append(_p(h.village, s["center"]))
    right = [_p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s["center_bold"]),
             _p("Độc lập – Tự do – Hạnh phúc", s["center_bold"])]
    head = _layout([[left, right]], [CONTENT_W * 0.42, CONTENT_W * 0.58],
                   [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    out: list[Flowable] = [head, Spacer(1, 6), _p(title, s["title"])]
    place = " – ".join(x for x in (h.help_point, h.commune) if x)
    out.append(_p(f"{place}" if place else "Điểm hỗ trợ số", s["subtitle"]))
    out.append(_p(f"Kỳ báo cáo: {period.full_label}", s["subtitle"]))
    if demo:
        banner = _layout([[_p(DEMO_NOTICE, ParagraphStyle(
            "demo", parent=s["center_bold"], textColor=colors.white, fontSize=11, leading=14))]],
            [CONTENT_W], [("BACKGROUND", (0, 0), (-1, -1), DEMO_RED),
                          ("TOPPADDING", (0, 0), (-1, -1), 5),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
        out += [banner, Spacer(1, 4)]
    return out


def _count_block(title: str, rows: Sequence[CountRow], total: int, width: float,
                 s: dict[str, ParagraphStyle], first_header: str, keep: bool = True
                 ) -> list[Flowable]:
    out: list[Flowable] = [_p(title, s["h2"])]
    if not rows:
        return [*out, _p("Không có số liệu trong kỳ.", s["small"])]
    data: list[list[Any]] = [[first_header, "Số lượt", "Tỉ lệ"]]
    data += [[_p(r.label, s["cell"]), count(r.count), _pct(r.count, total)] for r in rows]
    table = _table(data, [width - 100, 50, 46])
    # Short tables stay with their heading; long ones may break (the header row repeats).
    # (Not inside a layout table's cell: reportlab cannot split those anyway.)
    return [KeepTogether([*out, table])] if keep and len(rows) <= 25 else [*out, table]


def _side_by_side(a: list[Flowable], b: list[Flowable]) -> Table:
    return _layout([[a, b]], [CONTENT_W / 2, CONTENT_W / 2],
                   [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), 8),
                    ("RIGHTPADDING", (1, 0), (1, -1), 0)])


def _figures_section(f: Figures, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    q = f.queue
    half = CONTENT_W / 2 - 8
    total = f.citizens_helped
    opened = sum(t.opened for t in f.tutorials)
    finished = sum(t.finished for t in f.tutorials)
    wait = (f"{q.median_wait_minutes:.0f} phút" if q.median_wait_minutes is not None
            else "–")
    sat = (f"{_dec(f.satisfaction.average)} / 5" if f.satisfaction.average is not None
           else "Chưa có")
    key = [
        ["Số lượt người dân được hỗ trợ", count(total),
         "Số thứ tự đã phát / đã phục vụ", f"{count(q.tickets)} / {count(q.served)}"],
        ["Số thành viên tham gia hỗ trợ", count(len(f.by_volunteer)),
         "Thời gian chờ (trung vị)", wait],
        ["Lượt mở bài hướng dẫn / học hết", f"{count(opened)} / {count(finished)}",
         "Số tờ hướng dẫn đã in", count(f.printed_sheets)],
        ["Mức hài lòng trung bình", sat, "Số thứ tự vắng mặt", count(q.no_shows)],
        ["Số người trả lời mức hài lòng", count(f.satisfaction.answered),
         "Bản ghi dữ liệu mẫu (demo)", count(f.demo_records)],
        # How many priority numbers, never why (the kiosk does not store why).
        ["Số ưu tiên đã phát / đã phục vụ",
         f"{count(q.priority_tickets)} / {count(q.priority_served)}",
         # kiosk.home_visits.HomeVisitFigures: done in the period / waiting at its end.
         "Đến nhà hỗ trợ: đã xong / còn chờ",
         f"{count(f.home_visits.done)} / {count(f.home_visits.waiting)}"],
    ]
    if f.unverified_records:
        key.append(["Bản ghi chưa xác thực (gói cũ không chữ ký)",
                    count(f.unverified_records), "", ""])
    key_t = _table(key, [CONTENT_W * 0.31, CONTENT_W * 0.19, CONTENT_W * 0.31,
                         CONTENT_W * 0.19], header=False)
    key_t.setStyle(TableStyle([("ALIGN", (1, 0), (1, -1), "RIGHT"),
                               ("ALIGN", (2, 0), (2, -1), "LEFT"),
                               ("FONTNAME", (1, 0), (1, -1), FONT_BOLD),
                               ("FONTNAME", (3, 0), (3, -1), FONT_BOLD)]))
    out: list[Flowable] = [_p("I. KẾT QUẢ HỖ TRỢ NGƯỜI DÂN", s["h1"]), key_t, Spacer(1, 6)]
    labels, values, chart_title = _daily_series(f)
    out.append(vertical_bars(labels, values, CONTENT_W, 120, chart_title))
    if f.by_service:
        out.append(horizontal_bars(f.by_service, CONTENT_W, "Số lượt theo dịch vụ"))
    out.append(_side_by_side(
        _count_block("1. Theo dịch vụ", f.by_service, total, half, s, "Dịch vụ", False),
        _count_block("2. Theo kết quả", f.by_outcome, total, half, s, "Kết quả", False)))
    ratings = [CountRow(r.key, f"Mức {r.label} / 5", r.count)
               for r in reversed(f.satisfaction.distribution)]
    out.append(_side_by_side(
        _count_block("3. Theo hình thức", f.by_channel, total, half, s, "Hình thức", False),
        _count_block("4. Mức hài lòng", ratings, f.satisfaction.answered, half, s,
                     "Đánh giá của người dân", False)))
    # Villages can be many: full width, so a long list may continue on the next page.
    out += _count_block("5. Theo thôn/tổ dân phố", f.by_village, total, CONTENT_W, s,
                        "Thôn/tổ dân phố")
    age_head = _p("6. Theo độ tuổi và giới tính", s["h2"])
    if f.by_age_gender:
        genders = f.genders
        data: list[list[Any]] = [["Nhóm tuổi", *[g for _k, g in genders], "Cộng"]]
        for age_key, age_label in f.age_bands:
            counts = [f.age_gender_count(age_key, g) for g, _l in genders]
            data.append([age_label, *map(count, counts), count(sum(counts))])
        col_totals = [sum(f.age_gender_count(a, g) for a, _l in f.age_bands) for g, _x in genders]
        data.append(["Cộng", *map(count, col_totals), count(sum(col_totals))])
        n = len(genders) + 1
        out.append(KeepTogether([age_head, _table(data, [110] + [(CONTENT_W - 110) / n] * n,
                                                  total_row=True)]))
    else:
        out += [age_head, _p("Không có số liệu trong kỳ.", s["small"])]
    out.append(CondPageBreak(60 * mm))
    out += _count_block("7. Theo thành viên hỗ trợ", f.by_volunteer, total, CONTENT_W, s,
                        "Thành viên")
    out.append(_p("II. BÀI HƯỚNG DẪN TRÊN KIOSK", s["h1"]))
    if f.tutorials:
        data = [["Bài hướng dẫn", "Lượt mở", "Học hết", "Tỉ lệ học hết", "Bước hay dừng",
                 "Lượt hỏi"]]
        data += [[_p(t.title, s["cell"]), count(t.opened), count(t.finished),
                  f"{t.completion_rate * 100:.0f}%",
                  f"Bước {t.stop_step}" if t.stop_step is not None else "–", count(t.asks)]
                 for t in f.tutorials]
        out.append(_table(data, [CONTENT_W - 300, 55, 55, 65, 70, 55]))
        out.append(_p("Bước hay dừng: trong các lượt không học hết, bước cuối cùng người dân "
                      "xem tới thường gặp nhất.", s["small"]))
    else:
        out.append(_p("Không có lượt mở bài hướng dẫn trong kỳ.", s["small"]))
    if f.practices:  # "Tập thử" on the pretend phone, next to tutorial completion
        data = [["Bài tập thử", "Bắt đầu", "Tập xong", "Tỉ lệ", "Màn hay sai nhất"]]
        data += [[_p(p.title, s["cell"]), count(p.started), count(p.finished),
                  f"{(p.finished / p.started * 100) if p.started else 0:.0f}%",
                  f"Màn {p.most_wrong_screen} ({p.most_wrong_count} lần)"
                  if p.most_wrong_screen is not None else "–"]
                 for p in f.practices]
        out.append(_p("Tập thử trên điện thoại tập (chỉ đếm số lượt, không lưu số đã nhập)",
                      s["h2"]))
        out.append(_table(data, [CONTENT_W - 290, 55, 55, 50, 130]))
    if f.printed_by_tutorial:
        out += _count_block("Tờ hướng dẫn đã in", f.printed_by_tutorial, f.printed_sheets,
                            CONTENT_W, s, "Bài hướng dẫn")
    if f.scam_checks:  # for the report to the commune police: counts only, no message
        out += _count_block("Kiểm tra tin nhắn lạ (chỉ đếm số lượt, không lưu nội dung)",
                            f.scam_checks, sum(r.count for r in f.scam_checks), CONTENT_W, s,
                            "Loại")
    return out


def _team_allowance(t: TeamAllowance, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    """One team's members, cap periods and day notes (each team capped on its own)."""
    out: list[Flowable] = [Spacer(1, 4), _p(f"Tổ: {t.team_name}", s["h2"])]
    if t.unknown:
        out.append(_p("Bản ghi từ gói dữ liệu cũ của một máy chưa rõ thuộc tổ nào: hãy kiểm "
                      "tra trước khi chi.", s["small"]))
    if t.volunteers:
        data: list[list[Any]] = [["Thành viên", "Số ngày hoạt động", "Tổng theo mức ngày",
                                  "Được hỗ trợ"]]
        data += [[_p(v.name, s["cell"]), count(v.active_days), vnd(v.due_vnd), vnd(v.paid_vnd)]
                 for v in t.volunteers]
        data.append(["Tổng cộng", count(sum(v.active_days for v in t.volunteers)),
                     vnd(t.due_total_vnd), vnd(t.paid_total_vnd)])
        out.append(_table(data, [CONTENT_W - 300, 90, 105, 105], total_row=True))
    else:
        out.append(_p("Không có thành viên nào hoạt động trong kỳ.", s["base"]))
    if t.cap_uses:
        data = [["Kỳ tính mức tối đa", "Mức tối đa", "Đã dùng trước kỳ báo cáo",
                 "Dùng trong kỳ", "Còn lại"]]
        data += [[c.label, vnd(c.cap_vnd), vnd(c.used_before_vnd), vnd(c.used_in_period_vnd),
                  vnd(c.remaining_vnd)] for c in t.cap_uses]
        out.append(KeepTogether([_p("Mức tối đa của tổ", s["h2"]),
                                 _table(data, [CONTENT_W - 400, 85, 128, 95, 92])]))
    notes = [n for n in (
        _day_list("Ngày tổ đã chạm mức tối đa", t.capped_days),
        _day_list("Ngày có hoạt động nhưng không có quy định hỗ trợ (tính 0 đồng)",
                  t.days_without_rule)) if n]
    out += [_p(n, s["small"]) for n in notes]
    return out


def _allowance_section(a: Allowance, s: dict[str, ParagraphStyle], number: str
                       ) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(70 * mm),
                           _p(f"{number}. KINH PHÍ HỖ TRỢ HOẠT ĐỘNG CỦA TỔ", s["h1"])]
    if a.rules:
        for r in a.rules:
            out.append(Paragraph(f"<b>{escape(r.name)}</b> ({escape(r.validity_label)}): "
                                 f"{escape(r.summary)}.", s["base"]))
            if r.share_summary:  # how the cap is split, and whether that reading is checked
                out.append(_p(r.share_summary, s["base"]))
            out.append(_p(r.source, s["small"]))
    else:
        out.append(_p("Không có quy định hỗ trợ nào có hiệu lực trong kỳ báo cáo.", s["base"]))
    if len(a.teams) > 1:
        out.append(_p(f"Dữ liệu gồm {len(a.teams)} tổ; mỗi tổ được tính mức tối đa riêng. "
                      f"Tổng các tổ: {vnd(a.paid_total_vnd)}.", s["base"]))
    if a.unverified_days:
        out.append(_p(unverified_days_notice(a.unverified_days), s["base"]))
    for t in a.teams:
        out += _team_allowance(t, s)
    notes = ["Mỗi thành viên được tính một lần cho mỗi ngày có hoạt động, theo mức của quy định "
             "có hiệu lực ngày đó. Tổng của mỗi tổ không vượt mức tối đa của kỳ (tháng hoặc "
             "năm); khi chạm mức tối đa trong một ngày, tính lần lượt theo tên thành viên "
             "(thứ tự chữ cái)."]
    if len(a.rules) > 1:
        notes.append("Kỳ báo cáo có thay đổi quy định; mỗi ngày tính theo quy định có hiệu lực "
                     "ngày đó.")
    out.append(Spacer(1, 3))
    out += [_p(n, s["small"]) for n in notes]
    return out


def _day_list(what: str, days: Sequence[date], limit: int = 31) -> str:
    """A sentence listing the days, or only how many when there are too many to read."""
    if not days:
        return ""
    if len(days) > limit:
        return (f"{what}: {len(days)} ngày, từ {fmt_day(days[0])} đến {fmt_day(days[-1])} "
                "(chi tiết từng ngày trong tệp XLSX, trang “Kinh phí hỗ trợ”).")
    return f"{what}: " + ", ".join(fmt_day(d) for d in days) + "."


def _signatures(h: ReportHeader, s: dict[str, ParagraphStyle]) -> Flowable:
    when = h.generated_at or datetime.now()
    place = h.commune or "……………"
    date_line = _p(f"{place}, ngày {when.day:02d} tháng {when.month:02d} năm {when.year}",
                   ParagraphStyle("dl", parent=s["center"], fontName=FONT))
    left = [_p(LEADER_TITLE, s["center_bold"]), _p("(Ký, ghi rõ họ tên)", s["center"]),
            Spacer(1, 26 * mm), _p("……………………………………", s["center"])]
    right = [_p(OFFICER_TITLE, s["center_bold"]),
             _p("(Ký, ghi rõ họ tên, đóng dấu)", s["center"]), Spacer(1, 26 * mm),
             _p("……………………………………", s["center"])]
    t = _layout([["", date_line], [left, right]], [CONTENT_W / 2, CONTENT_W / 2],
                [("TOPPADDING", (0, 1), (-1, 1), 6)])
    return KeepTogether([Spacer(1, 10), t])


def render_report(path: Path, h: ReportHeader, period: Period, figures: Figures | None,
                  allowance: Allowance | None) -> None:
    """Draw the report into ``path`` (a temporary file; callers publish it atomically)."""
    register_fonts()
    s = _styles()
    demo = bool((figures and figures.includes_demo) or (allowance and allowance.includes_demo))
    title = ("BÁO CÁO HOẠT ĐỘNG ĐIỂM HỖ TRỢ SỐ" if figures is not None
             else "BẢNG KÊ KINH PHÍ HỖ TRỢ TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG")
    story = _heading_block(h, period, s, demo, title)
    if figures is not None and figures.unverified_records:
        story += [_p(unverified_notice(figures.unverified_records), s["base"]), Spacer(1, 4)]
    if figures is not None:
        story += _figures_section(figures, s)
    if allowance is not None:
        story += _allowance_section(allowance, s, "III" if figures is not None else "I")
    story.append(_signatures(h, s))
    generated = h.generated_at.strftime("%H:%M %d/%m/%Y") if h.generated_at else ""

    def footer(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#52606D"))
        canvas.drawString(MARGIN, 9 * mm, f"{h.help_point or 'Điểm hỗ trợ số'} – "
                                          f"{period.label} – lập lúc {generated}")
        canvas.drawRightString(PAGE_W - MARGIN, 9 * mm, f"Trang {doc.page}")
        if demo:
            canvas.setFillColor(DEMO_RED)
            canvas.setFont(FONT_BOLD, 8)
            canvas.drawCentredString(PAGE_W / 2, 13 * mm, DEMO_NOTICE)
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=14 * mm,
        bottomMargin=20 * mm, initialFontName=FONT, title=f"{title} – {period.label}",
        author=h.help_point or "Điểm hỗ trợ số", creator="help-kiosk", lang="vi")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def export_report_pdf(actor: Actor, store: Store, period: Period, path: Path, *,
                      what: str | What | None = None, help_point: str = "", commune: str = "",
                      village: str = "", titles: Mapping[str, str] | None = None,
                      progress: Progress | None = None) -> ExportResult:
    """The monthly report (``what`` summary, the default) or the allowance sheet alone.

    A report never lists citizens or their contacts, only counts and team members.
    """
    require(actor, Role.STAFF)
    kind = parse_what(what, What.SUMMARY)
    if kind is What.RECORDS:
        raise ExportError("Báo cáo PDF không liệt kê từng bản ghi. Hãy xuất bản ghi ra CSV "
                          "hoặc XLSX, hoặc chọn summary/allowance cho PDF.",
                          en="A PDF report does not list each record. Export records to CSV or "
                             "XLSX, or choose summary/allowance for PDF.")
    report = progress or (lambda _d, _t: None)
    report(0, 3)
    figures = compute_figures(actor, store, period, titles) if kind is What.SUMMARY else None
    report(1, 3)
    allowance = compute_allowance(actor, store, period)
    report(2, 3)
    header = ReportHeader(help_point, commune, village,
                          to_local(store.clock.now()).replace(tzinfo=None))
    path = Path(path)
    with atomic_output(path) as tmp:
        render_report(tmp, header, period, figures, allowance)
    report(3, 3)
    demo = bool((figures and figures.includes_demo) or allowance.includes_demo)
    record_export(store, actor, "pdf", kind.value, period, path,
                  figures.citizens_helped if figures else len(allowance.lines), False)
    return ExportResult(path, "pdf", kind.value,
                        figures.citizens_helped if figures else len(allowance.lines), demo)
