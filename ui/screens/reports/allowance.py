"""The "Hỗ trợ kinh phí" tab: the team's allowance for the period and the policy rates.

A database that merged other teams' bundles has one allowance per team, each capped on its
own (kiosk.reports.allowance): a "Tổ" chooser appears and a line lists every team's total.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.reports.allowance import (
    Allowance,
    CapPeriod,
    CapUse,
    PolicyRuleInfo,
    TeamAllowance,
    add_rule,
    compute_allowance,
    list_rules,
)
from kiosk.reports.periods import fmt_day
from kiosk.store import Store
from ui import theme
from ui.ops import Op
from ui.screens.reports.base import ReportTab, money
from ui.screens.reports.period import VI_LOCALE, ReportPeriod, date_edit, period_text
from ui.state import KioskState
from ui.tasks import TaskRunner
from ui.widgets.bar_chart import fmt_int
from ui.widgets.cards import Card
from ui.widgets.reflow_grid import ReflowGrid
from ui.widgets.tables import fill_table, make_table
from ui.widgets.target_button import TargetButton
from ui.widgets.text import label, named

# -- tab 2: the allowance --------------------------------------------------------------------

class AllowanceTab(ReportTab):
    """"Hỗ trợ kinh phí": per member active days and amount, the cap, the rules."""

    def __init__(self, state: KioskState, tasks: TaskRunner, store: Store,
                 model: ReportPeriod) -> None:
        super().__init__("allowance", state, tasks, store, model)
        self.allowance: Allowance | None = None
        self.team_index = 0
        self.rules: tuple[PolicyRuleInfo, ...] = ()
        page = QWidget(self)
        body = QVBoxLayout(page)
        body.setContentsMargins(0, 0, 8, 0)
        body.setSpacing(16)
        self.grid = ReflowGrid(40, max_columns=2, parent=page)

        # Left: the amounts.
        self.amounts = Card("allowanceAmounts", page)
        self.team_pick = named(QComboBox(self.amounts), "allowanceTeam", "Chọn tổ")
        self.team_pick.activated.connect(self._on_team_pick_activated)
        self.teams_line = label(self.amounts, "allowanceTeams", "muted")
        self.total = label(self.amounts, "allowanceTotal", "title")
        self.total_detail = label(self.amounts, "allowanceTotalDetail", "muted")
        self.remaining = label(self.amounts, "allowanceRemaining", "tip")
        self.table = make_table(self.amounts, "allowanceTable", "Kinh phí theo thành viên", 4)
        self.table_empty = label(self.amounts, "allowanceEmpty", "muted")
        self.no_rule = label(self.amounts, "allowanceNoRule", "warning")
        self.capped = label(self.amounts, "allowanceCapped", "muted")
        self.caps_heading = label(self.amounts, "allowanceCapsHeading")
        self.caps_heading.setStyleSheet("font-weight: bold;")
        self.caps_table = make_table(self.amounts, "allowanceCaps", "Mức tối đa theo kỳ", 4)
        for w in (self.team_pick, self.teams_line, self.total, self.total_detail,
                  self.remaining, self.table, self.table_empty, self.no_rule, self.capped,
                  self.caps_heading, self.caps_table):
            self.amounts.body.addWidget(w)
        self.amounts.body.addStretch(1)
        self.grid.add(self.amounts)

        # Right: the rules and the form for a new one.
        self.rules_card = Card("allowanceRules", page)
        self.rules_box = QVBoxLayout()
        self.rules_box.setSpacing(8)
        self.rules_card.body.addLayout(self.rules_box)
        self.form_heading = label(self.rules_card, "ruleFormHeading")
        self.form_heading.setStyleSheet("font-weight: bold;")
        self.rules_card.body.addWidget(self.form_heading)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.rule_name = named(QLineEdit(self.rules_card), "ruleName", "Tên quy định")
        self.rule_from = date_edit(self.rules_card, "ruleValidFrom", "Có hiệu lực từ ngày")
        self.rule_to = date_edit(self.rules_card, "ruleValidTo", "Hết hiệu lực ngày")
        self.rule_open = named(QCheckBox(self.rules_card), "ruleNoEnd",
                                "Chưa có ngày hết hiệu lực")
        self.rule_open.setProperty("role", "secondary")
        self.rule_open.setStyleSheet("QCheckBox::indicator { width: 32px; height: 32px; }")
        self.rule_open.toggled.connect(lambda on: self.rule_to.setEnabled(not on))
        self.rule_rate = self._money_spin("ruleDailyRate", "Mức hỗ trợ mỗi người mỗi ngày")
        self.rule_cap = self._money_spin("ruleCap", "Mức tối đa cho cả tổ")
        self.rule_period = named(QComboBox(self.rules_card), "ruleCapPeriod",
                                  "Kỳ tính mức tối đa")
        self.rule_period.addItem("", CapPeriod.MONTH.value)
        self.rule_period.addItem("", CapPeriod.YEAR.value)
        self.rule_source = named(QLineEdit(self.rules_card), "ruleSource",
                                  "Nguồn (số văn bản, đường dẫn)")
        self.form_labels = [QLabel(self.rules_card) for _ in range(7)]
        for lab, field in zip(self.form_labels, (
                self.rule_name, self.rule_from, self.rule_to, self.rule_rate, self.rule_cap,
                self.rule_period, self.rule_source), strict=True):
            lab.setWordWrap(True)
            form.addRow(lab, field)
            if field is self.rule_to:
                form.addRow(self.rule_open)
        self.rules_card.body.addLayout(form)
        self.add_btn = TargetButton("", "done", object_name="ruleAdd", beside=True, icon_px=40,
                                    parent=self.rules_card)
        self.add_btn.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.add_btn.clicked.connect(self.add_rule)
        self.rules_card.body.addWidget(self.add_btn)
        self.rule_message = label(self.rules_card, "ruleMessage", "warning")
        self.rule_message.hide()
        self.rules_card.body.addWidget(self.rule_message)
        self.rules_card.body.addStretch(1)
        self.grid.add(self.rules_card)
        body.addWidget(self.grid)
        body.addStretch(1)
        self.page = page
        self.outer.addWidget(page, 1)
        self._clear_form()
        self.retranslate()
        self.restyle()
        self.show_allowance(None)

    def _money_spin(self, name: str, accessible: str) -> QSpinBox:
        spin = named(QSpinBox(self.rules_card), name, accessible)
        spin.setLocale(VI_LOCALE)
        spin.setGroupSeparatorShown(True)
        spin.setRange(0, 2_000_000_000)
        spin.setSingleStep(10_000)
        spin.setSuffix(" đ")
        return spin

    def retranslate(self) -> None:
        super().retranslate()
        self.amounts.heading.setText(self.tr("Kinh phí hỗ trợ trong kỳ"))
        self.rules_card.heading.setText(self.tr("Quy định về mức hỗ trợ (mới nhất trước)"))
        self.form_heading.setText(self.tr("Thêm quy định mới"))
        self.table.setHorizontalHeaderLabels([self.tr("Thành viên"), self.tr("Số ngày"),
                                              self.tr("Theo mức"), self.tr("Được nhận")])
        self.caps_heading.setText(self.tr("Mức tối đa của tổ theo từng kỳ"))
        self.caps_table.setHorizontalHeaderLabels([self.tr("Kỳ"), self.tr("Mức tối đa"),
                                                   self.tr("Đã dùng"), self.tr("Còn lại")])
        self.table_empty.setText(self.tr("Chưa có dữ liệu: chưa thành viên nào có ngày hoạt "
                                         "động trong kỳ này."))
        for lab, text in zip(self.form_labels, (
                self.tr("Tên quy định"), self.tr("Có hiệu lực từ"), self.tr("Hết hiệu lực"),
                self.tr("Mỗi người mỗi ngày"), self.tr("Tối đa cho cả tổ"),
                self.tr("Tính mức tối đa theo"), self.tr("Nguồn (văn bản)")), strict=True):
            lab.setText(text)
        self.rule_open.setText(self.tr("Chưa có ngày hết hiệu lực"))
        self.rule_period.setItemText(0, self.tr("Từng tháng"))
        self.rule_period.setItemText(1, self.tr("Từng năm"))
        self.add_btn.set_label(self.tr("Thêm quy định"),
                               self.tr("Lưu quy định mới; số tiền được tính lại ngay."))
        if self.allowance is not None:
            self.show_allowance(self.allowance)
        self._show_rules()

    def restyle(self) -> None:
        super().restyle()
        self.add_btn.apply_palette(theme.palette(self.state.high_contrast))

    def refresh(self) -> None:
        if not self.state.is_staff:
            return
        actor, store, period = self.state.actor, self.store, self.model.period
        self.period_label.setText(period_text(period, self.state.language))
        self._start(lambda: (compute_allowance(actor, store, period), list_rules(store)),
                    self._on_computed)

    def _on_computed(self, value: tuple[Allowance, tuple[PolicyRuleInfo, ...]]) -> None:
        self.rules = value[1]
        self.show_allowance(value[0])
        self._show_rules()

    def reset(self) -> None:
        super().reset()
        self.rules = ()
        self.team_index = 0
        self._show_rules()
        self.show_allowance(None)
        self._clear_form()

    # -- showing -----------------------------------------------------------------------------
    def _on_team_pick_activated(self, index: int) -> None:
        self.team_index = index
        if self.allowance is not None:
            self.show_allowance(self.allowance)

    def show_allowance(self, a: Allowance | None) -> None:
        self.allowance = a
        if a is None or not a.teams:
            self.total.setText("—")
            for w in (self.team_pick, self.teams_line, self.total_detail, self.remaining,
                      self.no_rule, self.capped, self.caps_heading, self.caps_table,
                      self.table):
                w.hide()
            self.table_empty.show()
            return
        self.period_label.setText(period_text(a.period, self.state.language))
        self.team_index = min(self.team_index, len(a.teams) - 1)
        several = len(a.teams) > 1
        self.team_pick.clear()
        for t in a.teams:
            self.team_pick.addItem(t.team_name, t.team_id)
        self.team_pick.setCurrentIndex(self.team_index)
        self.teams_line.setText(
            self.tr("{n} tổ, mỗi tổ tính mức tối đa riêng: {list}.")
            .replace("{n}", str(len(a.teams)))
            .replace("{list}", "; ".join(f"{t.team_name} {money(t.paid_total_vnd)}"
                                         for t in a.teams)))
        for w in (self.team_pick, self.teams_line):
            w.setVisible(several)
        self._show_team(a.teams[self.team_index])
        self.demo_banner.setVisible(a.includes_demo)

    def _show_team(self, a: TeamAllowance) -> None:
        self.total.setText(self.tr("Tổng được nhận: {v}").replace("{v}", money(a.paid_total_vnd)))
        detail = (self.tr("{n} thành viên, {d} ngày hoạt động; theo mức ngày là {due}.")
                  .replace("{n}", fmt_int(len(a.volunteers)))
                  .replace("{d}", fmt_int(len(a.lines)))
                  .replace("{due}", money(a.due_total_vnd)))
        if a.due_total_vnd > a.paid_total_vnd:
            detail += " " + self.tr("Phần vượt mức tối đa của tổ không được tính.")
        self.total_detail.setText(detail)
        self.total_detail.show()
        if a.current is not None:
            cur = a.current
            self.remaining.setText(
                self.tr("Còn lại trong {label}: {left} (đã dùng {used} / tối đa {cap}).")
                .replace("{label}", _cap_label(cur, self.state.language))
                .replace("{left}", money(cur.remaining_vnd)).replace("{used}", money(cur.used_vnd))
                .replace("{cap}", money(cur.cap_vnd)))
            self.remaining.show()
        else:
            self.remaining.hide()
        rows = [[v.name, fmt_int(v.active_days), money(v.due_vnd), money(v.paid_vnd)]
                for v in a.volunteers]
        if rows:
            rows.append([self.tr("Cả tổ"), fmt_int(sum(v.active_days for v in a.volunteers)),
                         money(a.due_total_vnd), money(a.paid_total_vnd)])
        fill_table(self.table, rows, bold_last=True)
        self.table.setVisible(bool(rows))
        self.table_empty.setVisible(not rows)
        if a.days_without_rule:
            days = ", ".join(fmt_day(d) for d in a.days_without_rule[:10])
            more = len(a.days_without_rule) - 10
            if more > 0:
                days += " " + self.tr("và {n} ngày khác").replace("{n}", str(more))
            self.no_rule.setText(self.tr("{n} ngày hoạt động không có quy định nào (0 đ): "
                                         "{days}. Hãy thêm quy định cho những ngày này nếu "
                                         "có.").replace("{n}", str(len(a.days_without_rule)))
                                 .replace("{days}", days))
            self.no_rule.show()
        else:
            self.no_rule.hide()
        if a.capped_days:
            self.capped.setText(self.tr("Đã chạm mức tối đa từ ngày {d}.").replace(
                "{d}", fmt_day(a.capped_days[0])))
            self.capped.show()
        else:
            self.capped.hide()
        lang = self.state.language
        caps = [[_cap_label(c, lang).capitalize(), money(c.cap_vnd), money(c.used_vnd),
                 money(c.remaining_vnd)] for c in a.cap_uses]
        fill_table(self.caps_table, caps)
        for w in (self.caps_heading, self.caps_table):
            w.setVisible(len(caps) > 1)

    def _show_rules(self) -> None:
        while self.rules_box.count():
            item = self.rules_box.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        if not self.rules:
            return
        used = {r.id for r in self.allowance.rules} if self.allowance is not None else set()
        for r in reversed(self.rules):
            lab = label(self.rules_card, f"allowanceRule{r.id}")
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text = f"<b>{_esc(r.name)}</b>"
            if r.id in used:
                text += " — " + _esc(self.tr("áp dụng cho kỳ này"))
            text += f"<br>{_esc(r.validity_label)} · {_esc(r.summary)}"
            if r.share_summary:  # the reading of the cap's split (kiosk.reports.allowance)
                text += f"<br>{_esc(r.share_summary)}"
            if r.source:
                # The source can be a long note; the start names the document, the rest is
                # in the tooltip and the exported XLSX/PDF.
                short = r.source if len(r.source) <= 110 else r.source[:109].rstrip() + "…"
                text += "<br><i>" + _esc(self.tr("Nguồn: {s}").replace("{s}", short)) + "</i>"
                lab.setToolTip(r.source)
            lab.setText(text)
            lab.setAccessibleName(f"{r.name}: {r.validity_label}, {r.summary}")
            self.rules_box.addWidget(lab)

    # -- adding a rule -----------------------------------------------------------------------
    def _clear_form(self) -> None:
        self.rule_name.clear()
        self.rule_source.clear()
        today = self.model.period.end
        self.rule_from.setDate(QDate(today.year + 1, 1, 1))
        self.rule_to.setDate(QDate(today.year + 1, 12, 31))
        self.rule_open.setChecked(False)
        self.rule_rate.setValue(50_000)
        self.rule_cap.setValue(300_000)
        self.rule_period.setCurrentIndex(0)
        self.rule_message.hide()

    def add_rule(self) -> None:
        actor, store = self.state.actor, self.store
        values = {
            "name": self.rule_name.text(),
            "valid_from": self.rule_from.date().toPython(),
            "valid_to": None if self.rule_open.isChecked() else self.rule_to.date().toPython(),
            "daily_rate_vnd": self.rule_rate.value(), "cap_vnd": self.rule_cap.value(),
            "cap_period": self.rule_period.currentData(), "source": self.rule_source.text(),
        }

        def ok(rule: PolicyRuleInfo) -> None:
            self._rule_message(self.tr("Đã thêm quy định “{name}”. Số tiền đã được tính "
                                       "lại.").replace("{name}", rule.name), "tip")
            self.rule_name.clear()
            self.rule_source.clear()
            self.refresh()

        def shown(exc: KioskError) -> None:
            self._rule_message(exc.message(self.state.language), "warning")

        self.rule_message.hide()
        Op(lambda: add_rule(actor, store, **values)).on("db").success(ok).problem(shown) \
            .run(self.tasks)

    def _rule_message(self, text: str, role: str) -> None:
        self.rule_message.setText(text)
        self.rule_message.setProperty("role", role)
        self.rule_message.style().unpolish(self.rule_message)
        self.rule_message.style().polish(self.rule_message)
        self.rule_message.show()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cap_label(cur: CapUse, lang: str) -> str:
    """The cap period inside a sentence: "tháng 3/2026" / "month 3/2026"."""
    if cur.cap_period is CapPeriod.MONTH:
        return (f"month {cur.start.month}/{cur.start.year}" if lang == "en"
                else f"tháng {cur.start.month}/{cur.start.year}")
    return f"year {cur.start.year}" if lang == "en" else f"năm {cur.start.year}"
