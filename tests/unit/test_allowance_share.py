"""The share of a capped amount that pays members (NQ 26/2025 reading, outputs review item 14).

NQ 26/2025 pays 300.000 đ per team per month: 50.000 đ per person per day for water and fuel,
"the rest" for telecom and stationery. How much of the 300.000 đ may go to person-days is a
reading of the source, so it is a rule in policy.toml, shown, and marked unverified.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from db.models import ActivityDay, PolicyRule, Volunteer
from kiosk.auth import Actor
from kiosk.reports.allowance import PolicyError, compute_allowance, list_rules, load_policy_file
from kiosk.reports.periods import Period
from kiosk.store import Store

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def test_the_nq26_share_is_a_rule_marked_unverified(store: Store) -> None:
    nq26 = next(r for r in list_rules(store) if "26/2025" in r.name)
    assert nq26.member_share_vnd == 300_000  # the source sets no smaller share
    assert nq26.member_share_verified is False
    text = nq26.share_summary
    assert "cước viễn thông" in text and "văn phòng phẩm" in text
    assert "chưa xác minh" in text.lower()
    nq36 = next(r for r in list_rules(store) if "36/2024" in r.name)
    assert nq36.share_summary == ""  # no reading to flag


def test_a_smaller_share_caps_what_members_are_paid(store: Store, staff: Actor) -> None:
    with store.write() as s:
        s.add(PolicyRule(name="Thử", valid_from=date(2026, 3, 1), valid_to=date(2026, 3, 31),
                         daily_rate_vnd=50_000, cap_vnd=300_000, cap_period="month",
                         member_share_vnd=200_000, member_share_verified=True))
        for i in range(6):
            v = Volunteer(display_name=f"Thành viên {i}", role="volunteer", pin_hash="!",
                          active=True, created_at=store.clock.now())
            s.add(v)
            s.flush()
            s.add(ActivityDay(volunteer_uuid=v.uuid, day=date(2026, 3, 2), source="record"))
    a = compute_allowance(staff, store, MARCH)
    # Six people × 50.000 đ = 300.000 đ due; only the 200.000 đ share pays members.
    assert (a.due_total_vnd, a.paid_total_vnd) == (300_000, 200_000)
    assert a.teams[0].current is not None and a.teams[0].current.cap_vnd == 200_000


@pytest.mark.parametrize("share", [0, 400_000, "nhiều"])
def test_a_share_outside_the_cap_is_refused(tmp_path: Path, share: object) -> None:
    f = tmp_path / "policy.toml"
    value = f'"{share}"' if isinstance(share, str) else share
    f.write_text(f"""[[rule]]
name = "X"
valid_from = 2026-01-01
daily_rate_vnd = 50000
cap_vnd = 300000
cap_period = "month"
member_share_vnd = {value}
""", encoding="utf-8")
    with pytest.raises(PolicyError, match="thành viên"):
        load_policy_file(f)
