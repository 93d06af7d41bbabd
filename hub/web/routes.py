"""The officers' web pages: sign-in, dashboards, health, exports, pairing, content packs.

Thin handlers: every rule (who may see what, CSRF, throttling, validation) lives in
:mod:`hub.accounts`, :mod:`hub.web.reports`, :mod:`hub.packs` and :mod:`hub.pairing`; a
handler reads the form, calls a service, renders a template. Refusals become pages through
:class:`WebRoute` (403 for another commune, 303 to sign-in for no session, 403 for a bad
form token), so no handler can forget one.

Cookies: ``hk_session`` (the session token; HttpOnly, SameSite=Lax, Secure unless the page
was asked for on a loopback address over plain HTTP, the demo), ``hk_pre`` (a random token
for the sign-in form's CSRF check before any session exists), ``hk_lang``.
"""

from __future__ import annotations

import base64
import binascii
import logging
import secrets
import tempfile
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from hub import packs
from hub.accounts import AccessDenied, AccountService, SessionInfo, SignInRefused
from hub.context import HubContext, get_hub
from hub.errors import HubRefused
from hub.web import charts
from hub.web.i18n import pick_lang, tr
from hub.web.reports import HubReports, NotFound, commune_label
from kiosk.clock import LOCAL_TZ
from kiosk.errors import KioskError
from kiosk.numbers import fmt_dec, fmt_int
from kiosk.plain_text import has_control
from kiosk.reports.periods import PeriodError, PeriodKind, for_kind, parse_day

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "hk_session"
PRE_COOKIE = "hk_pre"
LANG_COOKIE = "hk_lang"
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "script-src 'self'; frame-ancestors 'none'; form-action 'self'; "
                               "base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}

templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals["chart"] = charts
templates.env.globals["commune_label"] = commune_label


class NeedsSignIn(Exception):
    """No live session: go to the sign-in page (and come back afterwards)."""


class BadForm(Exception):
    """A form without the right CSRF token."""


def _lang(request: Request) -> str:
    return pick_lang(request.cookies.get(LANG_COOKIE))


#: The menu's items (their addresses) and the addresses of the pages each one stands for
#: (ending in "/": everything under it). The one rule for which item a page marks as current.
MENU_PAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("/", ("/", "/city", "/commune/", "/help-point/")),
    ("/health", ("/health",)),
    ("/pairing", ("/pairing", "/pairing/")),
    ("/packs", ("/packs",)),
    ("/audit", ("/audit",)),
)


def menu_current(path: str) -> str:
    """The address of the menu item a page at ``path`` belongs to ("" for none)."""
    for item, pages in MENU_PAGES:
        if any(path == p or (p.endswith("/") and len(p) > 1 and path.startswith(p))
               for p in pages):
            return item
    return ""


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = _lang(request)
    info: SessionInfo | None = getattr(request.state, "session_info", None)
    context.setdefault("officer", info.officer if info else None)
    context.setdefault("csrf", info.csrf_token if info else "")
    context.setdefault("current", menu_current(request.url.path))
    if request.method != "GET" and "path" not in context:
        # A page answering a form has the form's address, which takes no GET: the language
        # links go back to the page of its menu item instead (they led to the 404 page).
        context.update(path=menu_current(request.url.path) or "/", query="")
    response = templates.TemplateResponse(
        request, name, {"lang": lang, "t": lambda s: tr(s, lang), "path": request.url.path,
                        "query": str(request.url.query), **context}, status_code=status)
    return response


#: What to do after each kind of error page (Vietnamese; English in hub.web.i18n).
ADVICE = {
    400: "Hãy quay lại trang trước hoặc chọn trang từ menu, rồi thử lại.",
    403: "Hãy chọn trang của mình từ menu. Nếu cần quyền xem trang này, hãy nhờ quản trị hub.",
    404: "Địa chỉ có thể gõ sai hoặc đã cũ. Hãy chọn trang từ menu hoặc về trang tổng quan.",
    405: "Địa chỉ có thể gõ sai hoặc đã cũ. Hãy chọn trang từ menu hoặc về trang tổng quan.",
    500: "Hãy thử lại sau ít phút. Nếu vẫn lỗi, hãy báo quản trị hub (lỗi đã được ghi lại).",
}


