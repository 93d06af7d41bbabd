"""The figures staff report for a period: who was helped, how, by whom, and how it went.

One call, :func:`compute_figures`, returns a frozen :class:`Figures` that the staff screen,
the XLSX summary sheet and the PDF monthly report all draw from, so the three never
disagree. An empty period gives zeros and empty tables, never an error.

Counting rules (the report states the same in words):

* A *record* is one row of the ``assistance`` table whose local start day falls in the
  period; soft-deleted rows (``deleted_at`` set) are left out. "Citizens helped" is the
  number of records.
* A record that lists two services (or two volunteers) counts once under each, so the
  by-service and by-volunteer tables may add up to more than the number of records.
* Demo rows (``is_demo``) are counted like real ones, and ``includes_demo`` says so; every
  file made from the figures then carries a demo banner.
* Tutorials come from ``tutorial_event``: a *run* (``run_id``) is one citizen going through
  one tutorial. ``opened`` = runs with an ``opened`` event, ``finished`` = runs with a
  ``finished`` event; the completion rate is finished / opened. The step where most runs
  stop is, among runs that did not finish, the most common highest step reached (ties go
  to the earlier step, where help is needed first).
* Practices ("Tập thử") come from the same table with their own kinds
  (:data:`kiosk.usage.PRACTICE_KINDS`) and never count as tutorial runs. *Started* = practice
  runs opened, *finished* = runs that reached the end; the screen people get wrong most is
  the pretend phone's screen with the most wrong touches or entries (ties go to the earlier
  screen).
* Queue figures come from :func:`kiosk.queue.queue_figures` (demo tickets included, like
  everything else here); printed sheets from :func:`kiosk.printing_quota.printed_counts`
  (successful how-to sheets only).

Reads go through short read transactions; safe from any thread (the GUI calls this from its
background task helper).
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Date, String, cast, func, select

from db.models import (
    ActivityDay,
    Assistance,
    HomeVisit,
    PrintEvent,
    Service,
    Ticket,
    TutorialEvent,
    Volunteer,
)
from kiosk.assistance import (
    CHANNEL_LABELS_EN,
    CHANNEL_LABELS_VI,
    GENDERS,
    OUTCOME_LABELS_EN,
    OUTCOME_LABELS_VI,
)
from kiosk.auth import Actor, Role, require
from kiosk.clock import local_day, to_local
from kiosk.home_visits import HomeVisitFigures, visit_figures_in
from kiosk.printing_quota import SUMMARY, SUMMARY_ROW, printed_counts_in
from kiosk.queue import QueueFigures, queue_figures_in
from kiosk.reports.periods import Period
from kiosk.scam_check import scam_labels, tally_in
from kiosk.store import Store
from kiosk.usage import KINDS as TUTORIAL_KINDS
from kiosk.usage import PRACTICE_KINDS, run_events

log = logging.getLogger(__name__)

UNKNOWN = "Không rõ"

# Labels for the stored codes. A code not listed here is shown as stored, so a new value
# added by the record form never breaks a report.
# The codes themselves are the record form's (kiosk.assistance).
OUTCOME_LABELS = dict(OUTCOME_LABELS_VI)
CHANNEL_LABELS = dict(CHANNEL_LABELS_VI)
GENDER_LABELS = {"nam": "Nam", "nu": "Nữ", "khac": "Khác"}
AGE_LABELS = {"<18": "Dưới 18", "18-39": "18–39", "40-59": "40–59", "60-74": "60–74",
              "75+": "75 trở lên"}
#: The same fixed lists in English (the hub's English pages; the kiosk's own screens say
#: the same words through Qt's translation). One table per language, here, for every front end.
UNKNOWN_EN = "Unknown"
GENDER_LABELS_EN = {"nam": "Male", "nu": "Female", "khac": "Other"}
AGE_LABELS_EN = {"<18": "Under 18", "18-39": "18–39", "40-59": "40–59", "60-74": "60–74",
                 "75+": "75 and over"}
_LABELS = {
    "vi": {"outcome": OUTCOME_LABELS, "channel": CHANNEL_LABELS, "gender": GENDER_LABELS,
           "age": AGE_LABELS},
    "en": {"outcome": dict(OUTCOME_LABELS_EN), "channel": dict(CHANNEL_LABELS_EN),
           "gender": GENDER_LABELS_EN, "age": AGE_LABELS_EN},
}


def labels_for(lang: str) -> dict[str, dict[str, str]]:
    """The label tables (outcome, channel, gender, age) in ``lang``; Vietnamese otherwise."""
    return _LABELS.get(lang, _LABELS["vi"])


def label_of(table: Mapping[str, str], key: str | None, lang: str = "vi") -> str:
    if not key:
        return UNKNOWN_EN if lang == "en" else UNKNOWN
    return table.get(key, key)


def _age_sort_key(key: str) -> tuple[int, str]:
    digits = "".join(ch if ch.isdigit() else " " for ch in key).split()
    if key.startswith(("under", "<")):
        return (-1, key)
    return (int(digits[0]) if digits else 999, key)


@dataclass(frozen=True)
class CountRow:
    """One line of a "by …" table: the stored key, the label shown, the count."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True)
