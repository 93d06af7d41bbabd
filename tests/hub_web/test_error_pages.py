"""The error pages (400, 403, 404, 500) say what happened and what to do, in the page's
language, with the menu and a way home.

Before: an address with a control character got the form's advice ("gõ lại rồi lưu") and no
menu; an address no page has got FastAPI's ``{"detail": "Not Found"}``; a failing page got
"Internal Server Error" in English only.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)

MENU = '<nav aria-label="Menu chính">'


def _page(r: Any, status: int, *said: str) -> str:
    assert r.status_code == status, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["x-frame-options"] == "DENY"
    for text in said:
        assert text in r.text, text
    return str(r.text)


def test_an_address_no_page_has_is_a_404_page_with_the_menu(client_for: Any) -> None:
    officer = client_for("xa.a")
    html = _page(officer.get("/khong-co-trang-nay"), 404, "Không tìm thấy trang",
                 "Không có trang nào ở địa chỉ này.", "Hãy chọn trang từ menu", MENU,
                 'href="/">Về trang tổng quan')
    assert "detail" not in html
    _page(officer.post("/health", data={}), 405, "Không tìm thấy trang", MENU)
    _page(client_for("quantri").get("/help-point/khong-co"), 404, "Không tìm thấy trang", MENU)
    officer.cookies.set("hk_lang", "en")
    _page(officer.get("/khong-co-trang-nay"), 404, "Page not found",
          "There is no page at this address.", "Choose a page from the menu",
          "Back to the overview", '<nav aria-label="Main menu">')


def test_an_error_page_claims_no_menu_item_as_current(client_for: Any) -> None:
    """The 404 page under /commune/… marked "Tổng quan" as the current page (the menu chose
    its item by the address's first part). An error page is no menu item's page: none is
    marked, whatever the address; a real page still marks its own."""
    officer = client_for("xa.a")
    assert _current(officer.get("/commune/20194")) == ["/"]
    assert _current(officer.get("/health")) == ["/health"]
    assert _current(_page(officer.get("/commune/20194/khong-co"), 404)) == []
    assert _current(_page(officer.get("/health/khong-co"), 404)) == []
    assert _current(_page(officer.post("/health", data={}), 405)) == []
    assert _current(_page(officer.get("/commune/20227"), 403)) == []
    assert _current(_page(officer.get("/commune/20194%00"), 400)) == []
    admin = client_for("quantri")
    assert _current(admin.get("/packs")) == ["/packs"]
    assert _current(_page(admin.get("/packs/khong-co"), 404)) == []
    assert _current(_page(admin.get("/help-point/khong-co"), 404)) == []


def _current(r: Any) -> list[str]:
    """The menu links marked as the current page."""
    import re

    html = r if isinstance(r, str) else r.text
    return re.findall(r'<a href="([^"]*)"[^>]*aria-current="page"', html)


def test_a_404_before_sign_in_offers_the_sign_in_page(hub_client: Any) -> None:
    html = _page(hub_client.get("/khong-co-trang-nay"), 404, "Không tìm thấy trang",
                 'href="/sign-in">Đến trang đăng nhập')
    assert MENU not in html
    # The sync API keeps answering in JSON.
    assert hub_client.get("/api/v1/khong-co").json() == {"detail": "Not Found"}


def test_a_control_character_in_the_address_says_so_not_rồi_lưu(client_for: Any) -> None:
    officer = client_for("xa.a")
    html = _page(officer.get("/help-point/abc%00def"), 400, "Địa chỉ không hợp lệ",
                 "Địa chỉ trang có ký tự điều khiển", "hub không mở trang này",
                 "Hãy chọn trang từ menu hoặc về trang tổng quan", MENU)
    assert "rồi lưu" not in html
    _page(officer.get("/city?period=month%00"), 400, "Địa chỉ trang (mục “period”)", MENU)
    officer.cookies.set("hk_lang", "en")
    html = _page(officer.get("/commune/20194%00"), 400, "Address not valid",
                 "The page address has a control character", "Choose the page from the menu")
    assert "save" not in html


def _main(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_a_control_character_in_a_form_says_the_form_was_not_taken(client_for: Any,
                                                                   hub_client: Any) -> None:
    """A form's 400 page said "Không lưu được … gõ lại rồi lưu" ("not saved … then save")
    whatever the form: signing in or exporting saves nothing. It now says the hub did not
    take the form and to send it again, for every form, in the page's language."""
    from tests.hub_web.conftest import PASSWORD, csrf_of

    admin = client_for("quantri")
    csrf = csrf_of(admin.get("/pairing").text)
    html = _page(admin.post("/pairing/revoke", data={"csrf_token": csrf, "device_id": "\x00"}),
                 400, "Hub không nhận biểu mẫu", "Mục “device_id” có ký tự điều khiển",
                 "Hãy quay lại biểu mẫu, xóa ký tự đó hoặc gõ lại mục đó rồi gửi lại.", MENU)
    assert "lưu" not in _main(html)
    page = hub_client.get("/sign-in")
    form = {"username": "xa.a\x00", "password": PASSWORD, "csrf_token": csrf_of(page.text),
            "next": "/"}
    html = _page(hub_client.post("/sign-in", data=form), 400, "Hub không nhận biểu mẫu",
                 "Mục “username”", "gửi lại", 'href="/sign-in">Đến trang đăng nhập')
    assert "lưu" not in _main(html)
    hub_client.cookies.set("hk_lang", "en")
    page = hub_client.get("/sign-in")
    form["csrf_token"] = csrf_of(page.text)
    html = _page(hub_client.post("/sign-in", data=form), 400, "Form not accepted",
                 "The field “username” has a control character",
                 "Go back to the form, remove that character or type the field again, then "
                 "send it again.")
    assert "save" not in _main(html).lower()


def test_another_communes_page_is_a_403_page_with_the_menu(client_for: Any) -> None:
    officer = client_for("xa.a")
    _page(officer.get("/commune/20227"), 403, "Không được phép", "Hãy chọn trang của mình từ "
          "menu", MENU, "Về trang tổng quan")


def test_a_failing_page_is_a_calm_500_page_and_the_api_answers_json(
        client_for: Any, hub_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from hub.web.reports import HubReports
    from tests.hub_web.conftest import sign_in

    def broken(*_a: Any, **_k: Any) -> Any:
        raise RuntimeError("a bug")

    client = TestClient(hub_app, base_url="http://127.0.0.1", raise_server_exceptions=False)
    assert sign_in(client, "xa.a").status_code == 303
    monkeypatch.setattr(HubReports, "scope", broken)
    html = _page(client.get("/commune/20194"), 500, "Hub gặp lỗi",
                 "Dữ liệu đã lưu không bị ảnh hưởng", "Hãy thử lại sau ít phút", MENU)
    assert "a bug" not in html and "Traceback" not in html
    client.cookies.set("hk_lang", "en")
    _page(client.get("/commune/20194"), 500, "The hub had a problem", "Try again in a few")
    monkeypatch.setattr("hub.api.ingest_batch", broken, raising=False)
    r = client.post("/api/v1/batches", content=b"HKB2\nxx",
                    headers={"content-type": "application/octet-stream"})
    assert r.status_code in (400, 500) and r.headers["content-type"] == "application/json"
