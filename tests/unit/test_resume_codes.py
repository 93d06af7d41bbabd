"""Resume by code (issue #22 item 4): round trip, 30-day expiry on the faked clock, kind
refusals (malformed, unknown, expired, content gone), clamping, no reuse while live, the
bound on live codes, the purge, and nothing personal in the table."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import inspect, select

from db.models import ResumeCode
from kiosk import resume
from kiosk.clock import FakeClock
from kiosk.config import defaults
from kiosk.content.model import Catalogue
from kiosk.resume import (
    KEEP_EXPIRED,
    LIFETIME,
    ResumeRefused,
    ResumeService,
    live_count,
    purge_expired,
    tutorial_positions,
)
from kiosk.startup import prepare_data
from kiosk.store import Store


@pytest.fixture
def service(store: Store, sample_catalogue: Catalogue) -> ResumeService:
    return ResumeService(store, {"tutorial": tutorial_positions(sample_catalogue)})


def test_round_trip_brings_back_the_same_tutorial_and_step(service: ResumeService) -> None:
    issued = service.issue("tutorial", "sample-basic", 1)
    assert len(issued.code) == 4 and issued.code.isdigit()
    where = service.look_up(issued.code)
    assert (where.kind, where.content_id, where.position, where.clamped) == \
        ("tutorial", "sample-basic", 1, False)


def test_a_code_typed_with_spaces_or_a_dash_still_works(service: ResumeService) -> None:
    code = service.issue("tutorial", "sample-basic", 2).code
    spaced = f"{code[:2]} {code[2:]}"
    dashed = f"{code[:2]}-{code[2:]}"
    assert service.look_up(spaced).position == 2
    assert service.look_up(dashed).position == 2


def test_still_works_on_day_29_and_is_refused_kindly_after_30_days(
        service: ResumeService, clock: FakeClock) -> None:
    code = service.issue("tutorial", "sample-basic", 1).code
    clock.advance(days=29, hours=23)
    assert service.look_up(code).position == 1
    clock.advance(hours=1)
    with pytest.raises(ResumeRefused) as refused:
        service.look_up(code)
    err = refused.value
    assert err.reason == "expired"
    assert "đã hết hạn" in str(err) and "30 ngày" in str(err)
    assert "học lại bài này từ đầu" in str(err)  # what to do, not only what happened
    assert "expired" in err.message("en") and "30 days" in err.message("en")
    # What it opened is named, so the screen can offer the same guide from the start.
    assert (err.kind, err.content_id) == ("tutorial", "sample-basic")


def test_unknown_and_mistyped_codes_are_refused_with_what_to_do(
        service: ResumeService) -> None:
    code = service.issue("tutorial", "sample-basic", 1).code
    other = next(f"{n:04d}" for n in range(10000) if f"{n:04d}" != code)
    with pytest.raises(ResumeRefused) as refused:
        service.look_up(other)
    assert refused.value.reason == "unknown"
    assert "Không tìm thấy mã" in str(refused.value)
    assert "nhập lại" in str(refused.value)
    assert "not known" in refused.value.message("en")
    for typed in ("", "12", "12345", "12a4", "abcd", "١٢٣٤"):
        with pytest.raises(ResumeRefused) as refused:
            service.look_up(typed)
        assert refused.value.reason == "malformed"
        assert "4 chữ số" in str(refused.value)
        assert "4 digits" in refused.value.message("en")


def test_a_tutorial_removed_by_a_content_pack_is_refused_kindly(
        sample_catalogue: Catalogue, service: ResumeService) -> None:
    code = service.issue("tutorial", "sample-basic", 1).code
    # A content pack is switched in place (Catalogue.adopt): the service sees it at once.
    sample_catalogue.adopt(Catalogue(categories=(), tutorials=()))
    with pytest.raises(ResumeRefused) as refused:
        service.look_up(code)
    assert refused.value.reason == "gone"
    assert "không còn trên máy" in str(refused.value)
    assert "Học từng bước" in str(refused.value)
    assert "no longer on this kiosk" in refused.value.message("en")


def test_a_kind_nobody_registered_is_refused_as_gone(service: ResumeService) -> None:
    code = service.issue("practice", "sample-basic", 0).code
    with pytest.raises(ResumeRefused) as refused:
        service.look_up(code)
    assert refused.value.reason == "gone"
    service.add_kind("practice", lambda pid: 5 if pid == "sample-basic" else None)
    assert service.look_up(code).kind == "practice"


def test_a_step_past_the_end_of_a_shortened_tutorial_is_clamped_to_its_last_step(
        service: ResumeService) -> None:
    code = service.issue("tutorial", "sample-basic", 7).code  # the sample has 3 steps
    where = service.look_up(code)
    assert (where.position, where.clamped) == (2, True)


def test_bad_input_is_refused_before_anything_is_stored(service: ResumeService) -> None:
    for kind, content, position in (("quiz", "sample-basic", 0), ("tutorial", "Ông Nguyễn", 0),
                                    ("tutorial", "sample-basic", -1),
                                    ("tutorial", "sample-basic", True)):
        with pytest.raises(ValueError, match="kind|content id|position"):
            service.issue(kind, content, position)  # type: ignore[arg-type]
    assert live_count(service.store) == 0


def test_a_live_code_is_never_handed_out_twice(
        service: ResumeService, monkeypatch: pytest.MonkeyPatch) -> None:
    first = service.issue("tutorial", "sample-basic", 1).code
    # The random draw keeps offering the live code: the service must find another.
    draws = iter(first * 40)
    monkeypatch.setattr(resume.secrets, "choice",
                        lambda seq: next(draws) if seq == resume.ALPHABET else seq[0])
    second = service.issue("tutorial", "sample-basic", 2).code
    assert second != first
    assert service.look_up(first).position == 1
    assert service.look_up(second).position == 2


def test_coming_back_with_a_code_and_leaving_again_keeps_the_same_code(
        service: ResumeService, clock: FakeClock) -> None:
    code = service.issue("tutorial", "sample-basic", 0).code
    clock.advance(days=20)
    again = service.issue("tutorial", "sample-basic", 2, keep=code)
    assert again.code == code
    assert again.expires_at == clock.now() + LIFETIME  # thirty days from today again
    clock.advance(days=25)  # 45 days after the first, 25 after the second leaving
    assert service.look_up(code).position == 2


def test_an_expired_or_other_contents_code_is_not_kept(
        service: ResumeService, clock: FakeClock) -> None:
    code = service.issue("tutorial", "sample-basic", 0).code
    assert service.issue("practice", "sample-basic", 1, keep=code).code != code
    clock.advance(days=31)
    assert service.issue("tutorial", "sample-basic", 1, keep=code).code != code


def test_live_codes_are_bounded_the_oldest_is_retired(
        service: ResumeService, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resume, "MAX_LIVE", 5)
    codes = []
    for i in range(7):
        codes.append(service.issue("tutorial", "sample-basic", i % 3).code)
        clock.advance(minutes=1)
    assert live_count(service.store) == 5
    for gone in codes[:2]:
        with pytest.raises(ResumeRefused):
            service.look_up(gone)
    assert service.look_up(codes[-1]).position == 0


def test_expired_codes_are_purged_by_the_start_up_chores_after_a_grace(
        store: Store, service: ResumeService, clock: FakeClock) -> None:
    old = service.issue("tutorial", "sample-basic", 1).code
    clock.advance(days=20)
    recent = service.issue("tutorial", "sample-basic", 2).code
    clock.advance(days=11)  # the old code has expired; it is kept to say "expired"
    assert purge_expired(store) == 0
    with pytest.raises(ResumeRefused) as refused:
        service.look_up(old)
    assert refused.value.reason == "expired"
    clock.advance(days=(KEEP_EXPIRED - timedelta(days=1)).days)
    report = prepare_data(store, defaults())
    assert "purge_resume_codes" not in report.failed
    with store.read() as s:
        left = set(s.scalars(select(ResumeCode.code)).all())
    assert left == {recent}  # expired 31+ days ago: gone; the other one only just expired


def test_the_table_holds_nothing_personal(store: Store, service: ResumeService) -> None:
    service.issue("tutorial", "sample-basic", 1)
    with store.read() as s:
        columns = {c["name"] for c in inspect(s.connection()).get_columns("resume_code")}
    assert columns == {"code", "kind", "content_id", "position", "created_at", "expires_at"}


def test_codes_stay_at_this_help_point() -> None:
    """No bundle or sync batch names the table (the code works "at this help point")."""
    from pathlib import Path

    root = Path(resume.__file__).resolve().parent
    carriers = [root / "bundles.py", *sorted((root / "sync").glob("*.py"))]
    for path in carriers:
        text = path.read_text(encoding="utf-8")
        assert "ResumeCode" not in text and "resume_code" not in text, path.name


def test_the_code_is_said_one_digit_at_a_time() -> None:
    assert resume.spoken("4827") == "bốn, tám, hai, bảy"
    assert resume.spoken("0091", "en") == "zero, zero, nine, one"
    assert resume.shown("4827") == "4 8 2 7"


def test_a_code_is_offered_only_after_a_step_and_before_the_end() -> None:
    assert not resume.worth_a_code(0, 5, False)  # nothing done yet: no nagging
    assert resume.worth_a_code(1, 5, False)
    assert resume.worth_a_code(4, 5, False)  # on the last step, "Xong" not pressed
    assert not resume.worth_a_code(4, 5, True)  # finished
    assert not resume.worth_a_code(3, 0, False)  # the content is gone


def test_a_clamped_code_is_explained_in_plain_words() -> None:
    from kiosk.resume import PRACTICE, shortened_notice

    assert shortened_notice(2, 3) == (
        "Bài này vừa được cập nhật và ngắn hơn trước, nên bạn ở bước cuối (bước 3/3). "
        "Chạm “Bước trước” để xem các bước trước.")
    assert shortened_notice(2, 3, "en") == (
        "This guide was updated and is shorter now, so you are at its last step (step 3/3). "
        "Touch “Previous step” to see the steps before.")
    assert "(bước 3 trên 3)" in shortened_notice(2, 3, spoken=True)  # never "ba ba"
    # A practice has no "Bước trước": the words do not send the citizen looking for it.
    assert "Bước trước" not in shortened_notice(4, 5, kind=PRACTICE)
    assert "(bước 5/5)" in shortened_notice(4, 5, kind=PRACTICE)
