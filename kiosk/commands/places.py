"""``help-kiosk places check|list``: check the place lists, and show what the kiosk uses.

``check`` reads the TOML files only (nothing is written), so a staff member can run it after
every edit. ``list`` shows the places in the database on a day; like the kiosk's first
start, it fills an empty place table from the files first.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.commands.common import connect, parse_day, say
from kiosk.errors import CliError
from kiosk.places import (
    COMMUNE_KINDS,
    PlaceError,
    PlaceService,
    load_places,
    seed_places,
    vi_date,
)


def register(sub: Any) -> None:
    places = sub.add_parser("places", help="kiểm tra và xem danh sách xã/phường, thôn/tổ dân phố")
    psub = places.add_subparsers(dest="places_command", metavar="LỆNH", required=True)
    chk = psub.add_parser("check", help="kiểm tra tệp danh sách địa danh (không ghi gì)")
    chk.add_argument("--communes", type=Path, metavar="TỆP",
                     help="tệp xã/phường (mặc định: communes-danang.toml đi kèm kiosk)")
    chk.add_argument("--villages", type=Path, metavar="TỆP",
                     help="tệp thôn/tổ dân phố (mặc định: villages.toml đi kèm kiosk)")
    chk.set_defaults(handler=run_check)
    lst = psub.add_parser("list", help="xem địa danh kiosk đang dùng (nạp từ tệp nếu còn trống)")
    lst.add_argument("--on", metavar="NGÀY",
                     help="ngày cần xem, ví dụ 01/03/2026 (mặc định: hôm nay)")
    lst.add_argument("--commune", metavar="TÊN",
                     help="xem thôn/tổ dân phố của một xã/phường/đặc khu")
    lst.set_defaults(handler=run_list)


def run_check(args: argparse.Namespace) -> int:
    lists = load_places(args.communes, args.villages)
    for problem in lists.problems:
        say(str(problem))
    if lists.problems:
        say(f"\nCó {len(lists.problems)} lỗi cần sửa. Những dòng không lỗi vẫn dùng được.")
        say(lists.summary())
        return 1
    say(f"Danh sách hợp lệ. {lists.summary()}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    try:
        day = parse_day(args.on) if args.on else None
    except argparse.ArgumentTypeError as exc:
        raise CliError(str(exc)) from None
    store = connect(args.data_dir, create=True)
    try:
        result = seed_places(store)
        if result.seeded:
            say(f"Đã nạp danh sách địa danh lần đầu: {result.communes} đơn vị cấp xã, "
                 f"{result.villages} thôn/tổ dân phố.")
        for problem in result.problems:
            say(str(problem))
        service = PlaceService(store)
        day = day or service.today()
        try:
            if args.commune:
                parent = service.find_commune(args.commune, day)
                rows = service.villages(parent.id, day)
                say(f"Thôn/tổ dân phố của {parent.label} ngày {vi_date(day)}: {len(rows)}")
                for v in rows:
                    former = f" (tên cũ: {', '.join(v.former_names)})" if v.former_names else ""
                    say(f"  {v.label}{former}")
                return 0
            units = service.communes(day)
        except PlaceError as exc:
            raise CliError(str(exc)) from None
        counts = ", ".join(f"{sum(1 for u in units if u.kind == k)} {k}" for k in COMMUNE_KINDS)
        say(f"Đơn vị cấp xã ngày {vi_date(day)}: {len(units)} ({counts})")
        for u in units:
            former = f" — trước đây: {', '.join(u.former_names)}" if u.former_names else ""
            say(f"  {u.label}{former}")
        if not units:
            say("Không có đơn vị cấp xã nào có hiệu lực vào ngày này.")
        return 0
    finally:
        store.close()
