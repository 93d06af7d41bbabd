"""The officers' pages through HTTP (no browser): roles, CSRF, refusals, on SQLite and
PostgreSQL."""

from __future__ import annotations

import re
from datetime import date
from html import escape
from typing import Any

import pytest

from tests.hub_web.conftest import COMMUNE_A, COMMUNE_B, accounts, csrf_of


def test_commune_officer_lands_on_own_commune_and_is_refused_another(client_for: Any,
                                                                     hub_app: Any) -> None:
    client = client_for("xa.a")
    home = client.get("/")
    assert home.status_code == 200
    assert str(home.url).endswith(f"/commune/{COMMUNE_A}")
    assert "Người được hỗ trợ" in home.text
    other = client.get(f"/commune/{COMMUNE_B}")
    assert other.status_code == 403
    assert "chỉ xem được các điểm hỗ trợ của xã/phường mình" in other.text
    assert client.get("/city").status_code == 403
    denied = accounts(hub_app).audit_rows("access.denied")
    assert any(r.actor == "xa.a" and r.detail.get("commune") == COMMUNE_B for r in denied)


def test_city_officer_sees_the_city_and_any_commune(client_for: Any) -> None:
    client = client_for("thanhpho")
    assert client.get("/").url.path == "/city"
    assert client.get(f"/commune/{COMMUNE_B}").status_code == 200
    assert client.get("/packs").status_code == 403


def test_no_session_goes_to_sign_in(hub_client: Any) -> None:
    response = hub_client.get(f"/commune/{COMMUNE_A}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/sign-in?next=")


def test_a_form_without_its_csrf_token_is_refused(client_for: Any, hub_app: Any) -> None:
    client = client_for("xa.a")
    page = client.get("/pairing")
    assert csrf_of(page.text)
    refused = client.post("/pairing/codes", data={})
    assert refused.status_code == 403
    assert "Biểu mẫu đã cũ" in refused.text
    wrong = client.post("/pairing/codes", data={"csrf_token": "x" * 43})
    assert wrong.status_code == 403
    ok = client.post("/pairing/codes", data={"csrf_token": csrf_of(page.text)})
    assert ok.status_code == 200 and 'id="new-code"' in ok.text
    assert [r.action for r in accounts(hub_app).audit_rows("csrf.refused")] == [
        "csrf.refused"] * 2


def test_sign_in_form_needs_its_own_token(hub_client: Any, officers: Any) -> None:
    response = hub_client.post("/sign-in", data={"username": "xa.a",
                                                 "password": "mat-khau-dai-du-10"})
    assert response.status_code == 403


def test_security_headers_and_cookie_flags(hub_app: Any, officers: Any) -> None:
    from fastapi.testclient import TestClient

    from tests.hub_web.conftest import sign_in

    with TestClient(hub_app, base_url="https://hub.example.vn") as client:
        response = sign_in(client, "xa.a")
        cookie = response.headers["set-cookie"]
        assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=lax" in cookie
        page = client.get("/")
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


