"""The officers' pages in a real browser: Debian's chromium driven by Playwright.

One hub (SQLite, the demo: two help points synced through the real batch path, one paired
kiosk that never synced) served by uvicorn in a thread on a free loopback port, and one
browser, for the whole module; each test opens its own browser context (its own cookies).

Screenshots at phone (390×844) and desktop (1366×768) width go to a temp folder, or to
``docs/screenshots/`` with ``HUB_WEB_SCREENSHOTS=docs/screenshots``.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import threading
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.clock import FakeClock

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
NOW = datetime(2026, 3, 20, 3, 0, 0)  # 10:00 in Đà Nẵng

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium "
                                "(scripts/setup.sh installs it)")


class Hub:
    def __init__(self, url: str, app: Any, clock: FakeClock, shots: Path) -> None:
        self.url = url
        self.app = app
        self.clock = clock
        self.shots = shots
        self.passwords: dict[str, str] = {}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    import uvicorn

    from hub.app import create_app
    from hub.settings import HubSettings
    from hub.web.demo import seed_demo

    base = tmp_path_factory.mktemp("hub-browser")
    clock = FakeClock(NOW)
    app = create_app(HubSettings(data_dir=base / "data", demo=True), clock=clock)
    made = seed_demo(app.state.hub)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    started = threading.Event()
    while not server.started:
        started.wait(0.02)
    shots = Path(os.environ.get("HUB_WEB_SCREENSHOTS") or base / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    h = Hub(f"http://127.0.0.1:{port}", app, clock, shots)
    h.passwords = {a.username: a.password for a in made}
    try:
        yield h
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.hub.engine.dispose()


@pytest.fixture(scope="module")
def browser(hub: Hub) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any, hub: Hub) -> Iterator[Any]:
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True, locale="vi-VN")
    context.set_default_timeout(15000)
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()


def sign_in(page: Any, hub: Hub, username: str, password: str | None = None) -> None:
    page.goto(hub.url + "/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password or hub.passwords[username])
    page.get_by_role("button", name="Đăng nhập").click()


def shoot(page: Any, hub: Hub, name: str, size: dict[str, int]) -> Path:
    page.set_viewport_size(size)
    path = hub.shots / f"hub-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_commune_officer_sees_two_help_points_with_charts_and_health(page: Any,
                                                                     hub: Hub) -> None:
    page.goto(hub.url + "/")
    assert page.url.startswith(hub.url + "/sign-in")
    shoot(page, hub, "sign-in-phone", PHONE)
    sign_in(page, hub, "xa.demo")
    page.wait_for_url(re.compile(r"/commune/20242"))
    people = int(page.locator("#kpi-people").inner_text())
    assert people > 0
    places = page.locator(".places li")
    assert places.count() == 3  # two demo help points and the one that never synced
    assert "Hải Châu" in places.first.inner_text()
    assert page.locator(".columns-chart svg rect").count() == 31  # March, day by day
    assert page.get_by_role("heading", name="Theo dịch vụ").is_visible()
    silent = page.locator("table.health tr.red")
    assert "Chưa đồng bộ lần nào" in silent.first.inner_text()
    assert "Có dữ liệu mẫu" in page.content()
    shoot(page, hub, "commune-desktop", DESKTOP)
    shoot(page, hub, "commune-phone", PHONE)
    # One help point: its figures are the kiosk's (see test_figures_agree); its page works.
    page.set_viewport_size(DESKTOP)
    places.first.locator("a").click()
    page.wait_for_url(re.compile(r"/help-point/"))
    assert 0 < int(page.locator("#kpi-people").inner_text()) < people
    shoot(page, hub, "help-point-desktop", DESKTOP)


def test_health_page_lists_the_silent_help_point_first(page: Any, hub: Hub) -> None:
    sign_in(page, hub, "xa.demo")
    page.goto(hub.url + "/health")
    first = page.locator("table.health tbody tr").first
    assert "chưa đồng bộ" in first.inner_text().lower()
    shoot(page, hub, "health-phone", PHONE)


def test_english_switch_keeps_the_page(page: Any, hub: Hub) -> None:
    sign_in(page, hub, "xa.demo")
    page.get_by_role("link", name="English").click()
    assert page.get_by_role("heading", name="By service").is_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    shoot(page, hub, "commune-en-phone", PHONE)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name="Tiếng Việt").click()
    assert page.get_by_role("heading", name="Theo dịch vụ").is_visible()


def test_commune_xlsx_export_downloads_the_communes_records(page: Any, hub: Hub,
                                                          tmp_path: Path) -> None:
    from openpyxl import load_workbook

    sign_in(page, hub, "xa.demo")
    page.wait_for_url(re.compile(r"/commune/20242"))
    people = int(page.locator("#kpi-people").inner_text())
    page.get_by_label("Định dạng").select_option("xlsx")
    with page.expect_download() as info:
        page.get_by_role("button", name="Tải tệp về").click()
    download = info.value
    assert download.suggested_filename.startswith("xa-20242-bao-cao-2026-03")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    wb = load_workbook(target, read_only=True)
    assert len(wb.sheetnames) == 3
    records = wb[wb.sheetnames[1]] if "Bản ghi" not in wb.sheetnames else wb["Bản ghi"]
    data_rows = sum(1 for row in records.iter_rows(values_only=True)
                    if row and isinstance(row[0], str) and len(row[0]) == 36)
    assert data_rows == people
    audit = hub.app.state.hub  # the export is audited
    from hub.web.routes import accounts_of

    assert any(r.detail.get("fmt") == "xlsx" for r in accounts_of(audit).audit_rows("export"))


def test_export_over_a_period_with_no_data(page: Any, hub: Hub, tmp_path: Path) -> None:
    sign_in(page, hub, "xa.demo")
    page.goto(hub.url + "/commune/20242?period=custom&from=2025-01-01&to=2025-01-31")
    assert page.locator("#kpi-people").inner_text() == "0"
    assert "Không có dữ liệu trong kỳ này." in page.content()
    page.get_by_label("Định dạng").select_option("csv")
    with page.expect_download() as info:
        page.get_by_role("button", name="Tải tệp về").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel shows the Vietnamese
    assert len(raw.decode("utf-8-sig").strip().splitlines()) == 1  # the header only


def test_commune_officer_is_refused_another_commune(page: Any, hub: Hub) -> None:
    sign_in(page, hub, "xa.demo")
    page.wait_for_url(re.compile(r"/commune/20242"))
    response = page.goto(hub.url + "/commune/20209")
    assert response.status == 403
    assert "chỉ xem được các điểm hỗ trợ của xã/phường mình" in page.content()
    shoot(page, hub, "forbidden-phone", PHONE)
    from hub.web.routes import accounts_of

    denied = accounts_of(hub.app.state.hub).audit_rows("access.denied")
    assert any(r.actor == "xa.demo" and r.detail.get("commune") == "20209" for r in denied)


def test_error_pages_say_what_happened_and_keep_the_menu(page: Any, hub: Hub) -> None:
    """404, and 400 for a bad address, in both languages: the menu stays, the way home works,
    and nothing tells the officer to "save" an address."""
    response = page.goto(hub.url + "/khong-co-trang-nay")
    assert response.status == 404
    assert page.get_by_role("heading", name="Không tìm thấy trang").is_visible()
    assert page.get_by_role("link", name="Đến trang đăng nhập").is_visible()
    sign_in(page, hub, "xa.demo")
    page.wait_for_url(re.compile(r"/commune/20242"))
    menu = page.get_by_role("navigation", name="Menu chính")
    current = menu.locator('[aria-current="page"]')
    assert current.all_inner_texts() == ["Tổng quan"]
    response = page.goto(hub.url + "/commune/20242/khong-co")
    assert response.status == 404
    assert menu.get_by_role("link", name="Tình trạng").is_visible()
    # No page here, so no menu item is the current one (it said "Tổng quan" before).
    assert current.count() == 0
    shoot(page, hub, "error-404-desktop", DESKTOP)
    response = page.goto(hub.url + "/help-point/abc%00def")
    assert response.status == 400
    assert page.get_by_role("heading", name="Địa chỉ không hợp lệ").is_visible()
    text = page.locator("main").inner_text()
    assert "ký tự điều khiển" in text and "rồi lưu" not in text
    assert menu.is_visible()
    shoot(page, hub, "error-400-phone", PHONE)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name="English").click()  # back to a good page, in English
    page.wait_for_url(re.compile(r"/commune/20242"))
    assert page.get_by_role("heading", name="By service").is_visible()
    page.goto(hub.url + "/city?period=month%00")
    assert page.get_by_role("heading", name="Address not valid").is_visible()
    assert "(field “period”)" in page.locator("main").inner_text()
    assert page.get_by_role("navigation", name="Main menu").is_visible()
    shoot(page, hub, "error-400-en-desktop", DESKTOP)
    page.get_by_role("link", name="Back to the overview").click()
    page.wait_for_url(re.compile(r"/commune/20242"))
    page.get_by_role("link", name="Tiếng Việt").click()


@pytest.mark.parametrize("locale", ["en-US", "vi-VN"])
def test_dates_are_day_month_year_whatever_the_browsers_locale(browser: Any, hub: Hub,
                                                               locale: str) -> None:
    """A date input follows the browser's locale: an officer on an English browser saw
    mm/dd/yyyy on a Vietnamese page and 05/03 could mean May. The fields now show and take
    day/month/year, with the format written beside them, in both page languages."""
    context = browser.new_context(viewport=DESKTOP, locale=locale)
    context.set_default_timeout(15000)
    page = context.new_page()
    try:
        sign_in(page, hub, "xa.demo")
        page.wait_for_url(re.compile(r"/commune/20242"))
        assert page.get_by_label("Từ ngày").input_value() == "01/03/2026"
        assert page.get_by_label("Đến ngày").input_value() == "31/03/2026"
        assert "ngày/tháng/năm, ví dụ 01/03/2026" in page.locator(".period-picker").inner_text()
        page.locator("select#period").select_option("custom")
        page.get_by_label("Từ ngày").fill("05/03/2026")
        page.get_by_label("Đến ngày").fill("10/03/2026")
        page.get_by_role("button", name="Xem").click()
        page.wait_for_url(re.compile(r"period=custom"))
        assert "05/03/2026 – 10/03/2026" in page.locator("h1").inner_text()  # 5 March
        assert page.get_by_label("Từ ngày").input_value() == "05/03/2026"
        shoot(page, hub, f"dates-{locale}-desktop", DESKTOP)
        shoot(page, hub, f"dates-{locale}-phone", PHONE)
        page.set_viewport_size(DESKTOP)
        page.get_by_role("link", name="English").click()
        assert "05/03/2026 – 10/03/2026" in page.locator("h1").inner_text()
        assert "day/month/year" in page.locator(".period-picker").inner_text()
        page.get_by_label("From").fill("3/5/2026x")
        page.get_by_role("button", name="Show").click()
        # The error says what the hint says: day/month/year first (ISO came first before).
        assert page.get_by_role("alert").inner_text() == (
            "Cannot read the date “3/5/2026x”. Write it as day/month/year, e.g. 01/03/2026 "
            "(or 2026-03-01).")
        # What was typed stays, the wrong field marked, so only that date is typed again.
        assert page.get_by_label("From").input_value() == "3/5/2026x"
        assert page.get_by_label("From").get_attribute("aria-invalid") == "true"
        assert page.locator("#to").input_value() == "10/03/2026"
        assert page.locator("#to").get_attribute("aria-invalid") is None
        assert page.locator("select#period").input_value() == "custom"
        shoot(page, hub, f"dates-{locale}-en-desktop", DESKTOP)
        page.get_by_role("link", name="Tiếng Việt").click()
    finally:
        context.close()


def test_a_form_without_its_csrf_token_is_refused(page: Any, hub: Hub) -> None:
    sign_in(page, hub, "xa.demo")
    page.goto(hub.url + "/pairing")
    page.locator("form[action='/pairing/codes'] input[name=csrf_token]").evaluate(
        "el => el.remove()")
    page.get_by_role("button", name="Tạo mã ghép nối").click()
    assert "Biểu mẫu đã cũ hoặc không hợp lệ" in page.content()


def test_pairing_page_makes_a_code_and_revokes_a_device(page: Any, hub: Hub) -> None:
    sign_in(page, hub, "xa.demo")
    page.goto(hub.url + "/pairing")
    page.get_by_role("button", name="Tạo mã ghép nối").click()
    code = page.locator("#new-code").inner_text()
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}", code)
    shoot(page, hub, "pairing-phone", PHONE)
    page.set_viewport_size(DESKTOP)
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name=re.compile("Thu hồi: .*chưa đồng bộ")).click()
    assert "Đã thu hồi thiết bị." in page.content()


def test_a_code_for_a_teams_second_computer_names_the_team(page: Any, hub: Hub) -> None:
    sign_in(page, hub, "xa.demo")
    page.goto(hub.url + "/pairing")
    choice = page.get_by_label("Máy mới thuộc tổ")
    options = choice.locator("option").all_inner_texts()
    assert options[0] == "Tổ riêng (một điểm hỗ trợ mới)"
    assert not any("chưa đồng bộ" in o for o in options)  # its team is not known yet
    same = next(o for o in options if o.startswith("Cùng tổ với"))
    choice.select_option(label=same)
    page.get_by_role("button", name="Tạo mã ghép nối").click()
    shown = page.locator(".code-card").inner_text()
    assert "Máy dùng mã này vào cùng tổ với" in shown
    assert same.removeprefix("Cùng tổ với ").rsplit(" (", 1)[0] in shown
    shoot(page, hub, "pairing-same-team-phone", PHONE)


def test_admin_publishes_a_pack_that_a_paired_kiosk_gets(page: Any, hub: Hub,
                                                         tmp_path: Path) -> None:
    from hub.packs import pack_for
    from kiosk.paths import resource_path

    src = tmp_path / "pack"
    shutil.copytree(resource_path("tutorials", "dvc-login"), src / "dvc-login")
    shutil.copy(resource_path("tutorials", "categories.toml"), src / "categories.toml")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for p in sorted(src.rglob("*")):
            if p.is_file():
                zf.write(p, p.relative_to(src).as_posix())
    (tmp_path / "pack.zip").write_bytes(buf.getvalue())
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("../evil/tutorial.toml", "id = 'x'")

    sign_in(page, hub, "quantri.demo")
    page.goto(hub.url + "/packs")
    page.get_by_label("Tệp zip chứa các bài").set_input_files(str(broken))
    page.get_by_role("button", name="Kiểm tra, ký và phát hành").click()
    assert "Tên tệp không an toàn" in page.locator("#pack-error").inner_text()
    page.get_by_label("Tệp zip chứa các bài").set_input_files(str(tmp_path / "pack.zip"))
    page.get_by_role("button", name="Kiểm tra, ký và phát hành").click()
    version = page.locator("#pack-published strong").inner_text()
    shoot(page, hub, "packs-desktop", DESKTOP)
    hubctx = hub.app.state.hub
    with hubctx.sessions() as s:
        got = pack_for(s, hubctx.settings.data_dir, "20242", None)
    assert got is not None and got.version == version
    import base64

    from nacl.signing import VerifyKey
    VerifyKey(base64.b64decode(hubctx.keys().verify_key_b64())).verify(
        got.data, base64.b64decode(got.signature_b64))


def test_a_kiosk_paired_on_the_page_installs_the_published_pack(page: Any, hub: Hub,
                                                               tmp_path: Path) -> None:
    """The kiosk side is the kiosk's own code (kiosk.sync.client, kiosk.content.packs)
    talking HTTP to the running hub: pair with the code the officer made on the page, fetch
    the pack the admin published, check the hub's signature, validate, switch."""
    import uuid

    from kiosk.content.packs import PackRefused, current_pack, install_pack
    from kiosk.sync.client import HubClient
    from kiosk.sync.keys import DeviceKeys

    sign_in(page, hub, "xa.demo")
    page.goto(hub.url + "/pairing")
    page.get_by_role("button", name="Tạo mã ghép nối").click()
    code = page.locator("#new-code").inner_text()
    kiosk_dir = tmp_path / "kiosk"
    kiosk_dir.mkdir()
    device_id = str(uuid.uuid4())
    keys = DeviceKeys.load_or_create(kiosk_dir, device_id)
    with HubClient(hub.url) as client:
        paired = client.pair(code=code, device_id=device_id, verify_key=keys.verify_key_b64(),
                             box_public=keys.box_public_b64(), help_point_name="Kiosk thử",
                             commune_code="20242", app_version="0.1.0")
        pack = client.latest_pack(device_id=device_id, have="", sign=keys.sign,
                                  now=hub.clock.now())
        assert pack is not None
        with pytest.raises(PackRefused):  # one flipped byte: refused, nothing switched
            install_pack(kiosk_dir, pack.data[:-1] + bytes([pack.data[-1] ^ 1]),
                         pack.version, pack.signature, paired.hub_verify_key)
        assert current_pack(kiosk_dir) is None
        install_pack(kiosk_dir, pack.data, pack.version, pack.signature,
                     paired.hub_verify_key)
        assert current_pack(kiosk_dir)[0] == pack.version
        assert client.latest_pack(device_id=device_id, have=pack.version, sign=keys.sign,
                                  now=hub.clock.now()) is None


