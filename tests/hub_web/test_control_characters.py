"""A control character in a page's address, query or form is a plain 400 page, never a 500.

Before the one check (kiosk.plain_text in hub.web.routes), a NUL in the sign-in name or the
pairing form reached PostgreSQL and failed there with a database error.
"""

from __future__ import annotations

from typing import Any

import pytest

from hub.accounts import AccountError
from tests.hub_web.conftest import PASSWORD, accounts, csrf_of


def _plain_refusal(r: Any, field: str) -> None:
    assert r.status_code == 400, r.text[:400]
    assert "ký tự điều khiển" in r.text
    assert field in r.text


def test_sign_in_with_a_nul_is_refused_plainly(hub_client: Any, officers: Any) -> None:
    page = hub_client.get("/sign-in")
    r = hub_client.post("/sign-in", data={"username": "xa.a\x00", "password": PASSWORD,
                                          "csrf_token": csrf_of(page.text), "next": "/"})
    _plain_refusal(r, "“username”")


def test_forms_and_addresses_with_a_nul_are_refused_plainly(client_for: Any) -> None:
    admin = client_for("quantri")
    csrf = csrf_of(admin.get("/pairing").text)
    r = admin.post("/pairing/codes", data={"csrf_token": csrf, "commune_code": "20194",
                                           "same_team_as": "abc\x00"})
    _plain_refusal(r, "“same_team_as”")
    r = admin.post("/pairing/revoke", data={"csrf_token": csrf, "device_id": "\x00"})
    _plain_refusal(r, "“device_id”")
    _plain_refusal(admin.get("/help-point/abc%00def"), "Địa chỉ trang")
    _plain_refusal(admin.get("/city?period=month%00"), "“period”")
    admin.cookies.set("hk_lang", "en")
    r = admin.get("/commune/20194%00")
    assert r.status_code == 400 and "control character" in r.text
    # The pages still work without one.
    assert admin.get("/city").status_code == 200


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)
def test_account_display_name_with_a_control_character_is_refused(hub_app: Any) -> None:
    with pytest.raises(AccountError, match="ký tự điều khiển"):
        accounts(hub_app).add_account(None, "xa.c", PASSWORD, "commune", "20194", "Chị\x07 Lan")
