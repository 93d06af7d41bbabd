"""``help-kiosk visits list``: the home-visit requests for commune staff at a terminal.

One line per request: the day it was recorded, the village (and commune), what is needed, its
state and who took it. No name or phone of the citizen unless ``--contacts`` is given, and
then only for requests still to arrange (the rule lives in
:meth:`kiosk.home_visits.HomeVisitService.listing`, which audits it). Needs a staff PIN
(``KIOSK_STAFF_PIN`` or typed).
"""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.assistance import AssistanceService
from kiosk.clock import local_day
from kiosk.commands.common import open_store, say, sign_in_staff
from kiosk.home_visits import HomeVisitService, VisitLine
from kiosk.places import vi_date


def register(sub: Any) -> None:
    visits = sub.add_parser("visits", help="yêu cầu đến nhà hỗ trợ (tổ lưu động)")
    vsub = visits.add_subparsers(dest="visits_command", metavar="LỆNH", required=True)
    lst = vsub.add_parser("list", help="xem các yêu cầu đến nhà (cần mã PIN cán bộ)")
    lst.add_argument("--all", action="store_true",
                     help="xem cả yêu cầu đã xong và đã hủy (mặc định: chỉ yêu cầu chưa xong)")
    lst.add_argument("--contacts", action="store_true",
                     help="kèm tên và số điện thoại của yêu cầu chưa xong, để hẹn đến nhà "
                          "(được ghi vào nhật ký)")
    lst.add_argument("--lang", choices=("vi", "en"), default="vi",
                     help="ngôn ngữ (mặc định: vi)")
    lst.set_defaults(handler=run_list)


_TEXT = {
    "vi": {"none": "Không có yêu cầu đến nhà nào{what}.", "open": " chưa xong",
           "count": "Có {n} yêu cầu đến nhà{what}:",
           "done": "xong {day}", "phone": "có số điện thoại (thêm --contacts để xem)"},
    "en": {"none": "No home-visit requests{what}.", "open": " still to visit",
           "count": "{n} home-visit requests{what}:",
           "done": "done {day}", "phone": "phone kept (add --contacts to see it)"},
}


def describe(v: VisitLine, language: str = "vi") -> str:
    """One request on one line, in ``language``."""
    t = _TEXT[language]
    place = v.village + (f" ({v.commune})" if v.commune else "")
    service = v.service_name_en if language == "en" else v.service_name
    parts = [vi_date(local_day(v.created_at)), place, service, v.status_label(language)]
    if v.assigned_name:
        parts.append(v.assigned_name)
    if v.done_at is not None and v.status == "done":
        parts.append(t["done"].format(day=vi_date(local_day(v.done_at))))
    if v.contact:
        parts.append(v.contact)
    elif v.has_phone and v.status in ("open", "assigned"):
        parts.append(t["phone"])
    return " · ".join(parts)


def run_list(args: argparse.Namespace) -> int:
    t = _TEXT[args.lang]
    what = "" if args.all else t["open"]
    with open_store(args.data_dir) as store:
        actor = sign_in_staff(store)
        service = HomeVisitService(store, AssistanceService(store))
        lines = service.listing(actor, closed=args.all, contacts=args.contacts)
    if not lines:
        say(t["none"].format(what=what))
        return 0
    say(t["count"].format(n=len(lines), what=what))
    for v in lines:
        say(f"- {describe(v, args.lang)}")
    return 0
