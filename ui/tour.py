"""A walk through every screen a citizen or a volunteer can reach, by the same calls a touch
would make (the navigator, the screens' own buttons).

Used by the layout test (``tests/ui/test_layout_rule.py``) and by ``scripts/screenshots.py``
so that both look at the same screens in the same states. Each scene starts from a signed-out
kiosk at Home and leaves the screen showing; the caller lets the event loop settle before it
measures or grabs anything.

Thread: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QAbstractButton

from kiosk.auth import AuthService
from ui.navigator import ScreenId

DEMO_VOLUNTEER_PIN = "1357"  # ui.app.DEMO_VOLUNTEER_PIN (not imported: no cycle through app)
DEMO_STAFF_PIN = "2468"  # ui.app.DEMO_STAFF_PIN


def _sign_in_volunteer(k: Any) -> None:
    k.state.sign_in(AuthService(k.store).sign_in(DEMO_VOLUNTEER_PIN))


def _queue(k: Any) -> Any:
    """The queue feature (through the take-a-number screen that holds it)."""
    return k.screens[ScreenId.TAKE_TICKET].feature


def _click(button: QAbstractButton) -> None:
    button.click()


def showcase_tutorial(k: Any) -> str:
    """The tutorial with the most words on one step (the hardest to fit), else the first."""
    best, most = "", -1
    for t in k.catalogue.tutorials:
        for s in t.steps:
            n = len(s.text.get("vi")) + len(s.warning.get("vi") if s.warning else "") + \
                len(s.tip.get("vi") if s.tip else "")
            if n > most:
                best, most = t.id, n
    return best


def _busiest_category(k: Any) -> str:
    cats = [(len(k.catalogue.in_category(c.id)), c.id) for c in k.catalogue.categories]
    return max(cats)[1] if cats else ""


def scenes(k: Any, tutorial_id: str | None = None) -> dict[str, Callable[[], None]]:
    """Scene name → a function that brings the kiosk ``k`` to that screen."""
    tid = tutorial_id or showcase_tutorial(k)
    tutorial = k.catalogue.by_id(tid)
    last = len(tutorial.steps) - 1 if tutorial else 0
    nav = k.nav
    out: dict[str, Callable[[], None]] = {
        "home": lambda: nav.home(),
        "catalogue": lambda: nav.go_to(ScreenId.CATALOGUE),
        "tutorials": lambda: nav.go_to(ScreenId.CATALOGUE, category=_busiest_category(k)),
        "step-first": lambda: nav.go_to(ScreenId.STEP, tutorial_id=tid, step=0),
        "step-middle": lambda: nav.go_to(ScreenId.STEP, tutorial_id=tid, step=last // 2),
        "step-last": lambda: nav.go_to(ScreenId.STEP, tutorial_id=tid, step=last),
        "finish": lambda: nav.go_to(ScreenId.FINISH, tutorial_id=tid),
        "pin": lambda: nav.go_to(ScreenId.PIN),
        "idle-warning": lambda: (nav.go_to(ScreenId.CATALOGUE),
                                 k.idle.overlay.show_seconds(7)),
    }
    if nav.has(ScreenId.SHEET_PREVIEW):
        out["sheet-preview"] = lambda: nav.go_to(ScreenId.SHEET_PREVIEW, tutorial_id=tid)
    if nav.has(ScreenId.SCAM_CHECK):
        def scam_verdict() -> None:
            nav.go_to(ScreenId.SCAM_CHECK)
            scam = k.screens[ScreenId.SCAM_CHECK]
            # the verdict with the most words (the hardest to fit)
            wordiest = max(scam.kinds, key=lambda kind: len(kind.spoken("vi")))
            _click(scam.tiles[wordiest.id])

        out["scam-check"] = lambda: nav.go_to(ScreenId.SCAM_CHECK)
        out["scam-verdict"] = scam_verdict
    if nav.has(ScreenId.PRACTICE):
        with_practice = [t for t in k.catalogue.tutorials if t.practice is not None]
        if with_practice:  # "Tập thử" is a fifth button on the step player
            wordiest = max(with_practice, key=lambda t: max(
                len(s.text.get("vi")) + len(s.warning.get("vi") if s.warning else "")
                for s in t.steps))
            out["step-with-practice"] = lambda: nav.go_to(
                ScreenId.STEP, tutorial_id=wordiest.id, step=0)
        out.update(practice_scenes(k))
    if nav.has(ScreenId.RESUME_CODE):
        def resume_code() -> None:
            # Home pressed midway through the tutorial: the code to come back with.
            nav.go_to(ScreenId.STEP, tutorial_id=tid, step=max(1, last // 2))
            _click(k.window.home_btn)

        def resume_expired() -> None:
            # The wordiest refusal, with "Học lại từ đầu" beside the keypad.
            from kiosk.resume import refusal

            nav.go_to(ScreenId.RESUME_ENTRY)
            k.screens[ScreenId.RESUME_ENTRY].show_refusal(
                refusal("expired", "4827", "tutorial", tid))

        def resume_typed() -> None:
            nav.go_to(ScreenId.RESUME_ENTRY)
            for digit in "482":
                k.screens[ScreenId.RESUME_ENTRY].press(digit)

        out["resume-code"] = resume_code
        out["resume-entry"] = resume_typed
        out["resume-entry-expired"] = resume_expired
    if nav.has(ScreenId.TAKE_TICKET):
        out["take-ticket"] = lambda: nav.go_to(ScreenId.TAKE_TICKET)

        def ticket() -> None:
            nav.go_to(ScreenId.TAKE_TICKET)
            screen = k.screens[ScreenId.TAKE_TICKET]
            code = next(iter(screen.tiles), "")
            if code:
                screen.choose(code)

        out["ticket"] = ticket

        def take_priority() -> None:
            nav.go_to(ScreenId.TAKE_TICKET)
            k.screens[ScreenId.TAKE_TICKET].priority_btn.setChecked(True)

        def priority_ticket() -> None:
            take_priority()
            screen = k.screens[ScreenId.TAKE_TICKET]
            code = next(iter(screen.tiles), "")
            if code:
                screen.choose(code)

        out["take-ticket-priority"] = take_priority
        out["ticket-priority"] = priority_ticket

    def volunteer_home() -> None:
        _sign_in_volunteer(k)
        nav.home()

    out["volunteer-home"] = volunteer_home
    if nav.has(ScreenId.VOLUNTEER):
        def console() -> None:
            _sign_in_volunteer(k)
            nav.go_to(ScreenId.VOLUNTEER)
            screen = k.screens[ScreenId.VOLUNTEER]
            if screen.feature.desk is None:
                screen.choose_desk(1)

        def serving() -> None:
            feature = _queue(k)
            for svc in feature.queue.services()[:3]:
                feature.queue.issue(svc.code)
            console()
            _click(k.screens[ScreenId.VOLUNTEER].call_btn)

        def satisfaction() -> None:
            serving()
            _click(k.screens[ScreenId.VOLUNTEER].finish_btn)

        out["console"] = console
        out["console-serving"] = serving
        out["satisfaction"] = satisfaction
    if nav.has(ScreenId.QUICK_LOG):
        def quick_log() -> None:
            _sign_in_volunteer(k)
            nav.go_to(ScreenId.QUICK_LOG)

        def quick_log_more() -> None:
            quick_log()
            _click(k.screens[ScreenId.QUICK_LOG].more_btn)

        def quick_log_contact() -> None:
            quick_log_more()
            _click(k.screens[ScreenId.QUICK_LOG].more_btn)

        def quick_log_today() -> None:
            quick_log()
            _click(k.screens[ScreenId.QUICK_LOG].today_btn)

        def quick_log_saved_today() -> None:
            # One record saved by touch, then today's list with "In phiếu mang về".
            quick_log()
            ql = k.screens[ScreenId.QUICK_LOG]
            _click(ql.services.buttons["vneid"])
            _click(ql.age.buttons["60-74"])
            _click(ql.save_btn)
            nav.go_to(ScreenId.QUICK_LOG)
            _click(ql.today_btn)

        def consent() -> None:
            quick_log_contact()
            _click(k.screens[ScreenId.QUICK_LOG].contact.toggle)

        out["quick-log"] = quick_log
        out["quick-log-more"] = quick_log_more
        out["quick-log-contact"] = quick_log_contact
        out["quick-log-today"] = quick_log_today
        out["quick-log-saved-today"] = quick_log_saved_today
        out["consent"] = consent
    if nav.has(ScreenId.HOME_VISITS):
        out.update(home_visit_scenes(k))
    return out


#: Requests with the most words a volunteer is likely to type (the hardest to fit).
_VISITS = (
    ("Bà Nguyễn Thị Tư, nhà mái tôn cạnh nhà văn hóa thôn, đi lại khó khăn",
     "Kích hoạt tài khoản định danh điện tử mức 2 trên điện thoại của con gái",
     "Sáng thứ Bảy hoặc Chủ nhật, trước 10 giờ"),
    ("Ông Hai, hộ có người khuyết tật, cuối đường bê tông",
     "Cài ứng dụng VNeID và hướng dẫn đăng nhập", "Chiều các ngày trong tuần"),
)


def home_visit_scenes(k: Any) -> dict[str, Callable[[], None]]:
    """The visit list (with requests, one taken), the entry form and its consent choice."""
    from kiosk.home_visits import VisitDraft, count_open

    def signed_in() -> Any:
        _sign_in_volunteer(k)
        k.nav.go_to(ScreenId.HOME_VISITS)
        return k.screens[ScreenId.HOME_VISITS]

    def with_requests() -> None:
        screen = signed_in()
        if count_open(k.store) == 0:
            actor = k.state.actor
            code = next(iter(s.code for s in screen.queue().services()), "")
            village = k.config.village or "Tà Lang"
            made = [screen.visits.create(actor, VisitDraft(
                village=village, household=who, service_code=code, needs=needs,
                best_time=when)) for who, needs, when in _VISITS]
            screen.visits.assign(actor, made[0].uuid)
            screen.refresh()

    def form() -> None:
        signed_in()
        _click(k.screens[ScreenId.HOME_VISITS].add_btn)

    def form_consented() -> None:
        form()
        screen = k.screens[ScreenId.HOME_VISITS]
        _click(screen.phone_gate.toggle)  # the consent screen, turned to the citizen

    def as_staff() -> None:
        with_requests()
        k.state.sign_in(AuthService(k.store).sign_in(DEMO_STAFF_PIN))
        k.nav.go_to(ScreenId.HOME_VISITS)  # staff see whom to give a visit to

    return {"home-visits-empty": signed_in, "home-visits": with_requests,
            "home-visits-staff": as_staff, "home-visits-form": form,
            "home-visits-consent": form_consented}



def practice_scenes(k: Any) -> dict[str, Callable[[], None]]:
    """Every screen of every practice ("Tập thử"), each after a wrong touch or entry so its
    hint shows too (the most words), and the end of each practice."""
    out: dict[str, Callable[[], None]] = {}
    for t in k.catalogue.tutorials:
        if t.practice is None:
            continue

        def screen(tid: str = t.id, index: int = 0) -> None:
            k.nav.go_to(ScreenId.PRACTICE, tutorial_id=tid, screen=index)
            page = k.screens[ScreenId.PRACTICE]
            shown = page.screen
            wrong = next((b for b in shown.buttons if not b.right), None)
            if wrong is not None:
                page.touch(wrong.id)
            elif shown.entry is not None:
                for d in "9" * shown.entry.length if shown.entry.answer != "9" * \
                        shown.entry.length else "8" * shown.entry.length:
                    page.press(d)

        def done(tid: str = t.id) -> None:
            """The right way through, from the first screen to the end."""
            k.nav.go_to(ScreenId.PRACTICE, tutorial_id=tid, screen=0)
            page = k.screens[ScreenId.PRACTICE]
            for _ in range(32):  # bounded: a practice has at most 12 screens
                shown = page.screen
                if shown is None:
                    return
                if shown.entry is not None and shown.entry.answer:
                    for d in shown.entry.answer:
                        page.press(d)
                else:
                    page.touch(next(b.id for b in shown.buttons if b.right))

        for i in range(len(t.practice.screens)):
            out[f"practice-{t.id}-{i + 1}"] = lambda tid=t.id, i=i: screen(tid, i)
        out[f"practice-{t.id}-done"] = done
    return out


def reset(k: Any) -> None:
    """Back to a signed-out Home with nothing over it, before the next scene."""
    k.idle.overlay.hide()
    k.state.sign_out()
    k.nav.home()
