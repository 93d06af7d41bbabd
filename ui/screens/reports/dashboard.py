"""The "Báo cáo" tab: the period's figures as cards, charts and tables (nothing personal)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.reports.figures import CountRow, Figures, compute_figures
from kiosk.reports.periods import fmt_day
from kiosk.store import Store
from ui import theme
from ui.screens.reports.base import ReportTab, fmt_dec, fmt_pct
from ui.screens.reports.period import ReportPeriod, period_text
from ui.state import KioskState
from ui.tasks import TaskRunner
from ui.widgets.bar_chart import Bar, fmt_int
from ui.widgets.cards import Card, ChartCard, StatCard
from ui.widgets.reflow_grid import ReflowGrid
from ui.widgets.tables import fill_table, make_table
from ui.widgets.text import label


def top_rows(rows: Sequence[CountRow], limit: int, other_label: str) -> list[CountRow]:
    """The ``limit`` largest rows, the rest summed into one "other" row."""
    if len(rows) <= limit:
        return list(rows)
    rest = rows[limit - 1:]
    return [*rows[:limit - 1], CountRow("", other_label.replace("{n}", str(len(rest))),
                                        sum(r.count for r in rest))]


def daily_bars(f: Figures) -> tuple[list[Bar], bool]:
    """Columns for the trend: one per day, or one per month for periods over two months."""
    if f.period.days <= 62:
        return [Bar(fmt_day(d.day), (d.count,), axis_label=d.day.strftime("%d/%m"))
                for d in f.daily], False
    months: dict[tuple[int, int], int] = {}
    for d in f.daily:
        key = (d.day.year, d.day.month)
        months[key] = months.get(key, 0) + d.count
    many_years = len({y for y, _m in months}) > 1
    month = QCoreApplication.translate("StaffReports", "Tháng {m}/{y}")
    return [Bar(month.replace("{m}", str(m)).replace("{y}", str(y)), (n,),
                axis_label=f"{m}/{y % 100:02d}" if many_years else f"T{m}")
            for (y, m), n in months.items()], True


# -- tab 1: the dashboard --------------------------------------------------------------------

CARDS = ("Citizens", "Tickets", "Priority", "MedianWait", "P90Wait", "NoShows",
         "TutorialsOpened", "TutorialsFinished", "Practices", "Printed", "Satisfaction",
         "HomeVisits")


CHARTS = ("Service", "Outcome", "Channel", "Village", "AgeGender", "Volunteer",
          "SatisfactionChart", "PrintedChart", "ScamChart")


class ReportsTab(ReportTab):
    """"Báo cáo": key figures and charts for the chosen period."""

    def __init__(self, state: KioskState, tasks: TaskRunner, store: Store,
                 model: ReportPeriod, titles: Mapping[str, str] | None = None) -> None:
        super().__init__("reports", state, tasks, store, model)
        # Kept, not copied: the features pass a live view of the content.
        self.titles: Mapping[str, str] = titles if titles is not None else {}
        self.figures: Figures | None = None
        self.empty = label(self, "reportsEmpty", "tip")
        self.empty.hide()
        self.outer.addWidget(self.empty)

        page = QWidget(self)
        body = QVBoxLayout(page)
        body.setContentsMargins(0, 0, 8, 0)
        body.setSpacing(16)
        self.cards_grid = ReflowGrid(24, max_columns=5, parent=page)
        self.cards: dict[str, StatCard] = {}
        for key in CARDS:
            card = StatCard(f"reports{key}", page)
            self.cards[key] = card
            self.cards_grid.add(card)
        body.addWidget(self.cards_grid)
        self.daily = ChartCard("reportsDaily", "vertical", page)
        body.addWidget(self.daily)
        self.charts_grid = ReflowGrid(34, max_columns=2, parent=page)
        self.charts: dict[str, ChartCard] = {}
        for key in CHARTS:
            card = ChartCard(f"reports{key}", parent=page)
            self.charts[key] = card
            self.charts_grid.add(card)
        body.addWidget(self.charts_grid)
        self.tutorials = Card("reportsTutorials", page)
        self.tutorial_table = make_table(self.tutorials, "reportsTutorialTable",
                                     "Bài hướng dẫn", 5)
        self.tutorials.body.addWidget(self.tutorial_table)
        self.tutorials_empty = label(self.tutorials, "reportsTutorialsEmpty", "muted")
        self.tutorials.body.addWidget(self.tutorials_empty)
        body.addWidget(self.tutorials)
        # Practices ("Tập thử") next to tutorial completion: started, finished, the screen
        # of the pretend phone people get wrong most (kiosk.reports.figures.practice_figures).
        self.practices = Card("reportsPractices", page)
        self.practice_table = make_table(self.practices, "reportsPracticeTable",
                                         "Bài tập thử", 5)
        self.practices.body.addWidget(self.practice_table)
        self.practices_empty = label(self.practices, "reportsPracticesEmpty", "muted")
        self.practices.body.addWidget(self.practices_empty)
        body.addWidget(self.practices)
        body.addStretch(1)
        self.page = page
        self.outer.addWidget(page, 1)
        self.retranslate()
        self.restyle()
        self.show_figures(None)

    @property
    def citizens_label(self) -> QLabel:
        """The "citizens helped" number on screen."""
        return self.cards["Citizens"].value

    def retranslate(self) -> None:
        super().retranslate()
        headings = {
            "Citizens": self.tr("Lượt người dân được hỗ trợ"),
            "Tickets": self.tr("Số thứ tự đã phát"),
            "Priority": self.tr("Số ưu tiên đã phát"),
            "MedianWait": self.tr("Thời gian chờ (trung vị)"),
            "P90Wait": self.tr("9/10 người chờ không quá"),
            "NoShows": self.tr("Vắng mặt khi gọi số"),
            "TutorialsOpened": self.tr("Lượt mở bài hướng dẫn"),
            "TutorialsFinished": self.tr("Lượt học hết bài"),
            "Practices": self.tr("Lượt tập thử"),
            "Printed": self.tr("Tờ hướng dẫn đã in"),
            "Satisfaction": self.tr("Mức hài lòng trung bình"),
            "HomeVisits": self.tr("Đến nhà hỗ trợ đã xong"),
        }
        for key, text in headings.items():
            self.cards[key].heading.setText(text)
        self.daily.set_title(self.tr("Số lượt hỗ trợ theo ngày"))
        titles = {
            "Service": self.tr("Theo dịch vụ"), "Outcome": self.tr("Theo kết quả"),
            "Channel": self.tr("Theo hình thức (tại điểm hỗ trợ / đến tận nhà)"),
            "Village": self.tr("Theo thôn/tổ dân phố"),
            "AgeGender": self.tr("Theo độ tuổi và giới tính"),
            "Volunteer": self.tr("Theo thành viên tổ"),
            "SatisfactionChart": self.tr("Người dân đánh giá"),
            "PrintedChart": self.tr("Tờ hướng dẫn đã in, theo bài"),
            "ScamChart": self.tr("Kiểm tra tin nhắn lạ, theo loại (chỉ đếm số lượt)"),
        }
        for key, text in titles.items():
            self.charts[key].set_title(text)
        self.tutorials.heading.setText(self.tr("Bài hướng dẫn trên kiosk"))
        self.tutorial_table.setHorizontalHeaderLabels([
            self.tr("Bài"), self.tr("Lượt mở"), self.tr("Học hết"), self.tr("Tỉ lệ"),
            self.tr("Hay dừng ở")])
        self.empty.setText(self.tr("Chưa có dữ liệu cho kỳ này. Hãy chọn kỳ khác, hoặc ghi "
                                   "lại các lượt hỗ trợ trên kiosk."))
        self.tutorials_empty.setText(self.tr("Chưa có dữ liệu"))
        self.practices.heading.setText(self.tr("Tập thử trên điện thoại tập"))
        self.practice_table.setHorizontalHeaderLabels([
            self.tr("Bài tập"), self.tr("Bắt đầu"), self.tr("Tập xong"), self.tr("Tỉ lệ"),
            self.tr("Màn hay bấm sai nhất")])
        self.practices_empty.setText(self.tr("Chưa có dữ liệu"))
        empty = self.tr("Chưa có dữ liệu")
        for card in (self.daily, *self.charts.values()):
            card.chart.set_empty_text(empty)
        if self.figures is not None:
            self.show_figures(self.figures)

    def restyle(self) -> None:
        super().restyle()
        p = theme.palette(self.state.high_contrast)
        for card in (self.daily, *self.charts.values()):
            card.chart.apply_palette(p)

    def refresh(self) -> None:
        if not self.state.is_staff:
            return
        actor, store, period, titles = self.state.actor, self.store, self.model.period, \
            dict(self.titles)  # as the content is now, copied before it goes to a lane
        self.period_label.setText(period_text(period, self.state.language))
        self._start(lambda: compute_figures(actor, store, period, titles), self.show_figures)

    def reset(self) -> None:
        super().reset()
        self.show_figures(None)

    # -- showing -----------------------------------------------------------------------------
    def show_figures(self, f: Figures | None) -> None:
        self.figures = f
        if f is None:
            for card in self.cards.values():
                card.show_value("—")
            for card in (self.daily, *self.charts.values()):
                card.chart.set_bars([])
            self._fill_tutorials(None)
            self._fill_practices(None)
            self.empty.hide()
            return
        self.period_label.setText(period_text(f.period, self.state.language))
        q = f.queue
        opened = sum(t.opened for t in f.tutorials)
        finished = sum(t.finished for t in f.tutorials)
        minutes = self.tr("{n} phút")
        no_data = self.tr("chưa có số liệu")

        def wait(value: float | None) -> tuple[str, str]:
            if value is None:
                return "—", no_data
            return minutes.replace("{n}", fmt_dec(value)), ""

        c = self.cards
        c["Citizens"].show_value(
            fmt_int(f.citizens_helped),
            self.tr("trong đó {n} bản ghi mẫu").replace("{n}", fmt_int(f.demo_records))
            if 0 < f.demo_records < f.citizens_helped else "")  # all demo: the banner says so
        c["Tickets"].show_value(fmt_int(q.tickets), self.tr("đã phục vụ xong {n}").replace(
            "{n}", fmt_int(q.served)) if q.tickets else "")
        # Priority numbers: only how many, never why (the kiosk does not know why).
        c["Priority"].show_value(fmt_int(q.priority_tickets), self.tr("đã phục vụ xong {n}")
                                 .replace("{n}", fmt_int(q.priority_served))
                                 if q.priority_tickets else "")
        c["MedianWait"].show_value(*wait(q.median_wait_minutes))
        c["P90Wait"].show_value(*wait(q.p90_wait_minutes))
        c["NoShows"].show_value(fmt_int(q.no_shows), self.tr("{p} số đã phát").replace(
            "{p}", fmt_pct(q.no_shows, q.tickets)) if q.tickets else "")
        c["TutorialsOpened"].show_value(fmt_int(opened))
        c["TutorialsFinished"].show_value(
            fmt_int(finished), self.tr("tỉ lệ học hết {p}").replace(
                "{p}", fmt_pct(finished, opened)) if opened else "")
        started = sum(p.started for p in f.practices)
        done = sum(p.finished for p in f.practices)
        c["Practices"].show_value(fmt_int(started), self.tr("tập xong {n}").replace(
            "{n}", fmt_int(done)) if started else "")
        c["Printed"].show_value(fmt_int(f.printed_sheets))
        s = f.satisfaction
        c["Satisfaction"].show_value(
            f"{fmt_dec(s.average)}/5" if s.average is not None else "—",
            self.tr("{n} người trả lời").replace("{n}", fmt_int(s.answered)) if s.answered
            else no_data)

        # The figures' rule (kiosk.home_visits.visit_figures_in): done in the period, and
        # what was still waiting at its end.
        hv = f.home_visits
        c["HomeVisits"].show_value(fmt_int(hv.done), self.tr(
            "{n} yêu cầu mới · {w} còn chờ").replace("{n}", fmt_int(hv.requested)).replace(
            "{w}", fmt_int(hv.waiting)) if hv.any else "")

        bars, by_month = daily_bars(f)
        self.daily.set_title(self.tr("Số lượt hỗ trợ theo tháng") if by_month
                             else self.tr("Số lượt hỗ trợ theo ngày"))
        self.daily.chart.set_bars(bars)
        total = f.citizens_helped

        def with_share(rows: Sequence[CountRow]) -> list[Bar]:
            return [Bar(r.label, (r.count,), f"{fmt_int(r.count)} ({fmt_pct(r.count, total)})")
                    for r in rows]

        ch = self.charts
        ch["Service"].chart.set_bars(with_share(f.by_service))
        ch["Outcome"].chart.set_bars(with_share(f.by_outcome))
        ch["Channel"].chart.set_bars(with_share(f.by_channel))
        ch["Village"].chart.set_bars(with_share(top_rows(
            f.by_village, 10, self.tr("Các thôn/tổ khác ({n})"))))
        genders = f.genders
        ch["AgeGender"].chart.set_bars(
            [Bar(label, tuple(f.age_gender_count(key, g) for g, _l in genders))
             for key, label in f.age_bands], [label for _g, label in genders])
        ch["Volunteer"].chart.set_bars([Bar(r.label, (r.count,)) for r in f.by_volunteer])
        ch["SatisfactionChart"].chart.set_bars(
            [Bar(self._rating_label(r.key), (r.count,),
                 f"{fmt_int(r.count)} ({fmt_pct(r.count, s.answered)})")
             for r in sorted(s.distribution, key=lambda r: -int(r.key))])
        ch["PrintedChart"].chart.set_bars([Bar(r.label, (r.count,))
                                           for r in f.printed_by_tutorial])
        ch["ScamChart"].chart.set_bars([Bar(r.label, (r.count,)) for r in f.scam_checks])
        self._fill_tutorials(f)
        self._fill_practices(f)
        self.demo_banner.setVisible(f.includes_demo)
        nothing = (f.citizens_helped == 0 and q.tickets == 0 and not f.tutorials
                   and not f.practices and f.printed_sheets == 0)
        self.empty.setVisible(nothing)

    def _rating_label(self, key: str) -> str:
        words = {5: self.tr("Rất hài lòng"), 4: self.tr("Hài lòng"), 3: self.tr("Bình thường"),
                 2: self.tr("Mức 2"), 1: self.tr("Chưa hài lòng")}
        try:
            return words.get(int(key), key)
        except ValueError:
            return key

    def _fill_tutorials(self, f: Figures | None) -> None:
        tutorials = f.tutorials if f is not None else ()
        step = self.tr("bước {n}")
        rows = [[t.title, fmt_int(t.opened), fmt_int(t.finished),
                 fmt_pct(t.finished, t.opened),
                 step.replace("{n}", str(t.stop_step)) if t.stop_step is not None else "—"]
                for t in tutorials]
        fill_table(self.tutorial_table, rows)
        self.tutorial_table.setVisible(bool(rows))
        self.tutorials_empty.setVisible(not rows)

    def _fill_practices(self, f: Figures | None) -> None:
        practices = f.practices if f is not None else ()
        where = self.tr("màn {n} ({times} lần)")
        rows = [[p.title, fmt_int(p.started), fmt_int(p.finished),
                 fmt_pct(p.finished, p.started),
                 where.replace("{n}", str(p.most_wrong_screen))
                 .replace("{times}", fmt_int(p.most_wrong_count))
                 if p.most_wrong_screen is not None else "—"]
                for p in practices]
        fill_table(self.practice_table, rows)
        self.practice_table.setVisible(bool(rows))
        self.practices_empty.setVisible(not rows)