def test_wrong_passwords_lock_the_name(page: Any, hub: Hub) -> None:
    for _ in range(5):
        sign_in(page, hub, "xa2.demo", "sai-mat-khau-roi")
        assert "không đúng" in page.locator("#sign-in-error").inner_text()
    sign_in(page, hub, "xa2.demo")
    assert "tạm khoá" in page.locator("#sign-in-error").inner_text()
    shoot(page, hub, "locked-phone", PHONE)


def test_the_audit_logs_cells_line_up_in_their_rows(page: Any, hub: Hub) -> None:
    """The audit log's "Chi tiết" cells were drawn as blocks beside the table (the small-text
    class set display: block on them), their lines out of step with the rows'. Every cell
    of a row now spans the row, in both languages, at both desktop sizes; what happened is
    said in words (it was the bare code)."""
    sign_in(page, hub, "quantri.demo")
    page.wait_for_url(re.compile(r"/city"))
    for lang, size in (("Tiếng Việt", DESKTOP), ("English", {"width": 1920, "height": 1080})):
        page.goto(hub.url + "/audit")
        page.get_by_role("link", name=lang).click()
        page.wait_for_url(re.compile(r"/audit"))
        page.set_viewport_size(size)
        rows = page.locator("table.data tbody tr")
        assert rows.count() > 0
        # What happened, in words of the page's language, with the code beside them.
        said = rows.first.locator("td").nth(2).inner_text()
        assert said.startswith("Đăng nhập" if lang == "Tiếng Việt" else "Sign in"), said
        assert "sign_in" in said
        for i in range(min(rows.count(), 5)):
            row = rows.nth(i).bounding_box()
            cells = rows.nth(i).locator("td")
            assert cells.count() == 5
            for j in range(5):
                assert cells.nth(j).evaluate("c => getComputedStyle(c).display") == "table-cell"
                box = cells.nth(j).bounding_box()
                assert abs(box["y"] - row["y"]) < 1 and abs(box["height"] - row["height"]) < 1
        shoot(page, hub, f"audit-{'en' if lang == 'English' else 'vi'}-desktop", size)
    page.get_by_role("link", name="Tiếng Việt").click()