def _error_page(request: Request, status: int, title: str, message: str,
                advice: str | None = None, *, back: str | None = None) -> HTMLResponse:
    """The one error page: what happened, what to do, the menu and a way home.

    The menu needs the officer: a refusal before the handler ran (a control character in the
    address) or a page that does not exist has not looked the session up yet, so it is
    looked up here, quietly (a broken database must not turn a 500 page into another)."""
    if getattr(request.state, "session_info", None) is None:
        try:
            info = accounts_of(_hub(request)).session_for(request.cookies.get(SESSION_COOKIE))
        except Exception:
            log.debug("no session for the error page", exc_info=True)
            info = None
        request.state.session_info = info
    lang = _lang(request)
    where = {"path": back, "query": ""} if back is not None else {}
    # An error page is no menu item's page, even under a section's address (a 404 under
    # /commune/… marked "Tổng quan" as current): the menu marks none.
    return _page(request, "error.html", status=status, title=title, message=message,
                 current="",
                 advice=tr(advice if advice is not None else ADVICE.get(status, ADVICE[400]),
                           lang), **where)


def not_found_page(request: Request, status: int = 404) -> HTMLResponse:
    """404 for an address no page has (405: a page that takes no such request), mounted by
    hub.app for every non-API path."""
    lang = _lang(request)
    response = _error_page(request, status, tr("Không tìm thấy trang", lang),
                           tr("Không có trang nào ở địa chỉ này.", lang))
    response.headers.update(SECURITY_HEADERS)
    return response


def server_error_page(request: Request) -> HTMLResponse:
    """500 for a page that failed (the exception is logged by hub.app, never shown)."""
    lang = _lang(request)
    response = _error_page(request, 500, tr("Hub gặp lỗi", lang),
                           tr("Hub gặp lỗi khi mở trang này. Dữ liệu đã lưu không bị ảnh "
                              "hưởng.", lang))
    response.headers.update(SECURITY_HEADERS)
    return response