class AgeGenderRow:
    age_band: str
    age_label: str
    gender: str
    gender_label: str
    count: int


@dataclass(frozen=True)
class TutorialFigures:
    tutorial_id: str
    title: str
    opened: int
    finished: int
    completion_rate: float
    stop_step: int | None
    stopped_runs: int
    asks: int


@dataclass(frozen=True)
class PracticeFigures:
    tutorial_id: str
    title: str
    started: int
    finished: int
    wrong_touches: int
    most_wrong_screen: int | None
    most_wrong_count: int


@dataclass(frozen=True)
class Satisfaction:
    answered: int = 0
    average: float | None = None
    distribution: tuple[CountRow, ...] = ()


@dataclass(frozen=True)
class Figures:
    period: Period
    citizens_helped: int
    by_service: tuple[CountRow, ...]
    by_outcome: tuple[CountRow, ...]
    by_channel: tuple[CountRow, ...]
    by_village: tuple[CountRow, ...]
    by_age_gender: tuple[AgeGenderRow, ...]
    by_volunteer: tuple[CountRow, ...]
    daily: tuple[DayCount, ...]
    queue: QueueFigures
    tutorials: tuple[TutorialFigures, ...]
    printed_sheets: int
    printed_by_tutorial: tuple[CountRow, ...]
    satisfaction: Satisfaction
    includes_demo: bool
    demo_records: int
    first_visits: int = 0  # records marked as the person's first visit
    #: Records from an old unsigned bundle imported by staff choice: every file made from
    #: these figures says how many are "chưa xác thực" (kiosk.sync.merge).
    unverified_records: int = 0
    #: Anonymous scam checks per kind in the period (kiosk.scam_check), for the report to
    #: the commune police: counts only, never a message or a phone number.
    scam_checks: tuple[CountRow, ...] = ()
    #: Practices ("Tập thử"): started, finished, the screen wrong most (see the module doc).
    practices: tuple[PracticeFigures, ...] = ()
    #: Tickets called per wait bin (kiosk.reports.waits); from the kiosks' daily counts on the
    #: hub, where waits are shown as ranges. Empty on the kiosk, which has every ticket.
    wait_histogram: tuple[int, ...] = ()
    #: Home-visit requests (kiosk.home_visits.visit_figures_in); they stay on the kiosk (and
    #: the mobile team's laptop), so the hub's figures have none.
    home_visits: HomeVisitFigures = HomeVisitFigures()

    @property
    def age_bands(self) -> tuple[tuple[str, str], ...]:
        """(key, label) of the age bands present, youngest first (for a cross table)."""
        seen = {r.age_band: r.age_label for r in self.by_age_gender}
        return tuple((k, seen[k]) for k in sorted(seen, key=_age_sort_key))

    @property
    def genders(self) -> tuple[tuple[str, str], ...]:
        seen = {r.gender: r.gender_label for r in self.by_age_gender}
        order = {key: i for i, key in enumerate((*GENDERS, ""))}  # in either language
        return tuple(sorted(seen.items(), key=lambda kv: (order.get(kv[0], 9), kv[1])))

    def age_gender_count(self, age_band: str, gender: str) -> int:
        for r in self.by_age_gender:
            if r.age_band == age_band and r.gender == gender:
                return r.count
        return 0


