"""The team's support allowance: active days per member, paid at the rule in force, capped.

The city changes the rule (NQ 36/2024 paid up to 3,000,000 VND per team per *year* until
31/12/2025; NQ 26/2025 pays up to 300,000 VND per team per *month* from 1/1/2026), so the
rules are data: the ``policy_rule`` table, seeded from ``resources/lists/policy.toml`` when
empty, and extended by staff with :func:`add_rule`. Nothing here hard-codes a rate or a cap.

How the amount is worked out (the report says the same in words):

0. Per team: every activity day carries the ``team_id`` of the team whose work it was
   (:mod:`kiosk.identity`), and each team gets its own cap. A PC that merged two teams'
   bundles shows two teams, each capped on its own; a help point's own database has one.
   Rows from an old bundle of an unknown device form an "unknown team" (Tổ chưa rõ) that
   staff must check, never added to this kiosk's team.
1. A member is *active* on a local day if ``activity_day`` has a row of real work for them
   that day (:data:`kiosk.attendance.WORK_SOURCES`: a record, a served ticket, outreach);
   two rows on one day (a ticket and a record, say) still count as one day. Sign-ins are
   not work and never count.
   Members with the ``staff`` role (commune officers who sign in to run reports) are not
   team members and are left out; a member unknown to this machine (from a merged bundle)
   is kept and shown as "Thành viên không rõ".
2. Each active day is due the daily rate of the rule in force that day; a day with no rule
   in force pays 0 and is listed in ``days_without_rule``.
3. Each team's total is capped per *cap period* of the rule in force on the day: the calendar
   month or calendar year containing it. What earlier days of the same cap period already
   used counts first, even days before the chosen report period, and whichever rule paid
   them. A cap period never crosses a year boundary, so the history read starts on
   1 January of the period's first year.
4. Within one day, members are paid in a fixed order — display name in Vietnamese
   alphabetical order (:func:`kiosk.places.vi_sort_key`: a ă â … d đ …, then tones), then
   uuid for equal names — so the member who gets the last partial amount when the cap is
   reached is the same every time the report is run. Amounts may be partial (cap minus
   used). Members are listed in the same order.

Safe from any thread; reads use short transactions.
"""

from __future__ import annotations

import logging
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from db.models import ActivityDay, PolicyRule, Volunteer
from kiosk import audit
from kiosk.attendance import WORK_SOURCES
from kiosk.auth import Actor, Role, require
from kiosk.clock import local_day
from kiosk.errors import KioskError
from kiosk.identity import is_unknown_team, load_identity, team_name_for, team_names
from kiosk.numbers import fmt_int
from kiosk.paths import resource_path
from kiosk.places import vi_sort_key
from kiosk.reports.periods import Period, fmt_day, month_end
from kiosk.store import Store

log = logging.getLogger(__name__)

POLICY_FILE = ("lists", "policy.toml")


class CapPeriod(StrEnum):
    YEAR = "year"
    MONTH = "month"


class PolicyError(KioskError, ValueError):
    """A rule that cannot be added or a policy file that cannot be read (Vietnamese text)."""


def count(n: int) -> str:
    """Counts written like money, with a dot every three digits: 1.800 (kiosk.numbers)."""
    return fmt_int(n)


#: The amount fields' names in English, for the English form of a refusal.
_EN_AMOUNTS = {"Mức hỗ trợ mỗi ngày": "The daily rate", "Mức tối đa": "The cap"}


def vnd(amount: int) -> str:
    """Vietnamese money style: 3.000.000 đ."""
    return fmt_int(amount) + " đ"


