"""``help-kiosk content check [DIR ...]``: validate tutorial packs as a content author would."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.content.validate import check
from kiosk.paths import resource_path
from kiosk.scam_check import ScamListError, load_scam_kinds
from kiosk.speech.phrases import load_phrase_sets


def register(sub: Any) -> None:
    content = sub.add_parser("content", help="kiểm tra nội dung bài hướng dẫn")
    csub = content.add_subparsers(dest="content_command", metavar="LỆNH", required=True)
    chk = csub.add_parser("check", help="kiểm tra một hoặc nhiều thư mục nội dung")
    chk.add_argument("dirs", nargs="*", type=Path,
                     help="thư mục chứa các bài (mặc định: nội dung đi kèm kiosk)")
    chk.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    roots = args.dirs or [resource_path("tutorials")]
    cat, summary = check(roots)
    problems = [str(p) for p in cat.problems]
    phrase_lines: list[str] = []
    if not args.dirs:  # the bundled content also carries the recorded phrase sets (Cơ Tu)
        sets, phrase_problems = load_phrase_sets(resource_path("phrases"))
        problems += [str(p) for p in phrase_problems]
        phrase_lines = [s.status_line() for s in sets.values()]
        try:  # ... and the scam-check list (kiosk.scam_check), refused whole if wrong
            kinds = load_scam_kinds()
            phrase_lines.append(f"Kiểm tra tin nhắn lạ: {len(kinds)} loại.")
        except ScamListError as exc:
            problems.append(exc.user_message)
    for problem in problems:
        print(problem)
    if problems:
        print(f"\nCó {len(problems)} lỗi cần sửa. Các bài còn lại vẫn dùng được: "
              f"{summary.tutorials} bài.")
        return 1
    print(summary)
    for line in phrase_lines:
        print(line)
    return 0