def _count_rows(counter: Counter[str], label: Callable[[str], str]) -> tuple[CountRow, ...]:
    rows = [CountRow(k, label(k), n) for k, n in counter.items()]
    rows.sort(key=lambda r: (-r.count, r.label))
    return tuple(rows)


@dataclass(frozen=True)
class FigureScope:
    """Which rows a report counts: every row (``None``), or those of some help points or
    communes (by the identity columns every record, ticket and event carries).

    The kiosk counts its whole database; the hub asks for one help point, one commune or
    the city, through the same code (:func:`figures_from`)."""

    help_point_ids: tuple[str, ...] | None = None
    commune_codes: tuple[str, ...] | None = None

    def conditions(self, table: Any) -> list[Any]:
        """SQL conditions for ``table`` (a model class or a Table with identity columns)."""
        cols = table.__table__.c if hasattr(table, "__table__") else table.c
        out = []
        if self.help_point_ids is not None:
            out.append(cols.help_point_id.in_(self.help_point_ids))
        if self.commune_codes is not None:
            out.append(cols.commune_code.in_(self.commune_codes))
        return out


def _where(scope: FigureScope | None, table: Any) -> list[Any]:
    return scope.conditions(table) if scope is not None else []


@dataclass(frozen=True)
class CountFigures:
    """Queue, tutorial and print figures of a period. The kiosk makes them from its own
    ticket, tutorial-event and print-event rows (:func:`kiosk_counts`); the hub, which only
    receives each help point's daily counts, from those."""

    queue: QueueFigures
    tutorials: tuple[TutorialFigures, ...]
    printed_by_tutorial: Mapping[str, int]
    includes_demo: bool = False
    #: Scam checks per kind ("Kiểm tra tin nhắn lạ").
    scam_checks: Mapping[str, int] | None = None
    #: Practices ("Tập thử") per tutorial; on the hub from the daily counts' ``practices``.
    practices: tuple[PracticeFigures, ...] = ()
    #: Waits as counts per bin of :mod:`kiosk.reports.waits` (the hub's only view of waits).
    wait_histogram: tuple[int, ...] = ()
    #: Home-visit requests; kiosk only (they never go to the hub).
    home_visits: HomeVisitFigures = HomeVisitFigures()


#: (session, period, titles, scope) -> the queue/tutorial/print part of the figures.
CountSource = Callable[[Any, Period, Mapping[str, str], "FigureScope | None"], CountFigures]


def compute_figures(actor: Actor, store: Store, period: Period,
                    titles: Mapping[str, str] | None = None) -> Figures:
    """All report figures for ``period`` (local days, inclusive). Staff only.

    ``titles`` maps tutorial ids to their Vietnamese titles (from the content catalogue);
    an id without a title is shown as the id.
    """
    require(actor, Role.STAFF)
    with store.read() as s:
        return figures_from(s, period, titles or {})


def _printed_row_label(titles: Mapping[str, str], lang: str = "vi") -> Callable[[str], str]:
    """The report label of a printed-paper row: the tutorial's title, the take-home slips'
    row, or "other" for prints without a tutorial."""
    en = lang == "en"

    def label(key: str) -> str:
        if key == SUMMARY_ROW:
            return "“What we did today” slip" if en else "Phiếu “Hôm nay đã làm”"
        if not key:
            return "Other (no tutorial)" if en else "Khác (không theo bài)"
        return titles.get(key, key)

    return label


def kiosk_counts(s: Any, period: Period, titles: Mapping[str, str],
                 scope: FigureScope | None) -> CountFigures:
    """Queue, tutorial and print figures from the kiosk's own tables."""
    utc_from, utc_to = period.utc_bounds()
    # Runs counted on the day they started, with all their events (kiosk.usage.run_events).
    events = run_events(s, utc_from, utc_to, _where(scope, TutorialEvent))
    demo_tickets = s.scalar(select(func.count()).select_from(Ticket).where(
        Ticket.is_demo.is_(True), Ticket.day >= period.start, Ticket.day <= period.end,
        *_where(scope, Ticket)))
    printed = printed_counts_in(s, period.start, period.end,
                                where=_where(scope, PrintEvent))
    printed_by_tutorial: Counter[str] = Counter()
    for (_day, tutorial_id), sheets in printed.items():
        printed_by_tutorial[tutorial_id or ""] += int(sheets)
    # Take-home slips count as printed paper too, on a row of their own.
    slips = printed_counts_in(s, period.start, period.end, kind=SUMMARY,
                              where=_where(scope, PrintEvent))
    if slips:
        printed_by_tutorial[SUMMARY_ROW] += sum(int(n) for n in slips.values())
    visits = visit_figures_in(s, utc_from, utc_to, _where(scope, HomeVisit))
    return CountFigures(
        queue=queue_figures_in(s, period.start, period.end, include_demo=True,
                               where=_where(scope, Ticket)),
        tutorials=tutorial_figures([e for e in events if e.kind in TUTORIAL_KINDS], titles),
        practices=practice_figures([e for e in events if e.kind in PRACTICE_KINDS], titles),
        printed_by_tutorial=printed_by_tutorial,
        includes_demo=bool(demo_tickets or any(e.is_demo for e in events)
                           or visits.includes_demo),
        scam_checks=tally_in(s, period.start, period.end),
        home_visits=visits)