class WebRoute(APIRoute):
    """Turns the services' refusals into pages and adds the security headers."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def run(request: Request) -> Response:
            lang = _lang(request)
            too_big = _body_refusal(request)
            if too_big is not None:
                return too_big
            response: Response
            try:
                bad = await _control_field(request)
                if bad is not None:
                    response = _control_page(request, *bad)
                else:
                    response = await handler(request)
            except NeedsSignIn:
                target = request.url.path + (f"?{request.url.query}" if request.url.query
                                             else "")
                response = RedirectResponse(f"/sign-in?next={quote(target, safe='')}",
                                            status_code=303)
            except AccessDenied as exc:
                response = _error_page(request, 403, tr("Không được phép", lang),
                                       exc.message(lang))
            except BadForm:
                response = _error_page(request, 403, tr("Không được phép", lang), tr(
                    "Biểu mẫu đã cũ hoặc không hợp lệ. Hãy tải lại trang rồi thử lại.",
                    lang), "Hãy tải lại trang (phím F5) rồi gửi lại biểu mẫu.")
            except NotFound:
                response = _error_page(request, 404, tr("Không tìm thấy trang", lang),
                                       tr("Không có trang nào ở địa chỉ này.", lang))
            for key, value in SECURITY_HEADERS.items():
                response.headers.setdefault(key, value)
            return response

        return run


router = APIRouter(route_class=WebRoute)

#: The largest body a page accepts: a form is a few hundred bytes, a content pack's upload
#: at most :data:`hub.packs.MAX_PACK_BYTES` plus the form around it.
MAX_FORM_BYTES = 64 * 1024
MAX_UPLOAD_BYTES = packs.MAX_PACK_BYTES + 64 * 1024


def _body_refusal(request: Request) -> Response | None:
    """Refuse a POST body before reading it: no length given, or longer than the page takes."""
    if request.method != "POST" or request.url.path.startswith("/api/"):
        return None
    limit = MAX_UPLOAD_BYTES if request.url.path == "/packs" else MAX_FORM_BYTES
    length = request.headers.get("content-length", "")
    if not length.isdigit():
        return Response("Thiếu độ dài nội dung (Content-Length).", status_code=411,
                        media_type="text/plain; charset=utf-8")
    if int(length) > limit:
        return Response("Nội dung gửi lên quá lớn.", status_code=413,
                        media_type="text/plain; charset=utf-8")
    return None


async def _control_field(request: Request) -> tuple[str, str] | None:
    """Where the request holds a control character: ("address", "") for the path,
    ("address", name) for a query field, ("form", name) for a posted field; None when
    nowhere. One check for every page (kiosk.plain_text): a NUL reached PostgreSQL from the
    sign-in and pairing forms and failed there with a database error."""
    if has_control(request.url.path):
        return "address", ""
    fields: list[tuple[str, str, Any]] = [("address", k, v)
                                          for k, v in request.query_params.multi_items()]
    if request.method == "POST" and not request.url.path.startswith("/api/"):
        fields += [("form", k, v) for k, v in (await request.form()).multi_items()]
    for where, key, value in fields:
        if has_control(key) or (isinstance(value, str) and has_control(value)):
            return where, key[:40].encode("ascii", "replace").decode()
    return None


def _control_page(request: Request, where: str, name: str) -> HTMLResponse:
    """400 for a control character: in a form, the hub did not take the form, send it again
    without the character (not the kiosk forms' "rồi lưu": signing in or exporting saves
    nothing); in the address, the page cannot open, choose it from the menu."""
    lang = _lang(request)
    if where == "form":
        if lang == "en":
            message = (f"The field “{name}” has a control character (such as NUL or a line "
                       "break), so the hub did not accept this form.")
        else:
            message = (f"Mục “{name}” có ký tự điều khiển (ví dụ ký tự NUL hoặc dấu xuống "
                       "dòng), nên hub không nhận biểu mẫu này.")
        return _error_page(request, 400, tr("Hub không nhận biểu mẫu", lang), message,
                           "Hãy quay lại biểu mẫu, xóa ký tự đó hoặc gõ lại mục đó rồi gửi lại.")
    if lang == "en":
        what = "The page address" + (f" (field “{name}”)" if name else "")
        message = (f"{what} has a control character (such as NUL), so the hub cannot open "
                   "this page.")
    else:
        what = "Địa chỉ trang" + (f" (mục “{name}”)" if name else "")
        message = f"{what} có ký tự điều khiển (ví dụ ký tự NUL) nên hub không mở trang này."
    # The language links would carry the bad address along and be refused in turn.
    return _error_page(request, 400, tr("Địa chỉ không hợp lệ", lang), message,
                       "Hãy chọn trang từ menu hoặc về trang tổng quan; đừng dán địa chỉ có "
                       "ký tự lạ.", back="/")


# ---------------------------------------------------------------- services per app


def accounts_of(hub: HubContext) -> AccountService:
    svc = getattr(hub, "_web_accounts", None)
    if svc is None:
        svc = AccountService(hub.sessions, hub.clock)
        hub._web_accounts = svc  # type: ignore[attr-defined]
    return svc


def reports_of(hub: HubContext) -> HubReports:
    svc = getattr(hub, "_web_reports", None)
    if svc is None:
        svc = HubReports(hub, accounts_of(hub))
        hub._web_reports = svc  # type: ignore[attr-defined]
    return svc


def _hub(request: Request) -> HubContext:
    return get_hub(request)


def _client(request: Request) -> str:
    return request.client.host if request.client else ""


def _secure(request: Request) -> bool:
    """Secure cookies everywhere except plain HTTP on a loopback address (the demo): a
    browser would not send a Secure cookie back over http://127.0.0.1 everywhere."""
    return request.url.scheme == "https" or (request.url.hostname or "") not in LOOPBACK


def signed_in(request: Request) -> SessionInfo:
    info = accounts_of(_hub(request)).session_for(request.cookies.get(SESSION_COOKIE))
    if info is None:
        raise NeedsSignIn()
    request.state.session_info = info
    return info


async def checked_form(request: Request) -> tuple[SessionInfo, Any]:
    """The session and the posted form, after the CSRF check."""
    info = signed_in(request)
    form = await request.form()
    token = form.get("csrf_token")
    if not AccountService.check_csrf(info, token if isinstance(token, str) else None):
        accounts_of(_hub(request)).audit(info.officer.username, "csrf.refused", ok=False,
                                         path=request.url.path)
        raise BadForm()
    return info, form


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


# ---------------------------------------------------------------- sign-in, language


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_page(request: Request, next: str = "/", expired: int = 0) -> Response:
    pre = secrets.token_urlsafe(24)
    lang = _lang(request)
    message = tr("Phiên làm việc đã hết hạn. Hãy đăng nhập lại.", lang) if expired else ""
    response = _page(request, "sign_in.html", next=_safe_next(next), pre=pre, error=message,
                     username="")
    response.set_cookie(PRE_COOKIE, pre, httponly=True, samesite="strict",
                        secure=_secure(request), max_age=3600, path="/sign-in")
    return response


