"""Issue #21 "Done when", over HTTP on SQLite and on PostgreSQL (the browser test runs the
same story on SQLite in chromium): the demo hub, a commune officer sees two demo help points
with charts and health, downloads the commune's XLSX, an admin publishes a content pack and
a paired kiosk gets it, signed by the hub."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from nacl.signing import VerifyKey
from openpyxl import load_workbook

from hub.accounts import DEMO_COMMUNES
from hub.web.demo import seed_demo
from tests.hub.kiosks import SimKiosk, pair
from tests.hub_web.conftest import csrf_of, sign_in
from tests.hub_web.test_packs import good_pack
from tests.hub_web.test_packs_api import PATH, signed_headers, stamp


def test_done_when(hub_app: Any, tmp_path: Path) -> None:
    made = {a.username: a.password for a in seed_demo(hub_app.state.hub)}
    commune = DEMO_COMMUNES[0]
    with TestClient(hub_app, base_url="http://127.0.0.1") as officer:
        assert sign_in(officer, "xa.demo", made["xa.demo"]).status_code == 303
        page = officer.get("/")
        assert page.url.path == f"/commune/{commune}"
        assert page.text.count('href="/help-point/') >= 4  # places list and health table
        assert "Hải Châu (mẫu)" in page.text and "Thạch Thang (mẫu)" in page.text
        assert "<svg" in page.text and "Chưa đồng bộ lần nào" in page.text
        people = int(re.search(r'id="kpi-people">(\d+)<', page.text).group(1))
        assert people > 0
        xlsx = officer.post("/export", data={
            "csrf_token": csrf_of(page.text), "scope_kind": "commune", "scope_key": commune,
            "period": "month", "fmt": "xlsx", "what": ""})
        assert xlsx.status_code == 200, xlsx.text[:300]
        assert "attachment" in xlsx.headers["content-disposition"]
        book = load_workbook(io.BytesIO(xlsx.content), read_only=True)
        assert len(book.sheetnames) == 3
    kiosk = SimKiosk(tmp_path / "kiosk", commune_code=commune)
    with TestClient(hub_app, base_url="http://127.0.0.1") as admin:
        pair(admin, hub_app, kiosk)
        assert sign_in(admin, "quantri.demo", made["quantri.demo"]).status_code == 303
        form = admin.get("/packs")
        published = admin.post("/packs", data={"csrf_token": csrf_of(form.text),
                                                "target": "all"},
                                files={"pack": ("goi.zip", good_pack(tmp_path), "application/zip")})
        assert published.status_code == 200, published.text[:500]
        version = re.search(r'id="pack-published">[^<]*<strong>([^<]+)<', published.text)
        assert version is not None
        got = admin.get(PATH, headers=signed_headers(kiosk, stamp(hub_app)))
    assert got.status_code == 200
    assert got.headers["X-Pack-Version"] == version.group(1)
    VerifyKey(base64.b64decode(hub_app.state.hub.keys().verify_key_b64())).verify(
        got.content, base64.b64decode(got.headers["X-Pack-Signature"]))
