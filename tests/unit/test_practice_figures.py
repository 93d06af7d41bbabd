"""Practice counts (issue #22 item 5): started, finished, the screen wrong most; in the
summary export after every older row; never mixed into tutorial completion."""

from __future__ import annotations

from types import SimpleNamespace

from kiosk.reports.export_csv import SECTION_LABELS, summary_rows
from kiosk.reports.figures import practice_figures, tutorial_figures


def ev(run: str, kind: str, step: int | None = None, tid: str = "scam-fake-police"
       ) -> SimpleNamespace:
    return SimpleNamespace(run_id=run, tutorial_id=tid, kind=kind, step=step)


EVENTS = [
    ev("a", "practice_open"), ev("a", "practice_wrong", 2), ev("a", "practice_wrong", 2),
    ev("a", "practice_done", 3),
    ev("b", "practice_open"), ev("b", "practice_wrong", 1), ev("b", "practice_wrong", 2),
    ev("b", "practice_left", 2),
    ev("c", "practice_open"), ev("c", "practice_wrong", 1), ev("c", "practice_done", 3),
]


def test_started_finished_and_the_screen_wrong_most() -> None:
    (p,) = practice_figures(EVENTS, {"scam-fake-police": "Công an giả"})
    assert (p.title, p.started, p.finished, p.wrong_touches) == ("Công an giả", 3, 2, 5)
    assert (p.most_wrong_screen, p.most_wrong_count) == (2, 3)


def test_a_tie_names_the_earlier_screen() -> None:
    events = [ev("a", "practice_open"), ev("a", "practice_wrong", 3),
              ev("a", "practice_wrong", 1)]
    (p,) = practice_figures(events, {})
    assert p.most_wrong_screen == 1 and p.title == "scam-fake-police"


def test_no_wrong_touch_names_no_screen() -> None:
    (p,) = practice_figures([ev("a", "practice_open"), ev("a", "practice_done", 3)], {})
    assert p.most_wrong_screen is None and p.most_wrong_count == 0


def test_summary_rows_put_practices_last() -> None:
    from datetime import date

    from kiosk.queue import QueueFigures
    from kiosk.reports.figures import Figures, Satisfaction
    from kiosk.reports.periods import Period, PeriodKind

    period = Period(date(2026, 3, 1), date(2026, 3, 31), PeriodKind.CUSTOM)
    queue = QueueFigures(period.start, period.end, 0, 0, 0, 0, 0, (), None, None, None)
    f = Figures(period=period, citizens_helped=0, by_service=(), by_outcome=(), by_channel=(),
                by_village=(), by_age_gender=(), by_volunteer=(), daily=(),
                queue=queue, tutorials=tutorial_figures([], {}), printed_sheets=0,
                printed_by_tutorial=(), satisfaction=Satisfaction(), includes_demo=False,
                demo_records=0, practices=practice_figures(EVENTS, {}))
    rows = summary_rows(f)
    sections = [r.section for r in rows]
    first = sections.index("practice")
    assert set(sections[first:]) == {"practice"}, "practice rows only at the end"
    by_key = {r.key: r.value for r in rows if r.section == "practice"}
    assert by_key["total.started"] == 3 and by_key["total.finished"] == 2
    assert by_key["scam-fake-police.most_wrong_screen"] == 2
    assert SECTION_LABELS["practice"] == "Tập thử"
