"""Preview and print one how-to sheet: what the paper will look like, two big options, "In".

The sheet is made by ``kiosk.sheets.render_sheet`` on the printing lane into
``data_dir/cache/sheets/`` and its first pages are rasterised there too (QtPdf); only the
finished images reach the GUI thread. Printing checks today's quota first (database lane),
then prints on the printing lane with ``BusyReason.SHEET_PRINTING`` in
``state.busy_reasons`` so an idle reset never cuts a job short, then records the print.
When the printer fails, the citizen is
offered to save the PDF to a USB drive or the Documents folder instead.
"""

from __future__ import annotations

import logging
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Config
from kiosk.content.model import Catalogue, Tutorial
from kiosk.files import OutputError, atomic_output
from kiosk.printing_quota import (
    QuotaStatus,
    extended_quota,
    override_today,
    quota_status,
)
from kiosk.store import Store
from ui import printing, theme
from ui.navigator import Navigator
from ui.ops import Op
from ui.screens.base import BaseScreen, SpeakerLike, clear_layout
from ui.state import BusyReason, KioskState
from ui.tasks import TaskRunner
from ui.widgets.big_button import BigButton

log = logging.getLogger(__name__)

PREVIEW_HEIGHT_PX = 1100  # rasterised page height; scaled down smoothly to the space there is
PREVIEW_PAGES = 2
MAX_SAVE_TARGETS = 3


def rasterise(pdf: Path, pages: int = PREVIEW_PAGES,
              height: int = PREVIEW_HEIGHT_PX) -> list[QImage]:
    """The first ``pages`` pages of ``pdf`` as images on white paper. Any thread."""
    with _PDF_LOCK:
        return _rasterise(_pdf_document(), pdf, pages, height)


# One QPdfDocument for the whole process, loaded and closed for each sheet: every
# QPdfDocument made and deleted keeps 0.1-0.2 MB of native memory inside QtPdf (measured with
# malloc_trim: 40 previews grew the kiosk by 4-6 MB; one reused document, by nothing). It has
# no thread (``moveToThread(None)``: it needs no events) and the lock lets one caller at a
# time use it, whichever lane's thread that is.
_PDF_LOCK = threading.Lock()
_PDF_DOCS: list[QPdfDocument] = []


def _pdf_document() -> QPdfDocument:
    if not _PDF_DOCS:
        doc = QPdfDocument()
        doc.moveToThread(None)
        _PDF_DOCS.append(doc)
    return _PDF_DOCS[0]


def _rasterise(doc: QPdfDocument, pdf: Path, pages: int, height: int) -> list[QImage]:
    try:
        if doc.load(str(pdf)) != QPdfDocument.Error.None_:
            raise OutputError("Không mở được tờ hướng dẫn vừa tạo.")
        images: list[QImage] = []
        for i in range(min(pages, doc.pageCount())):
            pt = doc.pagePointSize(i)
            size = QSize(max(1, round(pt.width() * height / pt.height())), height)
            page = doc.render(i, size)
            paper = QImage(size, QImage.Format.Format_RGB32)
            paper.fill(QColor("white"))  # paper, not a theme colour: QtPdf leaves it transparent
            painter = QPainter(paper)
            painter.drawImage(0, 0, page)
            painter.end()
            images.append(paper)
        return images
    finally:
        doc.close()


@dataclass(frozen=True)
class SheetChoice:
    """What the person chose: which tutorial, paper size, large print, language."""

    tutorial_id: str
    size: str = "A4"
    large: bool = False
    lang: str = "vi"


@dataclass(frozen=True)
class PreparedSheet:
    choice: SheetChoice
    path: Path
    pages: int
    images: list[QImage] = field(compare=False)