@dataclass(frozen=True)
class RecordCounts:
    """The records' side of the figures, as counts: everything :func:`figures_from` needs
    from the ``assistance`` (and ``activity_day``) rows of a period.

    The kiosk makes them with a few GROUP BY queries over its records (:func:`kiosk_records`);
    the hub adds up the daily summary rows it keeps per help point and day (``hub.summary``).
    Either way the labels, sorting and averages are :func:`figures_from`'s, so one help
    point's figures agree on both. A record listing a service (or volunteer) twice counts
    once under it.
    """

    people: int = 0
    by_outcome: Mapping[str, int] = field(default_factory=dict)
    by_channel: Mapping[str, int] = field(default_factory=dict)
    by_village: Mapping[str, int] = field(default_factory=dict)
    #: (age band, gender) → records; "" for not recorded.
    by_age_gender: Mapping[tuple[str, str], int] = field(default_factory=dict)
    #: Satisfaction score → records that gave it (records without a score are not here).
    ratings: Mapping[int, int] = field(default_factory=dict)
    first_visits: int = 0
    demo_records: int = 0
    unverified: int = 0
    by_service: Mapping[str, int] = field(default_factory=dict)
    by_volunteer: Mapping[str, int] = field(default_factory=dict)
    per_day: Mapping[date, int] = field(default_factory=dict)
    #: Demo activity days in the period (a demo volunteer's day makes the report "demo").
    demo_activity_days: int = 0


#: (session, period, scope) -> the records' part of the figures.
RecordSource = Callable[[Any, Period, "FigureScope | None"], RecordCounts]


def kiosk_records(s: Any, period: Period, scope: FigureScope | None) -> RecordCounts:
    """The records' counts from the ``assistance`` and ``activity_day`` tables themselves."""
    utc_from, utc_to = period.utc_bounds()
    a = Assistance.__table__.c
    in_period = (a.deleted_at.is_(None), a.started_at >= utc_from, a.started_at < utc_to,
                 *_where(scope, Assistance))
    # Aggregated in SQL (GROUP BY): a year of a busy help point is a few hundred groups,
    # not 15,000 rows to loop over in Python (docs/benchmarks.md, dashboard rows).
    combos = s.execute(
        select(a.outcome, a.channel, a.village, a.age_band, a.gender, a.satisfaction,
               a.is_demo, a.first_visit, func.count())
        .where(*in_period)
        .group_by(a.outcome, a.channel, a.village, a.age_band, a.gender, a.satisfaction,
                  a.is_demo, a.first_visit)).all()
    # Lists are stored as JSON text; a year holds a few dozen distinct ones.
    service_lists = s.execute(select(cast(a.services, String), func.count())
                              .where(*in_period).group_by(cast(a.services, String))).all()
    volunteer_lists = s.execute(
        select(cast(a.volunteer_uuids, String), func.count())
        .where(*in_period).group_by(cast(a.volunteer_uuids, String))).all()
    unverified = s.scalar(select(func.count()).select_from(Assistance).where(
        *in_period, a.unverified.is_(True))) or 0
    demo_activity = s.scalar(select(func.count()).select_from(ActivityDay).where(
        ActivityDay.is_demo.is_(True), ActivityDay.day >= period.start,
        ActivityDay.day <= period.end, *_where(scope, ActivityDay))) or 0

    by_service: Counter[str] = Counter()
    by_outcome: Counter[str] = Counter()
    by_channel: Counter[str] = Counter()
    by_village: Counter[str] = Counter()
    by_age_gender: Counter[tuple[str, str]] = Counter()
    by_volunteer: Counter[str] = Counter()
    ratings: Counter[int] = Counter()
    demo_records = 0
    records = 0
    first_visits = 0
    for outcome, channel, village, age_band, gender, rating, is_demo, first, n in combos:
        records += n
        by_outcome[outcome or ""] += n
        by_channel[channel or ""] += n
        by_village[village or ""] += n
        by_age_gender[(age_band or "", gender or "")] += n
        if rating is not None:
            ratings[int(rating)] += n
        if is_demo:
            demo_records += n
        if first:
            first_visits += n
    for stored, n in service_lists:
        for code in dict.fromkeys(json.loads(stored) if stored else []):
            by_service[code] += n
    for stored, n in volunteer_lists:
        for vol in dict.fromkeys(json.loads(stored) if stored else []):
            by_volunteer[vol] += n
    return RecordCounts(
        people=records, by_outcome=by_outcome, by_channel=by_channel, by_village=by_village,
        by_age_gender=by_age_gender, ratings=ratings, first_visits=first_visits,
        demo_records=demo_records, unverified=int(unverified), by_service=by_service,
        by_volunteer=by_volunteer, per_day=_records_per_local_day(s, period, in_period),
        demo_activity_days=int(demo_activity))


