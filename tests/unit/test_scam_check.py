"""Scam check (issue #23 item 4): the list of kinds is validated whole, the tally counts only."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from db.models import ScamCheckCount
from kiosk.auth import Actor
from kiosk.clock import FakeClock
from kiosk.reports.figures import compute_figures
from kiosk.reports.periods import Period
from kiosk.scam_check import (
    MAX_FILE_BYTES,
    ScamListError,
    default_path,
    load_scam_kinds,
    record_check,
    tally,
)
from kiosk.store import Store

TODAY = date(2026, 3, 10)  # the clock fixture: 10:00 local on 10/03/2026

REQUIRED_KINDS = {"police-call", "sms-link", "otp-request", "qr-fee", "video-warrant",
                  "relative-money"}


def test_the_bundled_list_has_every_kind_the_issue_names_with_sources() -> None:
    kinds = load_scam_kinds()
    assert {k.id for k in kinds} == REQUIRED_KINDS
    for k in kinds:
        assert k.sources, k.id
        assert all(s.url.startswith("https://") for s in k.sources)
        assert k.verdict["vi"] and k.verdict["en"]
        assert len(k.actions["vi"]) == len(k.actions["en"])
    police = next(k for k in kinds if k.id == "police-call")
    assert police.tutorial == "scam-fake-police"
    assert police.spoken("vi").startswith("Đây là lừa đảo. Công an không giải quyết")
    # 113 is not sourced in facts.md: the kiosk never tells a citizen to call it.
    assert not any("113" in " ".join(k.actions["vi"]) for k in kinds)


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "scam-check.toml"
    p.write_text(text, encoding="utf-8")
    return p


def _bundled_with(old: str, new: str) -> str:
    text = default_path().read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(("old", "new", "reason"), [
    ('tutorial = "scam-fake-police"', 'tutorial = "no-such-tutorial"', "no-such-tutorial"),
    ('icon = "shield"', 'icon = "skull"', "skull"),
    ('sources = ["S52", "S53"]', 'sources = ["S52", "S999"]', "S999"),
    ('sources = ["S52", "S53"]', "sources = []", "nguồn"),
    ('id = "qr-fee"', 'id = "QR fee"', "id"),
    ('id = "qr-fee"', 'id = "sms-link"', "trùng"),
    ("schema = 1", "schema = 2", "schema"),
    ('verdict = { vi = "Đây là lừa đảo.", en = "This is a scam." }',
     'verdict = { vi = "Đây là lừa đảo." }', "verdict"),
    ('  "Do not send money yet.",\n', "", "bằng nhau"),
    ('id = "qr-fee"', 'id = "qr-fee"\nphone = "0905"', "trường lạ"),
])
def test_a_bad_list_is_refused_whole_with_the_reason(tmp_path: Path, old: str, new: str,
                                                     reason: str) -> None:
    with pytest.raises(ScamListError) as caught:
        load_scam_kinds(_write(tmp_path, _bundled_with(old, new)))
    assert reason in str(caught.value)
    assert "help-kiosk content check" in str(caught.value)
    assert caught.value.en  # English for the staff screens


@pytest.mark.parametrize("text", ["", "this is = = not toml", "schema = 1\n"])
def test_broken_or_empty_files_are_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(ScamListError):
        load_scam_kinds(_write(tmp_path, text))


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    text = default_path().read_text(encoding="utf-8") + "#" * (MAX_FILE_BYTES + 1)
    with pytest.raises(ScamListError, match="KB"):
        load_scam_kinds(_write(tmp_path, text))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ScamListError):
        load_scam_kinds(tmp_path / "gone.toml")


def test_the_tally_counts_per_kind_per_local_day_and_keeps_nothing_else(
        store: Store, clock: FakeClock) -> None:
    record_check(store, "police-call")
    record_check(store, "police-call")
    record_check(store, "otp-request")
    clock.set(datetime(2026, 3, 10, 17, 30))  # 00:30 local on 11/03: the next local day
    record_check(store, "police-call")
    assert tally(store, TODAY, TODAY) == {"police-call": 2, "otp-request": 1}
    assert tally(store, date(2026, 3, 11), date(2026, 3, 11)) == {"police-call": 1}
    with store.read() as s:
        rows = s.execute(select(ScamCheckCount.day, ScamCheckCount.kind,
                                ScamCheckCount.count)).all()
        columns = {c["name"] for c in inspect(s.connection()).get_columns("scam_check_count")}
    assert sorted(rows) == [(TODAY, "otp-request", 1), (TODAY, "police-call", 2),
                            (date(2026, 3, 11), "police-call", 1)]
    assert columns == {"id", "day", "kind", "count"}  # no text, no number, no time


def test_a_kind_id_that_is_not_an_id_is_never_stored(store: Store) -> None:
    with pytest.raises(ValueError, match="never free text"):
        record_check(store, "Gọi 0905 123 456: công an")
    assert tally(store, TODAY, TODAY) == {}


def test_the_staff_figures_show_the_checks_by_kind(store: Store, staff: Actor) -> None:
    record_check(store, "qr-fee")
    record_check(store, "qr-fee")
    record_check(store, "sms-link")
    f = compute_figures(staff, store, Period(TODAY, TODAY))
    assert [(r.key, r.label, r.count) for r in f.scam_checks] == [
        ("qr-fee", "Mã QR bảo trả “phí”", 2),
        ("sms-link", "Tin nhắn có đường link lạ", 1)]
    assert compute_figures(staff, store, Period(date(2026, 3, 11), date(2026, 3, 11))
                           ).scam_checks == ()
