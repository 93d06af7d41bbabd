"""``help-kiosk identity show|join-team``: which help point and team this kiosk's rows carry.

``show`` prints the ids (no PIN: they are not personal data) so a mobile team's laptop can
join the help point's team with ``join-team TEAM_ID`` (staff PIN): their bundles are then
paid from one allowance cap, not two (kiosk.identity.join_team).
"""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.commands.common import connect, say, sign_in_staff
from kiosk.config import load_config
from kiosk.identity import join_team, load_identity


def register(sub: Any) -> None:
    ident = sub.add_parser("identity", help="mã điểm hỗ trợ, mã tổ và mã xã của máy này")
    isub = ident.add_subparsers(dest="identity_command", metavar="LỆNH", required=True)
    show = isub.add_parser("show", help="xem mã điểm hỗ trợ, mã tổ, mã xã")
    show.set_defaults(handler=run_show)
    join = isub.add_parser("join-team", help="máy này làm việc cho tổ có mã TEAM_ID (ví dụ "
                                             "máy tổ lưu động của cùng tổ; cần mã PIN cán bộ)")
    join.add_argument("team_id", metavar="TEAM_ID", help="mã tổ, lấy từ “identity show” "
                                                         "trên máy của tổ")
    join.set_defaults(handler=run_join)


def run_show(args: argparse.Namespace) -> int:
    config, _problem = load_config(args.data_dir)
    store = connect(args.data_dir)
    try:
        me = load_identity(store, config)
    finally:
        store.close()
    say(f"Điểm hỗ trợ: {me.help_point_name} ({me.help_point_id})")
    say(f"Tổ: {me.team_name} ({me.team_id})")
    say(f"Xã/phường: {me.commune_name or '(chưa đặt)'} — mã {me.commune_code or '(chưa đặt)'}")
    return 0


def run_join(args: argparse.Namespace) -> int:
    store = connect(args.data_dir)
    try:
        moved = join_team(sign_in_staff(store), store, args.team_id)
    finally:
        store.close()
    say(f"Máy này đã thuộc tổ {args.team_id.strip().lower()}; {moved} bản ghi, ngày hoạt động "
        "và sự kiện của máy này chuyển sang tổ đó.")
    return 0