def figures_from(s: Any, period: Period, titles: Mapping[str, str],
                 scope: FigureScope | None = None,
                 counts: CountSource | None = None,
                 records: RecordSource | None = None, lang: str = "vi") -> Figures:
    """The figures of ``period`` on an open session, for the rows in ``scope``.

    ``lang`` picks the labels of the fixed lists (outcome, channel, age band, gender, scam
    kind, a service's English name where it has one): "en" for the hub's English pages.
    ``titles`` are given in the language wanted (:func:`tutorial_titles`). Files (CSV, XLSX,
    PDF) stay Vietnamese.

    The one computation behind the kiosk's dashboard, its XLSX/PDF reports and the hub's
    pages: ``records`` says where the records' counts come from (default: the kiosk's
    ``assistance`` table), ``counts`` where queue/tutorial/print figures come from (default:
    the kiosk's own tables).
    """
    rc = (records or kiosk_records)(s, period, scope)
    en = lang == "en"
    unknown = UNKNOWN_EN if en else UNKNOWN
    labels = labels_for(lang)
    service_names = {code: (name_en if en and name_en else name_vi) for code, name_vi, name_en
                     in s.execute(select(Service.code, Service.name_vi, Service.name_en))}
    volunteer_names = dict(
        s.execute(select(Volunteer.uuid, Volunteer.display_name)).tuples().all())
    count_figures = (counts or kiosk_counts)(s, period, titles, scope)

    ratings = Counter({int(k): int(n) for k, n in rc.ratings.items() if n})
    answered = sum(ratings.values())
    satisfaction = Satisfaction(
        answered=answered,
        average=(sum(k * n for k, n in ratings.items()) / answered) if answered else None,
        distribution=tuple(CountRow(str(k), str(k), ratings[k]) for k in sorted(ratings)))

    age_gender = sorted(
        (AgeGenderRow(a, label_of(labels["age"], a, lang), g,
                      label_of(labels["gender"], g, lang), n)
         for (a, g), n in rc.by_age_gender.items() if n),
        key=lambda x: (_age_sort_key(x.age_band), x.gender_label))

    printed_by_tutorial = Counter(count_figures.printed_by_tutorial)
    scam_counts = Counter(count_figures.scam_checks or {})
    scam_names = scam_labels(lang) if scam_counts else {}
    return Figures(
        period=period,
        citizens_helped=rc.people,
        by_service=_count_rows(_nonzero(rc.by_service),
                               lambda c: service_names.get(c, c or unknown)),
        by_outcome=_count_rows(_nonzero(rc.by_outcome),
                               lambda c: label_of(labels["outcome"], c, lang)),
        by_channel=_count_rows(_nonzero(rc.by_channel),
                               lambda c: label_of(labels["channel"], c, lang)),
        by_village=_count_rows(_nonzero(rc.by_village), lambda c: c or unknown),
        by_age_gender=tuple(age_gender),
        by_volunteer=_count_rows(_nonzero(rc.by_volunteer), lambda u: volunteer_names.get(
            u, f"{'Unknown member' if en else 'Thành viên không rõ'} ({u[:8]})")),
        daily=tuple(DayCount(d, int(rc.per_day.get(d, 0))) for d in period.each_day()),
        queue=count_figures.queue,
        tutorials=count_figures.tutorials,
        printed_sheets=sum(printed_by_tutorial.values()),
        printed_by_tutorial=_count_rows(
            printed_by_tutorial, _printed_row_label(titles, lang)),
        satisfaction=satisfaction,
        includes_demo=bool(rc.demo_records or rc.demo_activity_days
                           or count_figures.includes_demo),
        demo_records=rc.demo_records,
        first_visits=rc.first_visits,
        unverified_records=rc.unverified,
        scam_checks=_count_rows(scam_counts, lambda k: scam_names.get(k, k)),
        practices=count_figures.practices,
        wait_histogram=tuple(count_figures.wait_histogram),
        home_visits=count_figures.home_visits,
    )