@dataclass(frozen=True)
class PolicyRuleInfo:
    id: int
    name: str
    valid_from: date
    valid_to: date | None
    daily_rate_vnd: int
    cap_vnd: int
    cap_period: CapPeriod
    source: str
    member_share_vnd: int | None = None
    member_share_note: str = ""
    member_share_verified: bool = False

    def in_force(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def validity_label(self) -> str:
        end = fmt_day(self.valid_to) if self.valid_to else "nay"
        return f"{fmt_day(self.valid_from)} – {end}"

    @property
    def summary(self) -> str:
        """"50.000 đ/người/ngày, tối đa 300.000 đ/tổ/tháng"."""
        unit = "tháng" if self.cap_period is CapPeriod.MONTH else "năm"
        return (f"{vnd(self.daily_rate_vnd)}/người/ngày, tối đa {vnd(self.cap_vnd)}/tổ/{unit}")

    @property
    def member_cap_vnd(self) -> int:
        """What the members' daily amounts may use of one cap period (the share, else all)."""
        if self.member_share_vnd is None:
            return self.cap_vnd
        return min(self.cap_vnd, self.member_share_vnd)

    @property
    def share_summary(self) -> str:
        """The reading of how the cap is split, or "" when the rule has none."""
        if self.member_share_vnd is None:
            return ""
        unit = "tháng" if self.cap_period is CapPeriod.MONTH else "năm"
        rest = self.cap_vnd - self.member_cap_vnd
        text = (f"Phần trả cho thành viên (nước uống, xăng xe): tối đa {vnd(self.member_cap_vnd)}"
                f"/tổ/{unit} trong {vnd(self.cap_vnd)}; "
                + (f"còn {vnd(rest)} cho cước viễn thông, văn phòng phẩm."
                   if rest else "phần không trả theo ngày dùng cho cước viễn thông, "
                                "văn phòng phẩm."))
        if not self.member_share_verified:
            text += " (Cách hiểu này chưa xác minh với toàn văn quy định.)"
        if self.member_share_note:
            text += f" {self.member_share_note}"
        return text


def cap_bucket(day: date, cap_period: CapPeriod) -> tuple[date, date]:
    """First and last day of the calendar month or year containing ``day``."""
    if cap_period is CapPeriod.MONTH:
        return day.replace(day=1), month_end(day)
    return date(day.year, 1, 1), date(day.year, 12, 31)


def cap_bucket_label(start: date, cap_period: CapPeriod) -> str:
    if cap_period is CapPeriod.MONTH:
        return f"Tháng {start.month}/{start.year}"
    return f"Năm {start.year}"


# -- rules -----------------------------------------------------------------------------------

def _info(r: PolicyRule) -> PolicyRuleInfo:
    return PolicyRuleInfo(r.id, r.name, r.valid_from, r.valid_to, r.daily_rate_vnd, r.cap_vnd,
                          CapPeriod(r.cap_period), r.source, r.member_share_vnd,
                          r.member_share_note or "", bool(r.member_share_verified))


def validate_rule(name: str, valid_from: date, valid_to: date | None, daily_rate_vnd: int,
                  cap_vnd: int, cap_period: str, existing: tuple[PolicyRuleInfo, ...] = (),
                  ) -> None:
    """Raise :class:`PolicyError` saying what to fix; ``existing`` are checked for overlap."""
    if not name.strip() or len(name) > 120:
        raise PolicyError("Tên quy định phải có từ 1 đến 120 ký tự.",
                          en="A rule name has 1 to 120 characters.")
    if not isinstance(valid_from, date) or (valid_to is not None
                                            and not isinstance(valid_to, date)):
        raise PolicyError("Ngày hiệu lực phải là ngày (ví dụ 2026-01-01).",
                          en="The validity day must be a date (for example 2026-01-01).")
    if valid_to is not None and valid_from > valid_to:
        raise PolicyError(f"Ngày bắt đầu hiệu lực ({fmt_day(valid_from)}) sau ngày hết hiệu lực "
                          f"({fmt_day(valid_to)}). Hãy sửa lại hai ngày này.",
                          en=f"The start day ({fmt_day(valid_from)}) is after the end day "
                             f"({fmt_day(valid_to)}). Please correct the two days.")
    for label, amount in (("Mức hỗ trợ mỗi ngày", daily_rate_vnd), ("Mức tối đa", cap_vnd)):
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            raise PolicyError(f"{label} phải là số tiền dương (đồng), ví dụ 50000.",
                              en=f"{_EN_AMOUNTS.get(label, label)} must be a positive amount "
                                 "in dong, for example 50000.")
    if cap_period not in {p.value for p in CapPeriod}:
        raise PolicyError("Kỳ tính mức tối đa phải là “year” (năm) hoặc “month” (tháng).",
                          en="The cap period must be “year” or “month”.")
    far = date.max
    for other in existing:
        if valid_from <= (other.valid_to or far) and other.valid_from <= (valid_to or far):
            raise PolicyError(
                f"Thời gian hiệu lực trùng với quy định “{other.name}” "
                f"({other.validity_label}). Hãy chọn ngày không trùng, hoặc sửa quy định cũ.",
                en=f"The validity overlaps the rule “{other.name}” ({other.validity_label}). "
                   "Choose days that do not overlap, or edit the old rule.")


def _share(raw: dict[str, Any], cap_vnd: int) -> dict[str, Any]:
    """The optional member-share keys of one rule, checked."""
    share = raw.get("member_share_vnd")
    if share is not None and (isinstance(share, bool) or not isinstance(share, int)
                              or not 0 < share <= cap_vnd):
        raise PolicyError("Phần trả cho thành viên (member_share_vnd) phải là số tiền dương, "
                          f"không quá mức tối đa {vnd(cap_vnd)}.",
                          en="The members' share (member_share_vnd) must be a positive amount, "
                             f"at most the cap {vnd(cap_vnd)}.")
    verified = raw.get("member_share_verified", False)
    if not isinstance(verified, bool):
        raise PolicyError("member_share_verified phải là true hoặc false.",
                          en="member_share_verified must be true or false.")
    return {"member_share_vnd": share, "member_share_note": str(raw.get("member_share_note", "")),
            "member_share_verified": verified}


def load_policy_file(path: Path | None = None) -> list[dict[str, Any]]:
    """Read and check ``policy.toml``: a list of ``[[rule]]`` tables."""
    path = path or resource_path(*POLICY_FILE)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PolicyError(f"Không đọc được tệp quy định “{path.name}” ({exc}).",
                          en=f"Could not read the rules file “{path.name}” ({exc}).") from exc
    rules = data.get("rule", [])
    if not isinstance(rules, list):
        raise PolicyError(f"Tệp “{path.name}”: mục “rule” phải là danh sách [[rule]].",
                          en=f"File “{path.name}”: “rule” must be a list of [[rule]] tables.")
    checked: list[PolicyRuleInfo] = []
    out = []
    for i, raw in enumerate(rules, 1):
        try:
            item = {"name": str(raw["name"]), "valid_from": raw["valid_from"],
                    "valid_to": raw.get("valid_to"), "daily_rate_vnd": raw["daily_rate_vnd"],
                    "cap_vnd": raw["cap_vnd"], "cap_period": raw["cap_period"],
                    "source": str(raw.get("source", ""))}
        except (KeyError, TypeError) as exc:
            raise PolicyError(f"Tệp “{path.name}”, quy định thứ {i}: thiếu mục {exc}.",
                              en=f"File “{path.name}”, rule {i}: missing {exc}.") from exc
        try:
            validate_rule(item["name"], item["valid_from"], item["valid_to"],
                          item["daily_rate_vnd"], item["cap_vnd"], item["cap_period"],
                          tuple(checked))
            item.update(_share(raw, item["cap_vnd"]))
        except PolicyError as exc:
            raise PolicyError(f"Tệp “{path.name}”, quy định thứ {i}: {exc}",
                              en=f"File “{path.name}”, rule {i}: {exc}") from exc
        checked.append(PolicyRuleInfo(0, item["name"], item["valid_from"], item["valid_to"],
                                      item["daily_rate_vnd"], item["cap_vnd"],
                                      CapPeriod(item["cap_period"]), item["source"]))
        out.append(item)
    return out


def ensure_rules(store: Store, path: Path | None = None) -> int:
    """Seed ``policy_rule`` from the policy file when the table is empty. Returns rows added."""
    with store.read() as s:
        if s.scalar(select(func.count()).select_from(PolicyRule)):
            return 0
    items = load_policy_file(path)
    with store.write() as s:
        if s.scalar(select(func.count()).select_from(PolicyRule)):
            return 0  # another thread seeded first
        for item in items:
            s.add(PolicyRule(**item))
        audit.record(s, store, "system", "policy.seed", rules=len(items))
    log.info("seeded %d policy rules", len(items))
    return len(items)


def list_rules(store: Store) -> tuple[PolicyRuleInfo, ...]:
    """All rules, oldest first (public policy: no role needed to read them)."""
    ensure_rules(store)
    with store.read() as s:
        return tuple(_info(r) for r in s.scalars(
            select(PolicyRule).order_by(PolicyRule.valid_from, PolicyRule.id)))


def add_rule(actor: Actor, store: Store, *, name: str, valid_from: date,
             valid_to: date | None, daily_rate_vnd: int, cap_vnd: int, cap_period: str,
             source: str = "") -> PolicyRuleInfo:
    """Add a rule (staff only, audited). Raises :class:`PolicyError` with what to fix."""
    require(actor, Role.STAFF)
    ensure_rules(store)
    name = name.strip()
    with store.write() as s:
        existing = tuple(_info(r) for r in s.scalars(select(PolicyRule)))
        validate_rule(name, valid_from, valid_to, daily_rate_vnd, cap_vnd, cap_period, existing)
        row = PolicyRule(name=name, valid_from=valid_from, valid_to=valid_to,
                         daily_rate_vnd=daily_rate_vnd, cap_vnd=cap_vnd, cap_period=cap_period,
                         source=source.strip())
        s.add(row)
        s.flush()
        audit.record(s, store, actor.audit_name, "policy.add_rule", rule=row.id,
                     valid_from=valid_from, valid_to=valid_to)
        return _info(row)


def rule_for(rules: tuple[PolicyRuleInfo, ...], day: date) -> PolicyRuleInfo | None:
    for r in rules:
        if r.in_force(day):
            return r
    return None


# -- the computation -------------------------------------------------------------------------

@dataclass(frozen=True)
class MemberDay:
    """One member on one active day: due at the daily rate, paid after the cap."""

    day: date
    volunteer_uuid: str
    name: str
    rule_name: str | None
    due_vnd: int
    paid_vnd: int
    is_demo: bool
    #: Only from an old unsigned bundle imported by staff choice ("chưa xác thực").
    unverified: bool = False


@dataclass(frozen=True)
class VolunteerAllowance:
    volunteer_uuid: str
    name: str
    active_days: int
    days_without_rule: int
    due_vnd: int
    paid_vnd: int


@dataclass(frozen=True)
class DayAllowance:
    day: date
    rule_name: str | None
    members: int
    due_vnd: int
    paid_vnd: int

    @property
    def capped(self) -> bool:
        return self.paid_vnd < self.due_vnd


@dataclass(frozen=True)
class CapUse:
    """One cap period (month or year) touched by the report period."""

    label: str
    rule_name: str
    cap_period: CapPeriod
    start: date
    end: date
    cap_vnd: int
    used_before_vnd: int
    used_in_period_vnd: int

    @property
    def used_vnd(self) -> int:
        return self.used_before_vnd + self.used_in_period_vnd

    @property
    def remaining_vnd(self) -> int:
        return max(0, self.cap_vnd - self.used_vnd)


@dataclass(frozen=True)
class TeamAllowance:
    """One team's allowance for a period, its own cap applied.

    ``cap_uses`` lists every cap period (month or year) the report period touches, with what
    days before the period already used. ``current`` is the cap period containing today when
    today is inside the report period (else the one containing its last day): "what remains".
    """

    team_id: str
    team_name: str
    volunteers: tuple[VolunteerAllowance, ...]
    days: tuple[DayAllowance, ...]
    lines: tuple[MemberDay, ...]
    due_total_vnd: int
    paid_total_vnd: int
    cap_uses: tuple[CapUse, ...]
    current: CapUse | None
    days_without_rule: tuple[date, ...]
    capped_days: tuple[date, ...]
    includes_demo: bool
    is_local: bool = True

    @property
    def unknown(self) -> bool:
        """Rows from an old bundle of a device whose team this database does not know."""
        return is_unknown_team(self.team_id)


@dataclass(frozen=True)
class Allowance:
    """The allowance for a period: one :class:`TeamAllowance` per team (this kiosk's team
    first), each capped on its own. A help point's own database has one team; a PC that
    merged other teams' bundles has one per team, and never pays one cap for all of them."""

    period: Period
    rules: tuple[PolicyRuleInfo, ...]
    teams: tuple[TeamAllowance, ...]
    #: Member-days in the tables that only an old unsigned bundle (imported by staff choice)
    #: vouches for: counted like the rest, and every allowance table says "chưa xác thực".
    unverified_days: int = 0

    @property
    def due_total_vnd(self) -> int:
        return sum(t.due_total_vnd for t in self.teams)

    @property
    def paid_total_vnd(self) -> int:
        return sum(t.paid_total_vnd for t in self.teams)

    @property
    def includes_demo(self) -> bool:
        return any(t.includes_demo for t in self.teams)

    @property
    def lines(self) -> tuple[MemberDay, ...]:
        return tuple(ln for t in self.teams for ln in t.lines)


def compute_allowance(actor: Actor, store: Store, period: Period) -> Allowance:
    """Per-team, per-member active days and amounts for ``period``, each team's cap applied
    to that team's days only (the team of an activity day is its ``team_id``). Staff."""
    require(actor, Role.STAFF)
    rules = list_rules(store)
    history_start = date(period.start.year, 1, 1)
    local = load_identity(store, store.config)
    with store.read() as s:
        activity = s.execute(
            select(ActivityDay.team_id, ActivityDay.volunteer_uuid, ActivityDay.day,
                   ActivityDay.is_demo, ActivityDay.unverified)
            .where(ActivityDay.day >= history_start, ActivityDay.day <= period.end,
                   ActivityDay.source.in_(WORK_SOURCES))).all()
        members = {u: (name, role) for u, name, role in s.execute(
            select(Volunteer.uuid, Volunteer.display_name, Volunteer.role))}
        names = team_names(s, local)
    by_team: dict[str, list[tuple[str, date, bool, bool]]] = defaultdict(list)
    for team_id, u, day, is_demo, unverified in activity:
        # A row with no team was written straight to the table on this machine (columns_of).
        by_team[team_id or local.team_id].append((u, day, bool(is_demo), bool(unverified)))
    today = local_day(store.clock.now())
    teams = [_team_allowance(team_id, team_name_for(names, team_id), rows, members, rules,
                             period, today, team_id == local.team_id)
             for team_id, rows in by_team.items()]
    # Teams with work in the period; this kiosk's team always (what remains of its cap).
    teams = [t for t in teams if t.lines or t.is_local]
    if not any(t.is_local for t in teams):
        teams.append(_team_allowance(local.team_id, local.team_name, [], members, rules,
                                     period, today, True))
    teams.sort(key=lambda t: (not t.is_local, t.unknown, vi_sort_key(t.team_name), t.team_id))
    if len(teams) > 1 and not teams[0].lines:
        teams = teams[1:]  # a commune PC merging other teams' work: no empty section for it
    return Allowance(
        period=period,
        rules=tuple(r for r in rules if r.valid_from <= period.end
                    and (r.valid_to is None or r.valid_to >= period.start)),
        teams=tuple(teams),
        unverified_days=sum(ln.unverified for t in teams for ln in t.lines))


def _team_allowance(team_id: str, team_name: str, activity: list[tuple[str, date, bool, bool]],
                    members: dict[str, tuple[str, str]], rules: tuple[PolicyRuleInfo, ...],
                    period: Period, today: date, is_local: bool) -> TeamAllowance:
    """One team's amounts: rules 1–4 of the module docstring on this team's days only."""

    def name_of(u: str) -> str:
        return members[u][0] if u in members else f"Thành viên không rõ ({u[:8]})"

    active: dict[date, dict[str, bool]] = defaultdict(dict)  # day -> uuid -> any demo row
    vouched: dict[date, dict[str, bool]] = defaultdict(dict)  # day -> uuid -> any signed row
    for u, day, is_demo, unverified in activity:
        if u in members and members[u][1] == Role.STAFF.value:
            continue
        active[day][u] = active[day].get(u, False) or is_demo
        vouched[day][u] = vouched[day].get(u, False) or not unverified

    paid_by_day: dict[date, int] = {}
    lines: list[MemberDay] = []
    for day in sorted(active):
        rule = rule_for(rules, day)
        order = sorted(active[day], key=lambda u: (vi_sort_key(name_of(u)), u))
        if rule is None:
            paid_by_day[day] = 0
            lines.extend(MemberDay(day, u, name_of(u), None, 0, 0, active[day][u],
                                   not vouched[day][u]) for u in order)
            continue
        b_start, _ = cap_bucket(day, rule.cap_period)
        used = sum(v for d, v in paid_by_day.items() if b_start <= d < day)
        left = max(0, rule.member_cap_vnd - used)
        total = 0
        for u in order:
            pay = min(rule.daily_rate_vnd, left)
            left -= pay
            total += pay
            lines.append(MemberDay(day, u, name_of(u), rule.name, rule.daily_rate_vnd, pay,
                                   active[day][u], not vouched[day][u]))
        paid_by_day[day] = total

    in_period = [ln for ln in lines if period.contains(ln.day)]

    per_member: dict[str, list[MemberDay]] = defaultdict(list)
    for ln in in_period:
        per_member[ln.volunteer_uuid].append(ln)
    volunteers = sorted(
        (VolunteerAllowance(u, its[0].name, len(its), sum(1 for x in its if x.rule_name is None),
                            sum(x.due_vnd for x in its), sum(x.paid_vnd for x in its))
         for u, its in per_member.items()),
        key=lambda v: (vi_sort_key(v.name), v.volunteer_uuid))

    per_day: dict[date, list[MemberDay]] = defaultdict(list)
    for ln in in_period:
        per_day[ln.day].append(ln)
    days = tuple(DayAllowance(d, its[0].rule_name, len(its), sum(x.due_vnd for x in its),
                              sum(x.paid_vnd for x in its))
                 for d, its in sorted(per_day.items()))

    cap_uses: dict[tuple[CapPeriod, date], CapUse] = {}
    for day in period.each_day():
        rule = rule_for(rules, day)
        if rule is None:
            continue
        b_start, b_end = cap_bucket(day, rule.cap_period)
        before = sum(v for d, v in paid_by_day.items() if b_start <= d < period.start)
        within = sum(v for d, v in paid_by_day.items()
                     if max(b_start, period.start) <= d <= min(b_end, period.end))
        cap_uses[(rule.cap_period, b_start)] = CapUse(
            cap_bucket_label(b_start, rule.cap_period), rule.name, rule.cap_period, b_start,
            b_end, rule.member_cap_vnd, before, within)
    # "What remains now": the cap period containing today when today is in the report period
    # (this month, this year), else the one containing the period's last day.
    ref_day = today if period.contains(today) else period.end
    ref_rule = rule_for(rules, ref_day)
    current = (cap_uses.get((ref_rule.cap_period, cap_bucket(ref_day, ref_rule.cap_period)[0]))
               if ref_rule else None)

    return TeamAllowance(
        team_id=team_id,
        team_name=team_name,
        volunteers=tuple(volunteers),
        days=days,
        lines=tuple(in_period),
        due_total_vnd=sum(x.due_vnd for x in in_period),
        paid_total_vnd=sum(x.paid_vnd for x in in_period),
        cap_uses=tuple(sorted(cap_uses.values(), key=lambda c: c.start)),
        current=current,
        days_without_rule=tuple(d.day for d in days if d.rule_name is None),
        capped_days=tuple(d.day for d in days if d.capped),
        includes_demo=any(x.is_demo for x in in_period),
        is_local=is_local,
    )