def test_city_officer_sees_communes(page: Any, hub: Hub) -> None:
    sign_in(page, hub, "thanhpho.demo")
    page.wait_for_url(re.compile(r"/city"))
    assert page.locator(".places li").count() >= 1
    shoot(page, hub, "city-desktop", DESKTOP)


def test_an_idle_session_ends(page: Any, hub: Hub) -> None:
    sign_in(page, hub, "thanhpho.demo")
    page.wait_for_url(re.compile(r"/city"))
    hub.clock.advance(minutes=31)
    page.reload()
    assert "/sign-in" in page.url
    assert page.get_by_role("heading", name="Đăng nhập").is_visible()


CONTRAST_JS = """
() => {
  function rgb(s) { const m = s.match(/[\\d.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; }
  function lum(c) {
    const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92
                                        : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function background(el) {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0.5) { return c; }
    }
    return [255, 255, 255];
  }
  const worst = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (!own || box.width === 0 || box.height === 0) { continue; }
    const fg = lum(rgb(getComputedStyle(el).color)), bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) { worst.push([el.tagName, el.textContent.trim().slice(0, 40), ratio]); }
  }
  return worst;
}
"""


def test_text_contrast_and_keyboard(page: Any, hub: Hub) -> None:
    """Every visible text has contrast ≥ 4.5:1 on the pages officers use, the sign-in form
    works from the keyboard alone, the skip link comes first, and targets are ≥ 44 px high
    at phone width."""
    page.goto(hub.url + "/sign-in")
    assert page.evaluate("document.activeElement.id") == "username"  # autofocus
    page.keyboard.type("xa.demo")
    page.keyboard.press("Tab")
    page.keyboard.type(hub.passwords["xa.demo"])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/commune/"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    for path in ("", "/health", "/pairing"):
        if path:
            page.goto(hub.url + path)
        assert page.evaluate(CONTRAST_JS) == [], path
    page.set_viewport_size(PHONE)
    for box in page.locator("main button, main select, main input, main summary, "
                            "header nav a").all():
        if box.is_visible():
            assert box.bounding_box()["height"] >= 44, box.inner_text()


