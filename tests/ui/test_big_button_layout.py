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
