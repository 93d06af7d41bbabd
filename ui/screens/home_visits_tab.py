"""Staff tab "Đến nhà hỗ trợ": what the home-visit list is for, and the way to it.

The list itself is one screen for volunteers and staff alike (ScreenId.HOME_VISITS); staff
reach it here as well as from the volunteer console. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.navigator import Navigator, ScreenId
from ui.widgets.big_button import BigButton


class HomeVisitsTab(QWidget):
    def __init__(self, nav: Navigator) -> None:
        super().__init__()
        self.setObjectName("homeVisitsTab")
        self.nav = nav
        col = QVBoxLayout(self)
        self.text = QLabel(self)
        self.text.setObjectName("homeVisitsTabText")
        self.text.setWordWrap(True)
        self.open_btn = BigButton("", "volunteer", object_name="homeVisitsTabOpen",
                                  beside=True, icon_px=48)
        col.addWidget(self.text)
        col.addWidget(self.open_btn)
        col.addStretch(1)
        self.open_btn.clicked.connect(lambda: self.nav.go_to(ScreenId.HOME_VISITS))
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        self.text.setText(self.tr(
            "Danh sách người cần tổ đến tận nhà hỗ trợ, theo thôn/tổ dân phố. Thành viên nhận "
            "việc, đánh dấu “Đã xong” thì lượt hỗ trợ tại nhà được ghi vào sổ. Danh sách đi "
            "cùng gói dữ liệu USB sang máy của tổ lưu động và trở về (tab “Hồ sơ & dữ liệu cá "
            "nhân”); không gửi lên máy chủ. Tên và số điện thoại được xóa sau thời hạn giữ "
            "thông tin liên hệ."))
        self.open_btn.set_label(self.tr("Mở danh sách đến nhà"),
                                self.tr("Xem, thêm, nhận và đánh dấu xong các yêu cầu."))