@router.post("/sign-in", response_class=HTMLResponse)
def sign_in(request: Request, username: str = Form(""), password: str = Form(""),
            csrf_token: str = Form(""), next: str = Form("/")) -> Response:
    pre = request.cookies.get(PRE_COOKIE, "")
    if not pre or not secrets.compare_digest(pre.encode(), csrf_token.encode()):
        raise BadForm()
    accounts = accounts_of(_hub(request))
    lang = _lang(request)
    try:
        signed = accounts.sign_in(username, password, _client(request))
    except SignInRefused as exc:
        status = 429 if exc.code == "throttled" else 401
        return _page(request, "sign_in.html", status=status, next=_safe_next(next),
                     pre=pre, error=exc.message(lang), username=username[:64])
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, signed.token, httponly=True, samesite="lax",
                        secure=_secure(request), path="/")
    response.delete_cookie(PRE_COOKIE, path="/sign-in")
    return response


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    await checked_form(request)
    accounts_of(_hub(request)).sign_out(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/sign-in", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/lang/{code}")
def set_lang(request: Request, code: str, next: str = "/") -> Response:
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(LANG_COOKIE, pick_lang(code), samesite="lax", secure=_secure(request),
                        max_age=365 * 24 * 3600, path="/")
    return response


@router.get("/static/{name}")
def static(name: str) -> Response:
    files = {"hub.css": "text/css", "hub.js": "text/javascript"}
    if name not in files:
        raise NotFound(name)
    return FileResponse(HERE / "static" / name, media_type=files[name],
                        headers={"Cache-Control": "max-age=3600"})


# ---------------------------------------------------------------- dashboards


@dataclass(frozen=True)
class PeriodAsked:
    """The period a dashboard shows, and what the officer typed when it could not be read:
    the fields keep their text (marked invalid) so only the wrong date needs typing again."""

    period: Any
    kind: str
    problem: str = ""
    typed: dict[str, str] = field(default_factory=dict)   # "from"/"to" -> the text typed
    bad: frozenset[str] = frozenset()                      # which of them is not a date


def _period(request: Request, hub: HubContext) -> PeriodAsked:
    q = request.query_params
    kind = q.get("period") or PeriodKind.THIS_MONTH.value
    try:
        start = parse_day(q["from"]) if q.get("from") else None
        end = parse_day(q["to"]) if q.get("to") else None
        return PeriodAsked(for_kind(kind, hub.clock, start, end), kind)
    except (PeriodError, ValueError) as exc:
        typed = {k: q.get(k, "")[:20] for k in ("from", "to")}
        bad = set()
        for key, text in typed.items():
            try:
                if text:
                    parse_day(text)
            except PeriodError:
                bad.add(key)
        return PeriodAsked(
            for_kind(PeriodKind.THIS_MONTH, hub.clock),
            kind if kind in {k.value for k in PeriodKind} else PeriodKind.THIS_MONTH.value,
            exc.message(_lang(request)) if isinstance(exc, PeriodError) else str(exc),
            typed, frozenset(bad))


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    info = signed_in(request)
    scope = reports_of(_hub(request)).home_scope(info.officer)
    return RedirectResponse(scope.path, status_code=303)


def _dashboard(request: Request, kind: str, key: str) -> Response:
    info = signed_in(request)
    hub = _hub(request)
    reports = reports_of(hub)
    scope = reports.scope(info.officer, kind, key)
    asked = _period(request, hub)
    period = asked.period
    figures = reports.figures(info.officer, scope, period, _lang(request))
    return _page(request, "dashboard.html", scope=scope, period=period,
                 period_kind=asked.kind, period_problem=asked.problem, typed=asked.typed,
                 bad_dates=asked.bad, f=figures,
                 wrong_screens=reports.wrong_screens(figures, _lang(request)),
                 stop_steps=reports.stop_steps(figures, _lang(request)),
                 places=reports.places(info.officer, scope, period),
                 health=reports.health(info.officer, scope),
                 unverified=figures.unverified_records,
                 now=hub.clock.now(), title=scope.label)


@router.get("/city", response_class=HTMLResponse)
def city(request: Request) -> Response:
    return _dashboard(request, "city", "")


