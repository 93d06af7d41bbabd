"""``help-kiosk-hub export`` runs the kiosk's own writers: the hub's file is the union of its
kiosks' files, row for row (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import uuid
from datetime import UTC, date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from db.models import ActivityDay, Assistance
from hub.cli import main as hub_cli
from kiosk.clock import FakeClock
from kiosk.demo import generate_demo
from kiosk.reports.export import ExportRequest, run_export
from kiosk.reports.export_csv import cli_actor
from kiosk.reports.periods import custom
from kiosk.store import Store
from kiosk.sync.batch import build_batch, collect_payload
from kiosk.sync.keys import DeviceKeys
from tests.hub.conftest import HUB_NOW
from tests.hub.kiosks import SimIdentity

PERIOD = custom(date(2026, 2, 20), date(2026, 3, 10))
STATUS = {"app_version": "0.1.0", "content_version": "1", "printer_ok": True,
          "voice_ok": True, "outbox_waiting": 0}


def _kiosk(root: Path, name: str, commune: str, seed: int) -> tuple[Store, SimIdentity]:
    """A kiosk database with three weeks of records (the kiosk's own demo generator, made
    real: demo rows never leave a kiosk), stamped with its help point and team."""
    store = Store.open(root / name, clock=FakeClock(HUB_NOW))
    generate_demo(store, 21, 6, seed=seed, commune="Hòa Khánh Bắc")
    ident = SimIdentity(str(uuid.uuid4()), f"Điểm hỗ trợ số {name}", str(uuid.uuid4()), commune)
    with store.write() as s:
        for model in (Assistance, ActivityDay):
            s.execute(update(model).values(is_demo=False, help_point_id=ident.help_point_id,
                                           team_id=ident.team_id, commune_code=commune))
    return store, ident


def _sync(client: Any, hub_app: Any, store: Store, ident: SimIdentity) -> None:
    from hub.pairing import create_code

    hub = hub_app.state.hub
    keys = DeviceKeys.load_or_create(store.data_dir, store.device_id)
    with hub.transaction() as s:
        code = create_code(s, hub.settings.data_dir, ident.commune_code, hub.clock.now()).code
    r = client.post("/api/v1/pair", json={
        "code": code, "device_id": store.device_id, "verify_key": keys.verify_key_b64(),
        "box_public": keys.box_public_b64(), "help_point_name": ident.help_point_name,
        "commune_code": ident.commune_code, "app_version": "0.1.0"})
    assert r.status_code == 200, r.text
    with store.read() as s:
        payload = collect_payload(s, ident, None, contacts=False, status=STATUS)
    blob = build_batch(payload, ident, keys, 1, r.json()["hub_box_public"], contacts=False,
                       created=HUB_NOW.replace(tzinfo=UTC))
    ok = client.post("/api/v1/batches", content=blob,
                     headers={"content-type": "application/octet-stream"})
    assert ok.status_code == 200, ok.text
    assert ok.json()["added"] > 0


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        header, *rows = list(csv.reader(f))
    return header, rows


def _hub_export(hub_app: Any, out: Path, *extra: str, fmt: str = "csv",
                what: str = "records") -> int:
    s = hub_app.state.hub.settings
    return hub_cli(["export", "--from", "2026-02-20", "--to", "2026-03-10", "--format", fmt,
                    "--what", what, "--out", str(out), "--data-dir", str(s.data_dir),
                    "--database-url", s.resolved_database_url(), *extra])


@pytest.fixture
def two_kiosks(tmp_path: Path, hub_app: Any, hub_client: Any) -> list[Store]:
    stores = []
    for name, seed in (("kiosk-a", 1), ("kiosk-b", 2)):
        store, ident = _kiosk(tmp_path, name, "20194", seed)
        _sync(hub_client, hub_app, store, ident)
        stores.append(store)
    other, ident = _kiosk(tmp_path, "kiosk-other-commune", "20200", 3)
    _sync(hub_client, hub_app, other, ident)
    yield stores
    for s in [*stores, other]:
        s.close()


def test_hub_records_export_is_the_union_of_its_kiosks(tmp_path: Path, hub_app: Any,
                                                       two_kiosks: list[Store],
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    kiosk_rows: list[list[str]] = []
    header: list[str] = []
    for i, store in enumerate(two_kiosks):
        path = tmp_path / f"kiosk-{i}.csv"
        run_export(cli_actor("staff"), store, PERIOD, path, ExportRequest("csv", "records"))
        header, rows = _rows(path)
        kiosk_rows += rows
    out = tmp_path / "hub.csv"
    assert _hub_export(hub_app, out, "--commune", "20194") == 0
    assert "phường Hải Vân" in capsys.readouterr().out  # 20194, by the commune list
    hub_header, hub_rows = _rows(out)
    assert hub_header == header
    assert len(kiosk_rows) > 100
    # Queue numbers stay on the kiosks (tickets do not travel): the one column that differs.
    ticket = header.index("ticket")
    assert {r[ticket] for r in hub_rows} == {""}
    assert any(r[ticket] for r in kiosk_rows)

    def without_ticket(rows: list[list[str]]) -> list[list[str]]:
        return sorted(r[:ticket] + r[ticket + 1:] for r in rows)

    assert without_ticket(hub_rows) == without_ticket(kiosk_rows)


def test_city_export_holds_every_commune_and_xlsx_uses_the_kiosk_workbook(
        tmp_path: Path, hub_app: Any, two_kiosks: list[Store]) -> None:
    commune = tmp_path / "commune.csv"
    city = tmp_path / "city.csv"
    assert _hub_export(hub_app, commune, "--commune", "20194") == 0
    assert _hub_export(hub_app, city) == 0
    assert len(_rows(city)[1]) > len(_rows(commune)[1]) > 0
    book = tmp_path / "city.xlsx"
    assert _hub_export(hub_app, book, fmt="xlsx", what="all") == 0
    sheets = load_workbook(book, read_only=True).sheetnames
    assert len(sheets) == 3
    allowance = tmp_path / "allowance.csv"
    assert _hub_export(hub_app, allowance, "--commune", "20194", what="allowance") == 0
    header, rows = _rows(allowance)
    assert header[:2] == ["team_id", "team_name"]
    assert len({r[0] for r in rows}) == 2  # one allowance per team, each capped on its own
    # Teams whose batches carry no team name are named after their help point.
    assert {r[1] for r in rows} == {"Tổ CNSCĐ – Điểm hỗ trợ số kiosk-a",
                                    "Tổ CNSCĐ – Điểm hỗ trợ số kiosk-b"}


def test_pdf_report_and_refusals(tmp_path: Path, hub_app: Any, two_kiosks: list[Store],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "report.pdf"
    assert _hub_export(hub_app, pdf, "--commune", "20194", fmt="pdf", what="summary") == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    assert _hub_export(hub_app, tmp_path / "x.pdf", fmt="pdf", what="records") == 1
    assert "PDF" in capsys.readouterr().err
    assert _hub_export(hub_app, tmp_path / "x.csv", "--commune", "Hòa Khánh") == 1
    assert "mã số" in capsys.readouterr().err
    assert _hub_export(hub_app, tmp_path / "no-such-dir" / "x.csv") == 1
