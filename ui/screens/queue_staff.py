"""The staff tab "Hàng đợi": services on or off, and a test ticket for each service.

GUI thread only; the work runs through the shared :class:`ui.queue_desk.QueueDesk`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.errors import user_message
from kiosk.queue import ServiceInfo
from ui.printing import print_and_count
from ui.queue_desk import QueueDesk
from ui.widgets.big_button import BigButton

log = logging.getLogger(__name__)


class QueueStaffTab(QWidget):
    """Staff: turn each service on or off for the ticket screen, and print a test ticket.

    One row per service with large buttons (no tiny check boxes: staff use the touch screen).
    """

    def __init__(self, feature: QueueDesk) -> None:
        super().__init__()
        self.setObjectName("queueStaffTab")
        self.feature = feature
        layout = QVBoxLayout(self)
        self.hint = QLabel(self)
        self.hint.setObjectName("queueStaffHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.rows_box = QWidget(self)
        self.rows = QGridLayout(self.rows_box)
        self.rows.setHorizontalSpacing(16)
        self.rows.setVerticalSpacing(12)
        self.rows.setColumnStretch(0, 1)
        layout.addWidget(self.rows_box)
        self.message = QLabel(self)
        self.message.setObjectName("queueStaffMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.services: list[ServiceInfo] = []
        self.toggles: dict[str, BigButton] = {}
        self.test_buttons: dict[str, BigButton] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(self.tr("Các dịch vụ hiện trên màn hình lấy số. Bấm “Đang dùng” để "
                                  "tạm ngừng một dịch vụ (số đang chờ vẫn được gọi). “In phiếu "
                                  "thử” in một phiếu mẫu để kiểm tra máy in, không lấy số thật."))

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self.feature.load_services(self._fill, include_disabled=True)

    def _fill(self, services: list[ServiceInfo]) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        self.services = services
        self.toggles, self.test_buttons = {}, {}
        lang = self.feature.state.language
        for i, svc in enumerate(services):
            name = QLabel(f"{svc.prefix} — {svc.name(lang)}", self.rows_box)
            name.setObjectName(f"queueServiceName_{svc.code}")
            name.setWordWrap(True)
            toggle = BigButton("", "done" if svc.enabled else "lock",
                               object_name=f"queueServiceToggle_{svc.code}", beside=True,
                               icon_px=36, role="" if svc.enabled else "secondary",
                               parent=self.rows_box)
            toggle.set_label(self.tr("Đang dùng") if svc.enabled else self.tr("Tạm ngừng"),
                             self.tr("Bấm để tạm ngừng dịch vụ này.") if svc.enabled
                             else self.tr("Bấm để dùng lại dịch vụ này."))
            toggle.setAccessibleName(f"{svc.name_vi}: {toggle.text()}")
            toggle.clicked.connect(lambda _=False, s=svc: self.set_enabled(s, not s.enabled))
            test = BigButton(self.tr("In phiếu thử"), "print",
                             object_name=f"queueTestTicket_{svc.code}", role="secondary",
                             beside=True, icon_px=36, parent=self.rows_box,
                             what_it_does=self.tr("In một phiếu mẫu, không lấy số thật."))
            test.setAccessibleName(self.tr("In phiếu thử: {name}").replace("{name}",
                                                                           svc.name_vi))
            test.clicked.connect(lambda _=False, s=svc: self.print_test(s))
            for b in (toggle, test):
                b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            # A row as tall as its buttons want (with the theme's padding), never squeezed.
            self.rows.setRowMinimumHeight(i, max(toggle.sizeHint().height(),
                                                 test.sizeHint().height()))
            self.rows.addWidget(name, i, 0, Qt.AlignmentFlag.AlignVCenter)
            self.rows.addWidget(toggle, i, 1)
            self.rows.addWidget(test, i, 2)
            self.toggles[svc.code], self.test_buttons[svc.code] = toggle, test

    def set_enabled(self, svc: ServiceInfo, enabled: bool) -> None:
        actor, queue = self.feature.state.actor, self.feature.queue

        def done(info: ServiceInfo) -> None:
            text = (self.tr("Đã dùng lại dịch vụ “{name}”.") if info.enabled
                    else self.tr("Đã tạm ngừng dịch vụ “{name}”. Màn hình lấy số không còn "
                                 "hiện dịch vụ này."))
            self.message.setText(text.replace("{name}", info.name_vi))
            self.feature.events.changed.emit()
            self.refresh()

        def problem(message: str) -> None:
            self.message.setText(message)
            self.refresh()

        self.feature.run_db(lambda: queue.set_service_enabled(actor, svc.code, enabled), done,
                         problem)

    def print_test(self, svc: ServiceInfo) -> None:
        f = self.feature
        width, name, lang = f.config.ticket_width_mm, f.config.help_point_name, \
            f.state.language
        path = f.tickets_dir / f"test-{svc.prefix}.pdf"
        now, printer = f.store.clock.now(), f.printer
        self.message.setText(self.tr("Đang in phiếu thử…"))
        buttons = list(self.test_buttons.values())
        for b in buttons:
            b.setEnabled(False)

        def render(pdf: Path) -> None:
            from kiosk.bring import bring_items
            from kiosk.tickets import render_ticket, sample_ticket  # reportlab: not at start-up

            bring = bring_items(svc, f.catalogue.by_id)
            render_ticket(sample_ticket(svc, now, bring), pdf, width_mm=width,
                          help_point_name=name, lang=lang, test_print=True)

        def enable() -> None:
            for b in buttons:
                try:
                    b.setEnabled(True)
                except RuntimeError:  # the rows were rebuilt meanwhile
                    pass

        def ok(_pages: int) -> None:
            enable()
            self.message.setText(self.tr("Đã gửi phiếu thử đến máy in. Hãy xem phiếu in ra có "
                                         "rõ chữ và mã QR không."))

        def failed(exc: BaseException) -> None:
            enable()
            log.warning("test ticket not printed: %s: %s", type(exc).__name__, exc)
            self.message.setText(self.tr("Không in được phiếu thử: {reason} Hãy kiểm tra máy "
                                         "in đã bật, có giấy và đã cắm dây.")
                                 .replace("{reason}", user_message(exc, f.state.language)
                                          .rstrip(".") + "."))

        print_and_count(f.tasks, f.store, printer, path, kind="test", tutorial_id=None, pages=1,
                        on_printed=ok, on_failed=failed, render=render, temporary=True,
                        count=False)
