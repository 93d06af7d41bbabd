"""``help-kiosk demo-data --days N --per-day M``: fill a data dir with marked demo data.

For training and for trying the reports. Refuses a data dir that holds real records.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kiosk.commands.common import open_store
from kiosk.commands.export import os_user
from kiosk.config import load_config
from kiosk.demo import DemoRefused, generate_demo
from kiosk.errors import CliError


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"“{text}” không phải là số") from exc
    if value < 0:
        raise argparse.ArgumentTypeError("phải là số không âm")
    return value


def register(sub: Any) -> None:
    p = sub.add_parser("demo-data", help="tạo dữ liệu mẫu (có đánh dấu) để tập huấn, xem báo cáo")
    p.add_argument("--days", type=_positive, default=30, metavar="N",
                   help="số ngày, tính lùi từ hôm nay (mặc định 30)")
    p.add_argument("--per-day", type=_positive, default=12, metavar="M",
                   help="số lượt hỗ trợ mỗi ngày (mặc định 12)")
    p.add_argument("--seed", type=int, default=2026, help="hạt giống ngẫu nhiên (mặc định 2026)")
    p.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    args.data_dir.mkdir(parents=True, exist_ok=True)
    cfg, _problem = load_config(args.data_dir)
    with open_store(args.data_dir) as store:
        try:
            summary = generate_demo(store, args.days, args.per_day, seed=args.seed,
                                    commune=cfg.commune,
                                    actor_name=f"os-user:{os_user()}")
        except (DemoRefused, ValueError) as exc:
            raise CliError(str(exc)) from exc
    sys.stdout.write(
        f"Đã tạo dữ liệu mẫu cho {summary.days} ngày: {summary.records} lượt hỗ trợ, "
        f"{summary.tickets} số thứ tự, {summary.tutorial_events} sự kiện bài hướng dẫn, "
        f"{summary.activity_days} ngày hoạt động của {summary.volunteers} thành viên mẫu.\n"
        "Mọi số liệu này được đánh dấu là DỮ LIỆU MẪU trong báo cáo.\n")
    return 0