def test_queue_waits_tutorial_stops_and_scam_checks_on_the_pages(page: Any, hub: Hub) -> None:
    """Issue #21 item 2: what the kiosks' daily counts carry shows on every dashboard."""
    sign_in(page, hub, "xa.demo")
    page.wait_for_url(re.compile(r"/commune/20242"))
    page.locator(".places li").first.locator("a").click()
    page.wait_for_url(re.compile(r"/help-point/"))
    assert re.fullmatch(r"\d+–\d+", page.locator("#kpi-wait").inner_text())
    assert page.get_by_role("heading", name="Hàng đợi").is_visible()
    assert int(page.locator("#priority-tickets").inner_text()) >= 0
    waits = page.get_by_role("heading", name="Thời gian chờ đến lúc được gọi (phút)")
    assert waits.is_visible()
    assert page.locator("#tutorials-table tbody tr").count() >= 1
    scams = page.locator("figure", has=page.get_by_role(
        "heading", name="Kiểm tra tin nhắn lạ theo loại"))
    assert scams.locator("tbody tr").count() >= 1
    shoot(page, hub, "help-point-counts-desktop", DESKTOP)
    shoot(page, hub, "help-point-counts-phone", PHONE)
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Scam checks by kind").is_visible()
    shoot(page, hub, "help-point-counts-en-phone", PHONE)