def _nonzero(counts: Mapping[str, int]) -> Counter[str]:
    return Counter({k: int(n) for k, n in counts.items() if n})


def _records_per_local_day(s: Any, period: Period, in_period: tuple[Any, ...]
                           ) -> Counter[date]:
    """Records per local day: grouped by the database itself when the zone's offset is the
    same all through the period (always, for Viet Nam since 1975), else day by day in
    Python."""
    a = Assistance.__table__.c
    utc_from, utc_to = period.utc_bounds()
    first, last = to_local(utc_from).utcoffset(), to_local(utc_to).utcoffset()
    dialect = s.get_bind().dialect.name
    if first == last and first is not None and dialect in ("sqlite", "postgresql"):
        day: Any
        if dialect == "sqlite":
            day = func.date(a.started_at, f"{int(first.total_seconds() // 60):+d} minutes")
        else:
            day = cast(a.started_at + first, Date)
        return Counter({d if isinstance(d, date) else date.fromisoformat(d): int(n)
                        for d, n in s.execute(
                            select(day, func.count()).where(*in_period).group_by(day))})
    return Counter(local_day(started) for started in s.scalars(
        select(Assistance.started_at).where(*in_period)))


@dataclass
class TutorialCounts:
    """One tutorial's runs, counted: what a help point sends the hub per day, and what
    :func:`tutorial_figures_from` turns into a :class:`TutorialFigures`.

    ``stops`` maps a step to the runs that did not finish and got no further than it.
    """

    opened: int = 0
    finished: int = 0
    stopped: int = 0  # runs not finished (with or without a step)
    asks: int = 0
    stops: Counter[int] = field(default_factory=Counter)

    def add(self, other: TutorialCounts) -> None:
        self.opened += other.opened
        self.finished += other.finished
        self.stopped += other.stopped
        self.asks += other.asks
        self.stops.update(other.stops)


def count_tutorial_runs(events: Iterable[Any]) -> dict[str, TutorialCounts]:
    """Per tutorial: runs opened and finished, unfinished runs and the step each stopped at.

    ``events`` are rows with ``run_id, tutorial_id, kind, step``. A run is one citizen going
    through one tutorial; where it stopped is the highest step it reached.
    """
    runs: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"opened": False, "finished": False, "max_step": None, "asks": 0})
    for e in events:
        run = runs[(e.tutorial_id, e.run_id)]
        if e.kind == "opened":
            run["opened"] = True
        elif e.kind == "finished":
            run["finished"] = True
        elif e.kind == "ask":
            run["asks"] += 1
        if e.step is not None and (run["max_step"] is None or e.step > run["max_step"]):
            run["max_step"] = int(e.step)
    out: dict[str, TutorialCounts] = defaultdict(TutorialCounts)
    for (tutorial_id, _run_id), run in runs.items():
        c = out[tutorial_id]
        c.opened += run["opened"]
        c.finished += run["finished"]
        c.asks += run["asks"]
        if not run["finished"]:
            c.stopped += 1
            if run["max_step"] is not None:
                c.stops[run["max_step"]] += 1
    return dict(out)