class PageView(QLabel):
    """One page of the sheet, scaled to fit, on a card.

    The page is painted here, not handed to ``QLabel.setPixmap``: QLabel keeps a pixmap as a
    QIcon, and every new page image left a copy in Qt's pixmap cache under a new key, so each
    preview grew the kiosk by a page or two (up to the cache's 10 MB) that nobody would show
    again (issue #18 item 2, ``tests/ui/test_sheets_ui.py``).
    """

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(120, 170)
        self._image: QImage | None = None
        self._shown: QPixmap | None = None

    def set_image(self, image: QImage | None, description: str) -> None:
        self._image = image
        self.setAccessibleName(description)
        self._update()

    @property
    def has_image(self) -> bool:
        return self._image is not None and not self._image.isNull()

    def pixmap(self) -> QPixmap:
        """The page as shown (scaled to this card); a null pixmap when there is none."""
        return self._shown if self._shown is not None else QPixmap()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._update()

    def paintEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)  # the card from the style sheet
        if self._shown is None:
            return
        area = self.contentsRect()
        painter = QPainter(self)
        painter.drawPixmap(area.x() + (area.width() - self._shown.width()) // 2,
                           area.y() + (area.height() - self._shown.height()) // 2, self._shown)
        painter.end()

    def _update(self) -> None:
        if not self.has_image:
            self._shown = None
            self.update()
            return
        assert self._image is not None
        box = self.contentsRect().size()
        if box.width() < 10 or box.height() < 10:
            box = QSize(400, 566)
        scaled = self._image.scaled(box, Qt.AspectRatioMode.KeepAspectRatio,
                                    Qt.TransformationMode.SmoothTransformation)
        self._shown = QPixmap.fromImage(scaled)
        self.update()


def _set_role(label: QLabel, role: str) -> None:
    if label.property("role") != role:
        label.setProperty("role", role)
        label.style().unpolish(label)
        label.style().polish(label)


class SheetPreviewScreen(BaseScreen):
    """``on_enter(tutorial_id=...)``: show the sheet, let the person choose, then print."""

    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 catalogue: Catalogue, tasks: TaskRunner, store: Store, config: Config,
                 data_dir: Path, printer: printing.Printer) -> None:
        super().__init__(state, nav, speaker, "sheetPreview")
        self.catalogue, self.tasks, self.store = catalogue, tasks, store
        self.config, self.printer = config, printer
        self.cache_dir = data_dir / "cache" / "sheets"
        self.tutorial: Tutorial | None = None
        self.large = False
        self.a5 = False
        self.wanted: SheetChoice | None = None
        self.prepared: PreparedSheet | None = None
        self.failed_to_prepare = False
        self.printing = False
        self.over_quota = False
        self.quota: QuotaStatus | None = None
        self.save_buttons: list[BigButton] = []

        body = QHBoxLayout()
        body.setSpacing(24)
        self.body = body
        # Left: the pages, or "Đang chuẩn bị…" while they are made.
        pages_box = QVBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("sheetPreviewStatus")
        self.status.setProperty("role", "title")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        pages_box.addWidget(self.status, 1)
        pages_row = QHBoxLayout()
        pages_row.setSpacing(16)
        self.cards: list[QFrame] = []
        self.pages: list[PageView] = []
        for i in range(PREVIEW_PAGES):
            card = QFrame(self)
            card.setObjectName("Card")
            inner = QVBoxLayout(card)
            inner.setContentsMargins(6, 6, 6, 6)
            view = PageView(f"sheetPreviewPage{i + 1}", card)
            inner.addWidget(view)
            pages_row.addWidget(card)
            self.cards.append(card)
            self.pages.append(view)
        pages_box.addLayout(pages_row, 1)
        body.addLayout(pages_box, 3)

        # Right: the two options, "In", and what happened.
        side = QVBoxLayout()
        side.setSpacing(10)
        self.options_label = QLabel(self)
        self.options_label.setObjectName("sheetOptionsLabel")
        self.options_label.setWordWrap(True)
        side.addWidget(self.options_label)
        toggles = QHBoxLayout()
        toggles.setSpacing(16)
        self.large_btn = BigButton("", "textsize", object_name="sheetLargePrint",
                                   role="secondary", beside=True, icon_px=48)
        self.a5_btn = BigButton("", "document", object_name="sheetA5", role="secondary",
                                beside=True, icon_px=48)
        for b in (self.large_btn, self.a5_btn):
            b.setCheckable(True)
            toggles.addWidget(b)
        side.addLayout(toggles)
        self.info = QLabel(self)
        self.info.setObjectName("sheetInfo")
        self.info.setProperty("role", "muted")
        self.info.setWordWrap(True)
        side.addWidget(self.info)
        self.print_btn = BigButton("", "print", object_name="sheetPrint", beside=True,
                                   icon_px=64)
        self.print_btn.setMaximumHeight(300)  # big, but still reads as a button
        side.addWidget(self.print_btn, 2)
        self.message = QLabel(self)
        self.message.setObjectName("sheetMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "tip")
        side.addWidget(self.message)
        self.override_btn = BigButton("", "key", object_name="sheetAllowMore",
                                      role="secondary", beside=True, icon_px=40)
        side.addWidget(self.override_btn)
        self.save_label = QLabel(self)
        self.save_label.setObjectName("sheetSaveLabel")
        self.save_label.setWordWrap(True)
        side.addWidget(self.save_label)
        self.save_box = QVBoxLayout()
        self.save_box.setSpacing(8)
        side.addLayout(self.save_box)
        side.addStretch(1)
        body.addLayout(side, 2)
        self.outer.addLayout(body, 1)

        self.large_btn.toggled.connect(self._on_large_toggled)
        self.a5_btn.toggled.connect(self._on_a5_toggled)
        self.print_btn.clicked.connect(self.print_sheet)
        self.override_btn.clicked.connect(self.allow_more)
        state.actor_changed.connect(lambda _a: self._update_controls())
        self._show_message("", "tip")
        self.override_btn.hide()
        self._update_controls()

    # -- navigation ------------------------------------------------------------------------
    def on_enter(self, **context: Any) -> None:
        tid = context.get("tutorial_id") or (self.tutorial.id if self.tutorial else "")
        tutorial = self.catalogue.by_id(tid) if tid else None
        if tutorial is None:
            log.warning("sheet preview opened without a known tutorial: %s", tid)
            self.nav.home()
            return
        if tutorial is not self.tutorial:
            self._set_options(large=False, a5=False)
        self.tutorial = tutorial
        self._clear_outcome()
        self.retranslate()
        self.prepare(force=True)
        self.refresh_quota()

    def on_leave(self) -> None:
        """Let the page images go (3-4 MB each, and their scaled copies): ``on_enter`` makes
        them again, and a preview still being made for this visit is dropped when it comes
        (issue #18 item 2). A print in progress keeps its own sheet and carries on."""
        self.wanted = None
        self.prepared = None
        for view in self.pages:
            view.set_image(None, view.accessibleName())

    def reset(self) -> None:
        self.tutorial = None
        self.wanted = None
        self.prepared = None
        self._set_options(large=False, a5=False)
        self._clear_outcome()
        for view in self.pages:
            view.set_image(None, "")

    def retranslate(self) -> None:
        title = self.tutorial.title.get(self.state.language) if self.tutorial else ""
        self.title.setText(self.tr("In tờ hướng dẫn: {title}").replace("{title}", title))
        self.options_label.setText(self.tr("Chọn cách in (không bắt buộc):"))
        self.large_btn.set_label(self.tr("Chữ to"), self.tr("In chữ to hơn, dễ đọc hơn."))
        self.a5_btn.set_label(self.tr("Khổ A5"), self.tr("In khổ giấy nhỏ, bằng nửa tờ A4."))
        self.retranslate_print_label()
        self.save_label.setText(self.tr("Hoặc lưu lại để in ở nơi khác:"))
        self.override_btn.set_label(self.tr("Cho phép in thêm"),
                                    self.tr("Cán bộ cho phép in thêm trong hôm nay."))
        for i, view in enumerate(self.pages):
            view.setAccessibleName(self.tr("Trang {n} của tờ hướng dẫn")
                                   .replace("{n}", str(i + 1)))
        self._update_info()
        self._update_status()
        if self.tutorial is not None and self.wanted is not None \
                and self.wanted.lang != self.state.language:
            self.prepare()

    def announcement(self) -> str:
        title = self.tutorial.title.get(self.state.language) if self.tutorial else ""
        return self.tr("Xem trước tờ hướng dẫn {title}. Nếu muốn, chọn Chữ to hoặc Khổ A5, "
                       "rồi bấm In.").replace("{title}", title)

    # -- the preview -------------------------------------------------------------------------
    def choice(self) -> SheetChoice | None:
        if self.tutorial is None:
            return None
        return SheetChoice(self.tutorial.id, "A5" if self.a5 else "A4", self.large,
                           self.state.language if self.state.language in ("vi", "en") else "vi")

    def prepare(self, force: bool = False) -> None:
        """Make the PDF for the current choice and its preview images, off the GUI thread."""
        from kiosk.sheets import sheet_file_name  # reportlab: on use, not at start-up

        choice = self.choice()
        if choice is None or (choice == self.wanted and not force):
            return
        tutorial = self.tutorial
        assert tutorial is not None
        self.wanted = choice
        self.prepared = None
        self.failed_to_prepare = False
        for view in self.pages:
            view.set_image(None, view.accessibleName())
        self._update_status()
        self._update_info()
        cfg = self.config
        path = self.cache_dir / sheet_file_name(choice.tutorial_id, choice.size, choice.large,
                                                choice.lang)
        cache_dir = self.cache_dir

        def work() -> PreparedSheet:
            from kiosk.sheets import render_sheet  # reportlab: on use, not at start-up

            cache_dir.mkdir(parents=True, exist_ok=True)
            result = render_sheet(tutorial, path, size=choice.size,  # type: ignore[arg-type]
                                  lang=choice.lang, large=choice.large,  # type: ignore[arg-type]
                                  help_point=cfg.help_point_name, commune=cfg.commune,
                                  hotline=cfg.hotline)
            return PreparedSheet(choice, result.path, result.pages, rasterise(result.path))

        Op(work).on("print").success(self._on_prepared) \
            .failure(lambda exc: self._on_prepare_failed(choice, exc)).run(self.tasks)

    def _on_prepared(self, prepared: PreparedSheet) -> None:
        if prepared.choice != self.wanted:
            return  # the person changed an option meanwhile; a newer preview is on its way
        self.prepared = prepared
        for i, view in enumerate(self.pages):
            image = prepared.images[i] if i < len(prepared.images) else None
            view.set_image(image, self.tr("Trang {n} của tờ hướng dẫn").replace("{n}",
                                                                                str(i + 1)))
        self._update_status()
        self._update_info()
        self._update_controls()

    def _on_prepare_failed(self, choice: SheetChoice, exc: BaseException) -> None:
        if choice != self.wanted:
            return
        log.error("sheet preview failed: %s", exc, exc_info=not isinstance(exc, OutputError))
        self.failed_to_prepare = True
        detail = exc.message(self.state.language) if isinstance(exc, OutputError) else ""
        text = self.tr("Chưa chuẩn bị được tờ hướng dẫn. Vui lòng hỏi tình nguyện viên.")
        self._show_message(f"{text} {detail}".strip(), "warning")
        self._update_status()
        self._update_controls()

    def _update_status(self) -> None:
        busy = self.wanted is not None and self.prepared is None and not self.failed_to_prepare
        if busy:
            self.status.setText(self.tr("Đang chuẩn bị tờ hướng dẫn…"))
        elif self.failed_to_prepare:
            self.status.setText(self.tr("Chưa xem trước được tờ hướng dẫn."))
        self.status.setVisible(busy or self.failed_to_prepare)
        count = len(self.prepared.images) if self.prepared else 0
        if self.save_buttons:
            count = min(count, 1)
        for i, card in enumerate(self.cards):
            card.setVisible(i < count)

    def _update_info(self) -> None:
        lines = []
        if self.prepared is not None:
            lines.append(self.tr("{n} trang, khổ {size}.")
                         .replace("{n}", str(self.prepared.pages))
                         .replace("{size}", self.prepared.choice.size))
        if self.quota is not None and not self.over_quota:
            lines.append(self.tr("Hôm nay còn in được {n} tờ.")
                         .replace("{n}", str(self.quota.remaining)))
        self.info.setText(" ".join(lines))
        self._update_controls()

    def _update_controls(self) -> None:
        ready = self.prepared is not None and not self.printing
        self.print_btn.setEnabled(ready)
        self.large_btn.setEnabled(not self.printing)
        self.a5_btn.setEnabled(not self.printing)
        self.override_btn.setVisible(self.over_quota and self.state.is_staff
                                     and not self.printing)
        offering_save = bool(self.save_buttons)
        # While the save offer is up, the options step aside so everything fits on 1366×768.
        for w in (self.options_label, self.large_btn, self.a5_btn):
            w.setVisible(not offering_save)
        self.info.setVisible(bool(self.info.text()) and not offering_save)
        self.save_label.setVisible(offering_save)
        # ... and page 2 too: the message and save buttons get half the width.
        self.body.setStretch(0, 1 if offering_save else 3)
        self.body.setStretch(1, 1 if offering_save else 2)
        self._update_status()
        for b in self.save_buttons:
            b.setEnabled(not self.printing)

    # -- options -----------------------------------------------------------------------------
    def _set_options(self, *, large: bool, a5: bool) -> None:
        self.large, self.a5 = large, a5
        for b, on in ((self.large_btn, large), (self.a5_btn, a5)):
            b.blockSignals(True)
            b.setChecked(on)
            b.blockSignals(False)
            b.apply_palette(theme.palette(self.state.high_contrast))

    def _on_large_toggled(self, on: bool) -> None:
        self._option_changed(large=on, a5=self.a5)

    def _on_a5_toggled(self, on: bool) -> None:
        self._option_changed(large=self.large, a5=on)

    def _option_changed(self, *, large: bool, a5: bool) -> None:
        self._set_options(large=large, a5=a5)
        self._clear_outcome()
        self.prepare()

    # -- printing ----------------------------------------------------------------------------
    def refresh_quota(self) -> None:
        quota = self.config.daily_print_quota
        Op(lambda: quota_status(self.store, quota)).on("db").success(self._on_quota_known) \
            .or_log("print quota unavailable").run(self.tasks)

    def _on_quota_known(self, status: QuotaStatus) -> None:
        self.quota = status
        self._update_info()

    def print_sheet(self) -> None:
        prepared = self.prepared
        if prepared is None or self.printing:
            return
        self._set_printing(True)
        self._clear_outcome()
        self._show_message(self.tr("Đang in… Vui lòng chờ."), "tip")
        quota = self.config.daily_print_quota
        Op(lambda: quota_status(self.store, quota)).on("db") \
            .success(lambda status: self._on_quota_checked(prepared, status)) \
            .failure(lambda exc: self._on_print_failed(prepared, exc)).run(self.tasks)

    def _on_quota_checked(self, prepared: PreparedSheet, status: QuotaStatus) -> None:
        self.quota = status
        if not status.allows(prepared.pages):
            self.over_quota = True
            self._set_printing(False)
            self._tell(self.tr("Hôm nay đã in hết số tờ cho phép. Vui lòng hỏi tình "
                               "nguyện viên."), "warning")
            self._update_info()
            return
        printing.print_and_count(
            self.tasks, self.store, self.printer, prepared.path, kind="sheet",
            tutorial_id=prepared.choice.tutorial_id, pages=prepared.pages,
            pages_from_printer=True, on_printed=lambda _n: self._on_printed(),
            on_failed=lambda exc: self._on_print_failed(prepared, exc))

    def _on_printed(self) -> None:
        self._set_printing(False)
        self._tell(self.tr("Đã in xong. Mời bạn lấy tờ hướng dẫn ở máy in."), "tip")
        self.refresh_quota()

    def _on_print_failed(self, prepared: PreparedSheet, exc: BaseException) -> None:
        log.warning("sheet printing failed: %s: %s", type(exc).__name__, exc)
        self._set_printing(False)
        text = self.tr("Chưa in được: máy in đang gặp sự cố.")
        if isinstance(exc, printing.PrintError):  # what went wrong at the printer
            text = f"{text} {exc.message(self.state.language)}"
        self._tell(text, "warning")
        Op(printing.save_targets).success(self._show_save_targets) \
            .or_log("no save targets").run(self.tasks)

    def _set_printing(self, on: bool) -> None:
        self.printing = on
        if on:
            self.state.busy_reasons.add(BusyReason.SHEET_PRINTING)
        else:
            self.state.busy_reasons.discard(BusyReason.SHEET_PRINTING)
        self._update_controls()

    def allow_more(self) -> None:
        """Staff: raise today's quota so this sheet (and a few more) can be printed."""
        status, prepared = self.quota, self.prepared
        if status is None or prepared is None:
            return
        new_quota = extended_quota(status, prepared.pages)
        added = new_quota - status.quota
        actor = self.state.actor

        def ok(_v: object) -> None:
            self.over_quota = False
            self._update_controls()
            self._show_message(self.tr("Đã cho phép in thêm {n} tờ trong hôm nay. Bấm “In” "
                                       "để in.").replace("{n}", str(added)), "tip")
            self.refresh_quota()

        Op(lambda: override_today(self.store, actor, new_quota)).on("db").success(ok) \
            .problem(lambda exc: self._show_message(exc.message(self.state.language),
                                                    "warning")).run(self.tasks)

    # -- saving instead of printing ----------------------------------------------------------
    def _show_save_targets(self, targets: list[Path]) -> None:
        self._clear_save_buttons()
        if len(targets) > MAX_SAVE_TARGETS:  # USB drives first, Documents always last
            targets = [*targets[:MAX_SAVE_TARGETS - 1], targets[-1]]
        for i, folder in enumerate(targets):
            b = BigButton(self._save_label(folder), "document", object_name=f"sheetSave{i}",
                          role="secondary", beside=True, icon_px=32,
                          what_it_does=self.tr("Lưu tệp PDF vào {folder}.")
                          .replace("{folder}", str(folder)))
            b.apply_palette(theme.palette(self.state.high_contrast))
            b.clicked.connect(lambda _=False, f=folder: self.save_to(f))
            self.save_box.addWidget(b)
            self.save_buttons.append(b)
        self.retranslate_print_label()
        self._update_controls()
        if self.state.voice_on and self.isVisible() and self.save_buttons:
            self.speaker.say(self.save_label.text())

    def retranslate_print_label(self) -> None:
        self.print_btn.set_label(self.tr("In lại") if self.save_buttons else self.tr("In"),
                                 self.tr("In tờ hướng dẫn để mang về nhà."))

    def _save_label(self, folder: Path) -> str:
        name = folder.name or str(folder)
        if any(folder.is_relative_to(base) for base in ("/media", "/run/media", "/mnt")):
            return self.tr("Lưu vào USB “{name}”").replace("{name}", name)
        return self.tr("Lưu vào thư mục “{name}”").replace("{name}", name)

    def save_to(self, folder: Path) -> None:
        from kiosk.sheets import sheet_file_name  # reportlab: on use, not at start-up

        prepared = self.prepared
        if prepared is None:
            return
        c = prepared.choice
        dest = folder / sheet_file_name(c.tutorial_id, c.size, c.large, c.lang)

        def work() -> Path:
            with atomic_output(dest) as tmp:
                shutil.copyfile(prepared.path, tmp)
            return dest

        def ok(path: Path) -> None:
            self._tell(self.tr("Đã lưu tờ hướng dẫn vào: {path}").replace("{path}", str(path)),
                       "tip")

        def fail(exc: BaseException) -> None:
            log.warning("saving the sheet failed: %s", type(exc).__name__)
            if isinstance(exc, OutputError):
                self._show_message(exc.message(self.state.language), "warning")
            else:
                self._show_message(self.tr("Chưa lưu được tệp. Hãy thử USB khác hoặc hỏi "
                                           "tình nguyện viên."), "warning")

        Op(work).on("print").success(ok).failure(fail).run(self.tasks)

    # -- messages ----------------------------------------------------------------------------
    def _show_message(self, text: str, role: str) -> None:
        _set_role(self.message, role)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _tell(self, text: str, role: str) -> None:
        """Show a message and, in voice mode, say it."""
        self._show_message(text, role)
        if self.state.voice_on and self.isVisible():
            self.speaker.say(text)

    def _clear_save_buttons(self) -> None:
        for b in self.save_buttons:
            b.hide()  # deleted later; never left showing in the meantime
        clear_layout(self.save_box)
        self.save_buttons = []
        self.retranslate_print_label()

    def _clear_outcome(self) -> None:
        self.over_quota = False
        self._show_message("", "tip")
        self._clear_save_buttons()
        self._update_controls()