@router.get("/commune/{code}", response_class=HTMLResponse)
def commune(request: Request, code: str) -> Response:
    return _dashboard(request, "commune", code)


@router.get("/help-point/{help_point_id}", response_class=HTMLResponse)
def help_point(request: Request, help_point_id: str) -> Response:
    return _dashboard(request, "help_point", help_point_id[:64])


@router.get("/health", response_class=HTMLResponse)
def health(request: Request) -> Response:
    info = signed_in(request)
    hub = _hub(request)
    reports = reports_of(hub)
    scope = reports.home_scope(info.officer)
    return _page(request, "health.html", scope=scope,
                 health=reports.health(info.officer, scope), now=hub.clock.now(),
                 title=tr("Tình trạng các điểm hỗ trợ", _lang(request)))


# ---------------------------------------------------------------- exports


@router.post("/export")
async def export(request: Request) -> Response:
    info, form = await checked_form(request)
    hub = _hub(request)
    reports = reports_of(hub)
    scope = reports.scope(info.officer, str(form.get("scope_kind", "")),
                          str(form.get("scope_key", "")))
    lang = _lang(request)
    try:
        period = _period_from_form(form, hub)
    except PeriodError as exc:
        return _error_page(request, 400, tr("Xuất tệp", lang), exc.message(lang))
    fmt = str(form.get("fmt", "xlsx"))
    what = str(form.get("what", "")) or None
    from hub.web import exports as web_exports

    work = Path(tempfile.mkdtemp(prefix="export-", dir=_work_dir(hub)))
    try:
        result = await run_in_threadpool(web_exports.write, hub, reports, info.officer, scope,
                                         period, fmt, what, work)
    except KioskError as exc:
        web_exports.cleanup(work)
        return _error_page(request, 400, tr("Xuất tệp", lang), exc.message(lang))
    except BaseException:
        web_exports.cleanup(work)
        raise
    media = {"csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "pdf": "application/pdf"}[result.fmt]
    return FileResponse(result.path, media_type=media, filename=result.filename,
                        background=BackgroundTask(web_exports.cleanup, work))


def _period_from_form(form: Any, hub: HubContext) -> Any:
    kind = str(form.get("period", PeriodKind.THIS_MONTH.value))
    start = parse_day(str(form["from"])) if form.get("from") else None
    end = parse_day(str(form["to"])) if form.get("to") else None
    try:
        return for_kind(kind, hub.clock, start, end)
    except ValueError as exc:  # an unknown kind
        raise PeriodError(f"Không có kỳ báo cáo “{kind[:20]}”. Hãy chọn kỳ báo cáo trong danh "
                          "sách rồi xuất lại.",
                          en=f"There is no period “{kind[:20]}”. Choose a period from the "
                             "list and export again.") from exc


def _work_dir(hub: HubContext) -> Path:
    d = hub.settings.data_dir / "work"
    d.mkdir(parents=True, exist_ok=True, mode=0o700)
    return d


# ---------------------------------------------------------------- pairing


@router.get("/pairing", response_class=HTMLResponse)
def pairing_page(request: Request) -> Response:
    info = signed_in(request)
    return _pairing(request, info)


def _pairing(request: Request, info: SessionInfo, status: int = 200, **extra: Any) -> Response:
    hub = _hub(request)
    reports = reports_of(hub)
    return _page(request, "pairing.html", status=status,
                 devices=reports.devices(info.officer), now=hub.clock.now(),
                 title=tr("Ghép nối kiosk", _lang(request)), **extra)


@router.post("/pairing/codes", response_class=HTMLResponse)
async def pairing_code(request: Request) -> Response:
    info, form = await checked_form(request)
    hub = _hub(request)
    accounts = accounts_of(hub)
    officer = info.officer
    commune_code = officer.commune_code if not officer.sees_all_communes else str(
        form.get("commune_code", "")).strip()
    accounts.require_commune(officer, commune_code, "pairing")
    from hub.pairing import create_code

    try:
        with hub.transaction() as s:
            new = create_code(s, hub.settings.data_dir, commune_code, hub.clock.now(),
                              hours=hub.settings.pair_code_hours,
                              same_team_as=str(form.get("same_team_as", ""))[:64])
    except HubRefused as exc:
        return _pairing(request, info, status=400, error=str(exc))
    accounts.audit(officer.username, "pairing.code", commune=commune_code,
                   same_team=bool(new.team_of))
    expires = new.expires_at.replace(tzinfo=UTC).astimezone(LOCAL_TZ)
    return _pairing(request, info, new_code=new.code, new_code_commune=new.commune_code,
                    new_code_expires=f"{expires:%H:%M %d/%m/%Y}", new_code_team=new.team_of)


@router.post("/pairing/revoke", response_class=HTMLResponse)
async def pairing_revoke(request: Request) -> Response:
    info, form = await checked_form(request)
    hub = _hub(request)
    accounts = accounts_of(hub)
    device_id = str(form.get("device_id", ""))[:64]
    from hub.pairing import revoke

    with hub.transaction() as s:
        commune = reports_of(hub).device_commune(s, device_id)
        if commune is None:
            raise NotFound(device_id)
        accounts.require_commune(info.officer, commune, "revoke")
        revoke(s, device_id, hub.clock.now())
    accounts.audit(info.officer.username, "pairing.revoke", device=device_id, commune=commune)
    return _pairing(request, info, notice=tr("Đã thu hồi thiết bị.", _lang(request)))


# ---------------------------------------------------------------- content packs


@router.get("/packs", response_class=HTMLResponse)
def packs_page(request: Request) -> Response:
    info = signed_in(request)
    accounts_of(_hub(request)).require_admin(info.officer, "packs")
    return _packs(request)


def _packs(request: Request, status: int = 200, **extra: Any) -> Response:
    hub = _hub(request)
    with hub.sessions() as s:
        published = packs.list_packs(s)
    return _page(request, "packs.html", status=status, packs=published,
                 title=tr("Gói nội dung", _lang(request)), **extra)


@router.post("/packs", response_class=HTMLResponse)
async def publish(request: Request) -> Response:
    info, form = await checked_form(request)
    hub = _hub(request)
    accounts = accounts_of(hub)
    accounts.require_admin(info.officer, "packs.publish")
    upload = form.get("pack")
    lang = _lang(request)
    if not isinstance(upload, UploadFile):
        return _packs(request, status=400, error=tr("Gói bị từ chối", lang), problems=[])
    data = await _read_bounded(upload, packs.MAX_PACK_BYTES)
    target = str(form.get("target", "all"))
    communes: tuple[str, ...] = ()
    if target != "all":
        communes = tuple(c.strip() for c in str(form.get("communes", "")).split(",")
                         if c.strip())
    try:
        if data is None:
            raise packs.PackRefused("Gói quá 200 MB. Hãy chỉ đưa vào các bài cần sửa.",
                                    code="too_big", en="The pack is over 200 MB.")
        if target != "all" and (not communes or not all(c.isdigit() and len(c) <= 8
                                                        for c in communes)):
            raise packs.PackRefused("Hãy ghi mã xã/phường (chữ số), cách nhau bằng dấu phẩy, "
                                    "hoặc chọn gửi đến mọi xã/phường.", code="bad_communes",
                                    en="Write commune codes (digits), comma-separated.")
        checked = await run_in_threadpool(packs.check_pack, data, _work_dir(hub))
        keys = hub.keys()
        with hub.transaction() as s:
            published = packs.publish_pack(s, hub.settings.data_dir, checked, sign=keys.sign,
                                           communes=communes, by=info.officer.username,
                                           now=hub.clock.now())
    except packs.PackRefused as exc:
        accounts.audit(info.officer.username, "pack.refused", ok=False, code=exc.code)
        return _packs(request, status=400, error=exc.message(lang),
                      problems=list(exc.problems[:50]))
    accounts.audit(info.officer.username, "pack.publish", version=published.version,
                   tutorials=published.tutorials, communes=list(published.communes) or "all")
    return _packs(request, published=published)


async def _read_bounded(upload: UploadFile, limit: int) -> bytes | None:
    """The upload's bytes, or None as soon as it passes ``limit``."""
    chunks = []
    total = 0
    while chunk := await upload.read(1024 * 1024):
        total += len(chunk)
        if total > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


# ---------------------------------------------------------------- audit


#: What each audited action is, in words (Vietnamese; English in hub.web.i18n); the log also
#: shows the code itself, which is what a BI query or a grep of the database finds.
AUDIT_ACTIONS = {
    "sign_in": "Đăng nhập",
    "sign_in.failed": "Đăng nhập sai",
    "sign_in.locked": "Đăng nhập khi tên đang bị khóa",
    "sign_in.throttled": "Đăng nhập quá nhiều lần từ một địa chỉ",
    "sign_out": "Đăng xuất",
    "account.add": "Thêm tài khoản",
    "access.denied": "Bị từ chối quyền xem",
    "csrf.refused": "Biểu mẫu cũ hoặc không hợp lệ",
    "export": "Xuất tệp",
    "pairing.code": "Mã ghép nối mới",
    "pairing.revoke": "Thu hồi thiết bị",
    "pack.publish": "Đã phát hành gói nội dung",
    "pack.refused": "Gói nội dung bị từ chối",
}


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request) -> Response:
    info = signed_in(request)
    accounts = accounts_of(_hub(request))
    accounts.require_admin(info.officer, "audit")
    return _page(request, "audit.html", rows=accounts.audit_rows(limit=300),
                 actions=AUDIT_ACTIONS, title=tr("Nhật ký hub", _lang(request)))