def tutorial_figures_from(counts: Mapping[str, TutorialCounts], titles: Mapping[str, str]
                          ) -> tuple[TutorialFigures, ...]:
    """The tutorials table from counted runs: completion rate = finished / opened; the step
    where most unfinished runs stop (ties go to the earlier step, where help is needed
    first)."""
    out = []
    for tutorial_id, c in counts.items():
        stops = Counter({step: n for step, n in c.stops.items() if n})
        stop_step = min(stops, key=lambda st: (-stops[st], st)) if stops else None
        out.append(TutorialFigures(
            tutorial_id=tutorial_id, title=titles.get(tutorial_id, tutorial_id),
            opened=c.opened, finished=c.finished,
            completion_rate=(c.finished / c.opened) if c.opened else 0.0,
            stop_step=stop_step, stopped_runs=c.stopped, asks=c.asks))
    out.sort(key=lambda t: (-t.opened, t.title))
    return tuple(out)


def tutorial_figures(events: Iterable[Any], titles: Mapping[str, str]) -> tuple[
        TutorialFigures, ...]:
    """Per tutorial: runs opened and finished, completion rate, where unfinished runs stop.

    ``events`` are rows with ``run_id, tutorial_id, kind, step``.
    """
    return tutorial_figures_from(count_tutorial_runs(events), titles)


@dataclass
class PracticeCounts:
    """One practice's counts (a day's, or a period's once added up): runs started and
    finished, wrong touches per screen of the pretend phone. What the kiosk sends the hub."""

    started: int = 0
    finished: int = 0
    wrong: Counter[int] = field(default_factory=Counter)


def count_practice_runs(events: Iterable[Any]) -> dict[str, PracticeCounts]:
    """Per practice id, from rows with ``tutorial_id, kind, step`` of the practice kinds."""
    out: dict[str, PracticeCounts] = defaultdict(PracticeCounts)
    for e in events:
        if e.kind == "practice_open":
            out[e.tutorial_id].started += 1
        elif e.kind == "practice_done":
            out[e.tutorial_id].finished += 1
        elif e.kind == "practice_wrong" and e.step is not None:
            out[e.tutorial_id].wrong[int(e.step)] += 1
    return dict(out)


def practice_figures(events: Iterable[Any], titles: Mapping[str, str]) -> tuple[
        PracticeFigures, ...]:
    """Per practice: runs started and finished, wrong touches, the screen wrong most.

    ``events`` are rows with ``run_id, tutorial_id, kind, step`` of the practice kinds.
    """
    return practice_figures_from(count_practice_runs(events), titles)


def practice_figures_from(counts: Mapping[str, PracticeCounts], titles: Mapping[str, str]
                          ) -> tuple[PracticeFigures, ...]:
    """The practices' table rows from their counts (the kiosk's events or the hub's daily
    counts): one rule for "the screen wrong most" (the lowest screen number on a tie)."""
    out = []
    for tid, c in counts.items():
        per_screen = c.wrong
        worst = min(per_screen, key=lambda n: (-per_screen[n], n)) if per_screen else None
        out.append(PracticeFigures(
            tutorial_id=tid, title=titles.get(tid, tid), started=c.started,
            finished=c.finished, wrong_touches=sum(per_screen.values()),
            most_wrong_screen=worst,
            most_wrong_count=per_screen[worst] if worst is not None else 0))
    out.sort(key=lambda p: (-p.started, p.title))
    return tuple(out)


def tutorial_titles(lang: str = "vi") -> dict[str, str]:
    """Titles of the bundled tutorials in ``lang``, for report tables; {} if unreadable.

    A tutorial without a title in ``lang`` keeps its Vietnamese one (never a made-up
    translation).

    The content loader logs every problem it finds; a report is not the place for those
    (``help-kiosk content check`` is), so they are kept quiet here.
    """
    from kiosk.content.loader import load_catalogue
    from kiosk.paths import resource_path

    loader_log = logging.getLogger("kiosk.content")
    level = loader_log.level
    loader_log.setLevel(logging.ERROR)
    try:
        cat = load_catalogue([resource_path("tutorials")])
        return {t.id: t.title.get(lang) for t in cat.tutorials}
    except Exception:  # titles are a nicety; the ids still identify the tutorials
        log.warning("tutorial titles not available for the report")
        return {}
    finally:
        loader_log.setLevel(level)
