"""A big button's picture sits where Qt's AlignHCenter would put it (the odd pixel on the
right), at every width: it is centred without Qt's namespace (ui.first_paint), and a pixel's
shift would change every screen's look."""

from __future__ import annotations

from ui.widgets.big_button import BigButton


def test_the_icon_is_centred_with_the_odd_pixel_on_the_right(qapp) -> None:
    for icon_px in (40, 63, 91, 128):
        button = BigButton("Lấy số thứ tự", "ticket", object_name="t", icon_px=icon_px)
        button.show()
        icon = button._icon
        for width in range(icon_px + 20, icon_px + 260, 3):
            button.resize(width, 400)
            button.layout().activate()
            pixmap = icon.pixmap().width()
            inner = button.layout().contentsRect()
            assert icon.width() == pixmap
            assert icon.x() == inner.x() + (inner.width() - pixmap) // 2, (icon_px, width)
        button.close()
        button.deleteLater()


def test_the_words_are_laid_out_inside_the_border_at_the_width_they_are_measured(
        qapp) -> None:
    """A card's height is measured with its words wrapped inside the border, but the words
    were laid out across the whole button: a line that just fitted ran under the border
    ("VNeID (homestay, người thân)" at 1920×1080 with the largest text) while the card was
    measured a line taller, so its row left no room for a second row on the page."""
    from ui import theme

    for beside in (False, True):
        button = BigButton("Báo lưu trú cho khách trên VNeID (homestay, người thân)", "home",
                           object_name="t", beside=beside)
        button.show()
        for width in range(260, 700, 7):
            button.resize(width, button.heightForWidth(width))
            button.layout().activate()
            words = button._label.geometry()
            assert words.left() >= theme.BORDER_PX, (beside, width, words)
            assert words.right() <= width - 1 - theme.BORDER_PX, (beside, width, words)
            # what it was measured to need is what it is given: no line cut, none spare
            assert button._label.height() >= button._label.heightForWidth(words.width())
        button.close()
        button.deleteLater()