def test_an_empty_commune_says_no_data_under_people_per_day(page: Any, hub: Hub) -> None:
    """A commune with nothing in the period drew "people per day" as empty axes (a "1", a
    baseline, two dates) under charts that all say "no data"; it says the same words now,
    in both languages, at phone and desktop width (screenshot ``hub-empty-commune-phone``)."""
    sign_in(page, hub, "xa2.demo")  # phường Thanh Khê: nothing yet
    page.wait_for_url(re.compile(r"/commune/20209"))
    daily = page.locator("section", has=page.get_by_role("heading",
                                                         name="Người được hỗ trợ mỗi ngày"))
    assert daily.locator(".no-data").inner_text() == "Không có dữ liệu trong kỳ này."
    assert daily.locator("svg").count() == 0 and daily.locator(".axis-top").count() == 0
    assert page.locator("#kpi-people").inner_text() == "0"
    shoot(page, hub, "empty-commune-phone", PHONE)
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    daily = page.locator("section", has=page.get_by_role("heading",
                                                         name="People helped per day"))
    assert daily.locator(".no-data").inner_text() == "No data in this period."
    assert daily.locator("svg").count() == 0
    shoot(page, hub, "empty-commune-en-desktop", DESKTOP)


#: Elements wider than their box (a table the page scrolls sideways), with their widths.
OVERFLOW_JS = """() => [...document.querySelectorAll('body, main, .table-wrap, table')]
  .filter(e => e.scrollWidth > e.clientWidth + 1)
  .map(e => (e.id || e.className || e.tagName) + ' ' + e.scrollWidth + '>' + e.clientWidth)"""


