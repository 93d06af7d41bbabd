"""Home: three large tiles for citizens; more tiles appear for a signed-in volunteer or staff."""

from __future__ import annotations

from typing import Any

from ui.navigator import Navigator, ScreenId
from ui.screens.base import BaseScreen, SpeakerLike, clear_layout, grid
from ui.state import KioskState
from ui.widgets.big_button import BigButton


class HomeScreen(BaseScreen):
    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike) -> None:
        super().__init__(state, nav, speaker, "home")
        self.tiles: dict[str, BigButton] = {}
        self.tile_max_height = 380
        self._grid_holder = grid(self, [], 3)
        self.outer.addLayout(self._grid_holder, 1)
        state.actor_changed.connect(lambda _a: self.rebuild())
        self.rebuild()

    def _tile(self, key: str, icon_name: str, target: ScreenId, **ctx: Any) -> BigButton:
        # Made inside Home: not restyled again when the grid takes it.
        b = BigButton("", icon_name, object_name=f"homeTile_{key}", role="tile", icon_px=128,
                      parent=self)
        b.setMaximumHeight(self.tile_max_height)
        b.clicked.connect(lambda: self.nav.go_to(target, **ctx))
        self.tiles[key] = b
        return b

    def rebuild(self) -> None:
        clear_layout(self._grid_holder)
        self.tiles = {}
        tiles = [
            self._tile("ticket", "ticket", ScreenId.TAKE_TICKET),
            self._tile("learn", "learn", ScreenId.CATALOGUE),
            self._tile("print", "print", ScreenId.CATALOGUE, mode="print"),
            self._tile("scam", "warning", ScreenId.SCAM_CHECK),
        ]
        if self.state.is_helper:
            tiles.append(self._tile("console", "volunteer", ScreenId.VOLUNTEER))
            tiles.append(self._tile("quicklog", "document", ScreenId.QUICK_LOG))
        if self.state.is_staff:
            tiles.append(self._tile("staff", "staff", ScreenId.STAFF))
        kept = [t for t in tiles if self.nav.has(self._target_of(t))]
        for t in tiles:
            if t not in kept:  # a tile for a feature this kiosk lacks: never shown, so delete
                self.tiles.pop(t.objectName().removeprefix("homeTile_"), None)
                t.deleteLater()
        tiles = kept
        # Four tiles sit 2 × 2, not 3 + 1; a staff member's seven fit in two rows of four.
        columns = 2 if len(tiles) == 4 else 3 if len(tiles) <= 6 else 4
        for i, t in enumerate(tiles):
            self._grid_holder.addWidget(t, i // columns, i % columns)
        self.retranslate()

    def _target_of(self, tile: BigButton) -> ScreenId:
        key = tile.objectName().removeprefix("homeTile_")
        return {"ticket": ScreenId.TAKE_TICKET, "learn": ScreenId.CATALOGUE,
                "print": ScreenId.CATALOGUE, "scam": ScreenId.SCAM_CHECK,
                "console": ScreenId.VOLUNTEER,
                "quicklog": ScreenId.QUICK_LOG, "staff": ScreenId.STAFF}[key]

    def retranslate(self) -> None:
        self.title.setText(self.tr("Xin chào! Bạn cần giúp gì?"))
        labels = {
            "ticket": (self.tr("Lấy số thứ tự"), self.tr("Nhận một số để chờ đến lượt.")),
            "learn": (self.tr("Học từng bước"), self.tr("Xem và nghe hướng dẫn từng bước.")),
            "print": (self.tr("In hướng dẫn"), self.tr("In tờ hướng dẫn mang về nhà.")),
            "scam": (self.tr("Kiểm tra tin nhắn lạ"),
                     self.tr("Cuộc gọi, tin nhắn lạ: có phải lừa đảo không?")),
            "console": (self.tr("Bàn tình nguyện viên"), self.tr("Gọi số và hỗ trợ người dân.")),
            "quicklog": (self.tr("Ghi nhận hỗ trợ"), self.tr("Ghi lại một lượt hỗ trợ.")),
            "staff": (self.tr("Quản lý"), self.tr("Báo cáo, thành viên và cài đặt.")),
        }
        for key, tile in self.tiles.items():
            text, does = labels[key]
            tile.set_label(text, does)

    def announcement(self) -> str:
        names = ", ".join(t.text() for t in self.tiles.values())
        return self.tr("Màn hình chính. Bạn có thể chọn: {names}.").replace("{names}", names)
