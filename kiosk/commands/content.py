"""``help-kiosk content check [DIR ...]``: validate tutorial packs as a content author would."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.content.model import Catalogue
from kiosk.content.validate import check
from kiosk.paths import resource_path
from kiosk.scam_check import ScamListError, load_scam_kinds
from kiosk.speech.phrases import load_phrase_sets
from kiosk.summary import NextStepsError, load_next_steps
from kiosk.summary import default_path as default_next_steps


def register(sub: Any) -> None:
    content = sub.add_parser("content", help="kiểm tra nội dung bài hướng dẫn")
    csub = content.add_subparsers(dest="content_command", metavar="LỆNH", required=True)
    chk = csub.add_parser("check", help="kiểm tra một hoặc nhiều thư mục nội dung")
    chk.add_argument("dirs", nargs="*", type=Path,
                     help="thư mục chứa các bài (mặc định: nội dung đi kèm kiosk)")
    chk.add_argument("--next-steps", type=Path, metavar="TỆP",
                     help="tệp việc tiếp theo của phiếu “Hôm nay đã làm” (mặc định: "
                          "lists/next-steps.toml đi kèm kiosk)")
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
    if not args.dirs or args.next_steps is not None:
        line, problem = check_next_steps(args.next_steps, cat)
        if problem:
            problems.append(problem)
        else:
            phrase_lines.append(line)
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


def check_next_steps(path: Path | None, catalogue: Catalogue) -> tuple[str, str]:
    """(summary line, "") or ("", the problem) for the next-steps list of the take-home slip,
    read by the slip's own loader (:func:`kiosk.summary.load_next_steps`, which refuses the
    whole file). An entry for a tutorial the checked content does not have is a problem too:
    its words would never reach a slip."""
    path = path or default_next_steps()
    try:
        steps = load_next_steps(path)
    except NextStepsError as exc:
        return "", (f"{path.name}: {exc.user_message} Tệp này không được dùng: phiếu “Hôm nay "
                    "đã làm” sẽ ghi “hỏi tình nguyện viên” thay cho việc tiếp theo. Hãy sửa "
                    "rồi chạy lại help-kiosk content check.")
    unknown = sorted(t for t in steps if catalogue.by_id(t) is None)
    if unknown:
        return "", (f"{path.name}: không có bài hướng dẫn {', '.join(unknown)}; việc tiếp "
                    "theo của bài đó không bao giờ được in. Hãy sửa mã bài cho đúng.")
    return f"Việc tiếp theo (phiếu “Hôm nay đã làm”): {len(steps)} bài, đều có nguồn.", ""