def test_tutorials_table_fits_a_phone_without_losing_a_number(page: Any, hub: Hub) -> None:
    """At 390 px the six-column tutorials table made the page scroll sideways (608 px wide in
    English). On a phone each tutorial is now its title and its five numbers, each labelled."""
    sign_in(page, hub, "xa.demo")
    page.wait_for_url(re.compile(r"/commune/20242"))
    page.locator(".places li").first.locator("a").click()
    page.wait_for_url(re.compile(r"/help-point/"))
    for lang in ("Tiếng Việt", "English"):
        if lang == "English":
            page.get_by_role("link", name="English").click()
            page.wait_for_load_state()
        page.set_viewport_size(PHONE)
        assert page.evaluate(OVERFLOW_JS) == [], lang
        first = page.locator("#tutorials-table tbody tr").first
        # Each number shows with its column's name before it (CSS ::before on a phone).
        shown = first.locator("td").evaluate_all(
            "tds => tds.map(td => [getComputedStyle(td, '::before').content, td.innerText,"
            " td.getBoundingClientRect().width > 0])")
        labels = (("Mở", "Xong", "Tỉ lệ xong", "Chưa xong", "Hay dừng ở")
                  if lang != "English" else
                  ("Opened", "Finished", "Finished (%)", "Not finished", "Most stop at"))
        assert [label in before for (before, _n, _v), label in zip(shown, labels, strict=True)
                ] == [True] * 5, shown
        assert all(visible and re.fullmatch(r"\d+%?|–", n.strip())
                   for _b, n, visible in shown[:4]), shown
        # The step most runs stop at is named: "bước 8: <its title>" (or "–").
        assert shown[4][2] and re.match(r"(bước|step) \d+: \S|–", shown[4][1].strip()), shown
        box = first.bounding_box()
        assert box is not None and box["width"] <= PHONE["width"]
        shoot(page, hub, "tutorials-phone" + ("-en" if lang == "English" else ""), PHONE)
        page.set_viewport_size(DESKTOP)  # a table again, one row per tutorial
        cells = page.locator("#tutorials-table tbody tr").first.locator("td")
        tops = {round(c.bounding_box()["y"]) for c in cells.all()}
        assert len(tops) == 1, tops

def test_every_template_string_has_english() -> None:
    from hub.web.i18n import EN

    templates = Path(__file__).resolve().parents[2] / "hub" / "web" / "templates"
    missing = set()
    for html in templates.glob("*.html"):
        for text in re.findall(r"""t\((["'])(.+?)\1\)""", html.read_text(encoding="utf-8")):
            if text[1] not in EN:
                missing.add(text[1])
    assert not missing, sorted(missing)