def local_time(value: datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.replace(tzinfo=UTC).astimezone(LOCAL_TZ):%H:%M %d/%m/%Y}"


def day_text(value: date) -> str:
    return f"{value:%d/%m/%Y}"


templates.env.filters["local_time"] = local_time
templates.env.filters["day"] = day_text


@pass_context
def num_text(context: Any, value: int) -> str:
    """A count in the page's language: 1.234 (vi), 1,234 (en) (kiosk.numbers)."""
    return fmt_int(value, context.get("lang", "vi"))


@pass_context
def dec_text(context: Any, value: float, digits: int = 1) -> str:
    """A decimal in the page's language: 4,5 (vi), 4.5 (en) (kiosk.numbers)."""
    return fmt_dec(value, digits, context.get("lang", "vi"))


# Numbers people read go through these; numbers in SVG attributes never do (they are CSS
# pixels and viewBox units, always with a full stop).
templates.env.filters["num"] = num_text
templates.env.filters["dec"] = dec_text


# ---------------------------------------------------------------- content packs, kiosk side

#: A device's clock may be this far from the hub's (the batches allow the same).
DEVICE_CLOCK_SKEW = timedelta(days=1)


def _device_refusal(code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status_code=403)


@router.get("/api/v1/packs/latest")
def latest_pack(request: Request, have: str = "") -> Response:
    """The newest content pack published to the asking device's commune (HUB-SPEC).

    The device signs ``GET\\n/api/v1/packs/latest\\n<X-Device-Date>`` with its Ed25519 key;
    the hub checks it is paired, not revoked, and its clock is within a day. 204 when the
    device already has the newest pack (``have``) or there is none.
    """
    hub = _hub(request)
    device_id = request.headers.get("x-device-id", "")[:64]
    stamp = request.headers.get("x-device-date", "")[:40]
    signature = request.headers.get("x-device-signature", "")[:200]
    from hub.models import Device

    with hub.sessions() as s:
        device = s.get(Device, device_id) if device_id else None
        if device is None:
            return _device_refusal("unknown_device", "Hub không biết thiết bị này. Hãy ghép "
                                   "nối lại kiosk bằng mã mới (Quản lý → Đồng bộ).")
        if device.revoked_at is not None:
            return _device_refusal("revoked_device", "Thiết bị này đã bị thu hồi trên hub. "
                                   "Hãy nhờ cán bộ xã ghép nối lại nếu cần.")
        verify_key, commune = device.verify_key, device.commune_code
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        VerifyKey(base64.b64decode(verify_key)).verify(
            f"GET\n{request.url.path}\n{stamp}".encode(), base64.b64decode(signature))
    except (ValueError, BadSignatureError, binascii.Error):
        return _device_refusal("bad_signature", "Chữ ký của yêu cầu không đúng. Hãy ghép nối "
                               "lại kiosk nếu lỗi còn lặp lại.")
    now = hub.clock.now().replace(tzinfo=UTC)
    if abs(now - when) > DEVICE_CLOCK_SKEW:
        return _device_refusal("clock_skew", "Đồng hồ của kiosk lệch quá một ngày so với hub. "
                               "Hãy chỉnh ngày giờ trên máy tính của kiosk.")
    with hub.sessions() as s:
        pack = packs.pack_for(s, hub.settings.data_dir, commune, have[:64] or None)
    if pack is None:
        return Response(status_code=204)
    return Response(pack.data, media_type="application/zip",
                    headers={"X-Pack-Version": pack.version,
                             "X-Pack-Signature": pack.signature_b64})