def test_health_sorts_silent_longest_and_turns_red_after_three_days(hub_app: Any,
                                                                     officers: Any,
                                                                     client_for: Any) -> None:
    from datetime import timedelta

    from hub.models import Device
    from hub.web.reports import HubReports

    hub = hub_app.state.hub
    now = hub.clock.now()

    def device(name: str, seen: Any, commune: str = COMMUNE_A, **status: Any) -> Device:
        return Device(device_id=name, verify_key="k", box_public="b", help_point_name=name,
                      commune_code=commune, help_point_id="", team_id="", app_version="0.1",
                      paired_at=now - timedelta(days=30), revoked_at=None, last_seen_at=seen,
                      last_seq=1, last_status=status)

    with hub.transaction() as s:
        s.add_all([device("hom-qua", now - timedelta(days=1), printer_ok=False,
                          outbox_waiting=12, content_version="20261201-000000-abcd1234"),
                   device("bon-ngay", now - timedelta(days=4)),
                   device("chua-bao-gio", None),
                   device("xa-khac", now - timedelta(days=9), commune=COMMUNE_B)])
    svc = accounts(hub_app)
    officer = svc.sign_in("xa.a", "mat-khau-dai-du-10").officer
    reports = HubReports(hub, svc)
    rows = reports.health(officer, reports.scope(officer, "commune", COMMUNE_A))
    assert [r.name for r in rows] == ["chua-bao-gio", "bon-ngay", "hom-qua"]
    assert [r.red for r in rows] == [True, True, False]
    assert rows[2].printer_ok is False and rows[2].outbox_waiting == 12
    assert rows[2].content_version == "20261201-000000-abcd1234"
    # A kiosk that synced with no pack runs the tutorials it was installed with: the page says
    # so in words (an empty cell read as "unknown"); one that never synced stays unknown.
    page = client_for("xa.a").get("/health").text
    synced_no_pack = page[page.index(">bon-ngay<"):page.index(">hom-qua<")]
    never = page[page.index(">chua-bao-gio<"):page.index(">bon-ngay<")]
    assert "Bản cài kèm phần mềm" in synced_no_pack
    assert "Bản cài kèm phần mềm" not in never


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)
def test_oversized_or_unmeasured_bodies_are_refused_before_reading(client_for: Any) -> None:
    client = client_for("xa.a")
    huge = client.post("/pairing/codes", content=b"csrf_token=" + b"x" * 70_000,
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert huge.status_code == 413

    def chunks() -> Any:
        yield b"csrf_token=x"

    unmeasured = client.post("/sign-in", content=chunks(),
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert unmeasured.status_code == 411


def test_a_date_that_cannot_be_read_names_day_month_year_first(client_for: Any) -> None:
    """The hint beside the date fields says day/month/year (01/03/2026); the error named the
    ISO form (2026-03-01) first, so an officer following the error wrote what the hint did
    not say. Now the error says what the hint says, in both languages, on the dashboard and
    on the export form (one parser: kiosk.reports.periods.parse_day)."""
    import html as html_lib
    import re

    officer = client_for("xa.a")

    def alert(r: Any) -> str:
        found = re.search(r'<p class="notice bad" role="alert">([^<]*)</p>', r.text)
        assert found, r.text[:300]
        return html_lib.unescape(found.group(1))

    bad = f"/commune/{COMMUNE_A}?period=custom&from=3/5/2026x&to=10/03/2026"
    said = alert(officer.get(bad))
    assert said == ("Không hiểu ngày “3/5/2026x”. Hãy viết theo dạng ngày/tháng/năm, ví dụ "
                    "01/03/2026 (hoặc 2026-03-01).")
    csrf = csrf_of(officer.get(f"/commune/{COMMUNE_A}").text)
    export = officer.post("/export", data={
        "csrf_token": csrf, "scope_kind": "commune", "scope_key": COMMUNE_A,
        "period": "custom", "from": "01/03/2026", "to": "31-3-2026x", "fmt": "csv"})
    assert export.status_code == 400
    assert alert(export) == ("Không hiểu ngày “31-3-2026x”. Hãy viết theo dạng ngày/tháng/năm, "
                             "ví dụ 01/03/2026 (hoặc 2026-03-01).")
    # Written day/month/year but not on the calendar: said so, not "write it day/month/year".
    no_such = f"/commune/{COMMUNE_A}?period=custom&from=31/02/2026&to=10/03/2026"
    assert alert(officer.get(no_such)).startswith("Ngày “31/02/2026” không có trên lịch.")
    officer.cookies.set("hk_lang", "en")
    assert alert(officer.get(bad)) == ("Cannot read the date “3/5/2026x”. Write it as "
                                       "day/month/year, e.g. 01/03/2026 (or 2026-03-01).")
    assert alert(officer.get(no_such)).startswith("The date “31/02/2026” is not on the "
                                                  "calendar.")


def test_the_language_link_on_a_forms_answer_leads_to_a_page(client_for: Any) -> None:
    """The page that answers a form (a new pairing code, a revoked device) has the form's
    address, which takes no GET: its "English" link went there and got the 404 page. The
    link now goes back to the page the form was on, which opens in the other language."""
    import html as html_lib
    import re

    officer = client_for("xa.a")
    csrf = csrf_of(officer.get("/pairing").text)
    answered = officer.post("/pairing/codes", data={"csrf_token": csrf, "same_team_as": ""})
    assert answered.status_code == 200
    link = re.search(r'<a href="(/lang/en\?next=[^"]*)"', answered.text)
    assert link, answered.text[:300]
    english = officer.get(html_lib.unescape(link.group(1)))
    assert english.status_code == 200, english.text[:300]
    assert str(english.url).endswith("/pairing")
    assert "Pair a kiosk" in english.text


def test_every_audited_action_has_words_in_both_languages() -> None:
    """The audit log showed bare codes (``sign_in``, ``access.denied``) as what happened; it
    now says it in words (the code beside them). An action audited anywhere in hub/ without
    words, or words without English, fails here."""
    import re
    from pathlib import Path

    from hub.web.i18n import EN
    from hub.web.routes import AUDIT_ACTIONS

    hub_dir = Path(__file__).resolve().parents[2] / "hub"
    audited = set()
    for source in hub_dir.rglob("*.py"):
        for line in source.read_text(encoding="utf-8").splitlines():
            if "audit(" in line:
                audited.update(re.findall(r'"([a-z_]+(?:\.[a-z_]+)?)"', line))
    audited -= {"cli"}  # the actor of a command-line account.add, not an action
    assert {"sign_in", "export", "access.denied", "pairing.revoke"} <= audited
    assert audited <= set(AUDIT_ACTIONS), sorted(audited - set(AUDIT_ACTIONS))
    assert all(words in EN for words in AUDIT_ACTIONS.values())


def test_a_period_without_waits_says_no_data_not_a_dash_of_minutes(client_for: Any,
                                                                   synced_demo: Any) -> None:
    """A commune with no queue data in the period said "9/10 người chờ không quá – phút" and
    "Trung vị – phút" beside "Chưa có số liệu": minutes of nothing. Without waits the tile
    shows only "–" and the chart only its "no data" line; with waits both are said."""
    officer = client_for("xa.a")
    empty = officer.get(f"/commune/{COMMUNE_A}").text
    assert 'id="kpi-wait">–<' in empty
    for text in ("không quá – phút", "Trung vị – phút", "không quá –"):
        assert text not in empty, text
    officer.cookies.set("hk_lang", "en")
    empty = officer.get(f"/commune/{COMMUNE_A}").text
    for text in ("at most – min", "Median – min"):
        assert text not in empty, text
    hp, _ = synced_demo(1)
    admin = client_for("quantri")
    full = admin.get(f"/help-point/{hp.help_point_id}?period=custom&from=01/01/2026"
                     f"&to=31/03/2026").text
    assert "9/10 người chờ không quá" in full and "Trung vị" in full


def _section(html: str, heading_id: str) -> str:
    """The HTML of the section whose heading has ``heading_id``, up to its end."""
    start = html.index(f'id="{heading_id}"')
    return html[start:html.index("</section>", start)]


def test_an_empty_periods_people_per_day_says_no_data_not_empty_axes(client_for: Any,
                                                                     synced_demo: Any) -> None:
    """A period with nobody helped drew the "people per day" chart as empty axes (a "1" at
    the top, a baseline, two dates) where every other chart says "no data"; it now says the
    same words as they do, in both languages, and draws columns only when there are people."""
    officer = client_for("xa.a")
    for lang, words in (("vi", "Không có dữ liệu trong kỳ này."),
                        ("en", "No data in this period.")):
        officer.cookies.set("hk_lang", lang)
        daily = _section(officer.get(f"/commune/{COMMUNE_A}").text, "daily-h")
        assert words in daily, lang
        assert "<svg" not in daily and "axis-top" not in daily, lang
    hp, _ = synced_demo(1)
    full = client_for("quantri").get(f"/help-point/{hp.help_point_id}?period=custom"
                                     "&from=01/01/2026&to=31/03/2026").text
    daily = _section(full, "daily-h")
    assert "<svg" in daily and "<rect" in daily
    assert "Không có dữ liệu trong kỳ này." not in daily


def _first_quarter(synced_demo: Any) -> tuple[Any, Any, Any]:
    """A demo kiosk synced to the hub: its help point, the kiosk's own figures for the first
    quarter of 2026 (what the hub's tables must agree with) and the shipped tutorials."""
    from kiosk.content.loader import load_catalogue
    from kiosk.paths import resource_path
    from kiosk.reports.figures import figures_from, tutorial_titles
    from kiosk.reports.periods import Period

    period = Period(date(2026, 1, 1), date(2026, 3, 31))

    def kiosk_figures(store: Any) -> Any:
        with store.read() as s:
            return figures_from(s, period, tutorial_titles())

    hp, kiosk = synced_demo(1, kiosk_figures)
    return hp, kiosk, load_catalogue([resource_path("tutorials")])


def test_the_practice_table_names_the_screen_most_often_wrong(client_for: Any,
                                                             synced_demo: Any) -> None:
    """The practice table said the screen most often wrong as a bare number ("1 (8 lần)"): an
    officer cannot know what screen 1 is. It says "Màn hình 1: <the screen's heading from the
    practice's content> (8 lần)", and "Screen 1: <English heading> (8 times)" in English."""
    hp, kiosk, content = _first_quarter(synced_demo)
    practice = next(p for p in kiosk.practices if p.most_wrong_screen is not None)
    tutorial = content.by_id(practice.tutorial_id)
    assert tutorial is not None and tutorial.practice is not None
    screen = tutorial.practice.screens[practice.most_wrong_screen - 1]
    admin = client_for("quantri")
    query = "?period=custom&from=01/01/2026&to=31/03/2026"
    for lang, said in (
            ("vi", f"Màn hình {practice.most_wrong_screen}: {screen.heading.get('vi')} "
                   f"({practice.most_wrong_count} lần)"),
            ("en", f"Screen {practice.most_wrong_screen}: {screen.heading.get('en')} "
                   f"({practice.most_wrong_count} times)")):
        admin.cookies.set("hk_lang", lang)
        table = _section(admin.get(f"/help-point/{hp.help_point_id}{query}").text,
                         "practice-h")
        assert escape(said) in table, (lang, said)
        # Words, not a number: not right-aligned on one unbreakable line (class "num").
        label = "Màn hay bấm sai nhất" if lang == "vi" else "Screen most often wrong"
        assert f'<td class="words" data-label="{label}">{escape(said)}</td>' in table


def test_the_header_names_a_commune_officers_commune_not_only_its_code(client_for: Any) -> None:
    """The header said "Cán bộ xã/phường 20194": a code an officer does not read as a place.
    It names the commune as the page headings do (commune_label), in both languages."""
    from hub.web.reports import commune_label

    officer = client_for("xa.a")
    for lang, role in (("vi", "Cán bộ xã/phường"), ("en", "Commune officer")):
        officer.cookies.set("hk_lang", lang)
        html = officer.get("/health").text
        who = html[html.index('class="who"'):html.index("</form>", html.index('class="who"'))]
        assert f"{role} · {escape(commune_label(COMMUNE_A))}" in who, lang


def test_services_that_add_up_to_more_than_the_people_say_why(client_for: Any,
                                                             synced_demo: Any) -> None:
    """One person can be helped with several services, so the "by service" rows added up to
    more than the people helped (59 + 52 + 27 + 16 = 154 beside 138) with no word why; the
    chart now says so whenever that happens, and not when it does not."""
    note = {"vi": "Một người có thể được hỗ trợ nhiều dịch vụ",
            "en": "One person can be helped with several services"}
    hp, _ = synced_demo(1)
    admin = client_for("quantri")
    query = "?period=custom&from=01/01/2026&to=31/03/2026"
    for lang in ("vi", "en"):
        admin.cookies.set("hk_lang", lang)
        html = admin.get(f"/help-point/{hp.help_point_id}{query}").text
        people = int(re.search(r'id="kpi-people">([\d.,]+)<', html)[1].replace(".", "")
                     .replace(",", ""))
        services = html[html.index("Theo dịch vụ" if lang == "vi" else "By service"):]
        services = services[:services.index("</figure>")]
        counts = [int(n.replace(".", "").replace(",", ""))
                  for n in re.findall(r'<td class="num">([\d.,]+)</td>', services)]
        assert sum(counts) > people, "the demo has people with two services"
        assert note[lang] in services, lang
        empty = admin.get(f"/commune/{COMMUNE_A}").text
        assert note[lang] not in empty


def test_the_tutorial_table_names_the_step_most_runs_stop_at(client_for: Any,
                                                            synced_demo: Any) -> None:
    """"Hay dừng ở bước" showed a bare number ("8"): which step of a 12-step tutorial is 8 is
    not something an officer knows. It says "Hay dừng ở | bước 8: <that step's title>" ("Most
    stop at | step 8: …"), the title from the hub's tutorial content, as words (not a
    right-aligned number)."""
    hp, kiosk, content = _first_quarter(synced_demo)
    tutorial = next(tu for tu in kiosk.tutorials if tu.stop_step is not None)
    shipped = content.by_id(tutorial.tutorial_id)
    assert shipped is not None
    step = shipped.steps[tutorial.stop_step - 1]
    admin = client_for("quantri")
    query = "?period=custom&from=01/01/2026&to=31/03/2026"
    for lang, label, said in (
            ("vi", "Hay dừng ở", f"bước {tutorial.stop_step}: {step.title.get('vi')}"),
            ("en", "Most stop at", f"step {tutorial.stop_step}: {step.title.get('en')}")):
        admin.cookies.set("hk_lang", lang)
        table = _section(admin.get(f"/help-point/{hp.help_point_id}{query}").text, "tut-h")
        assert f'<td class="words" data-label="{label}">{escape(said)}</td>' in table, said
