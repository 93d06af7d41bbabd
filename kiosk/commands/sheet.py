"""``help-kiosk sheet ID [ID …] | --all --out PATH``: how-to sheets as PDF files.

Staff use it to print a stack of sheets before an outreach day, or to make one booklet of
every tutorial. The content is the kiosk's own (bundled tutorials plus the config's extra
content folders), and the help point's name, commune and phone come from the config file in
the data dir, so the files match what the kiosk prints. Nothing is written to the database:
this makes files, it does not use the help point's printer or its daily quota.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.commands.common import say
from kiosk.config import load_config
from kiosk.content.model import Catalogue, Tutorial
from kiosk.content.packs import load_content
from kiosk.errors import CliError
from kiosk.files import OutputError
from kiosk.paths import resource_path
from kiosk.sheets import (
    BOOKLET_STEM,
    render_booklet,
    render_sheet,
    render_sheets,
    sheet_file_name,
)


def _warn(text: str) -> None:
    print(text, file=sys.stderr)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "sheet", help="in tờ hướng dẫn (PDF) cho một hoặc nhiều bài",
        description="Tạo tờ hướng dẫn in được (PDF). Một mã bài và --out TỆP.pdf: ghi một tệp. "
                    "Nhiều mã bài hoặc --all: --out là thư mục (mỗi bài một tệp), "
                    "trừ khi có --booklet (gộp thành một sổ tay).")
    p.add_argument("ids", nargs="*", metavar="MÃ_BÀI", help="mã bài hướng dẫn, ví dụ vneid-install")
    p.add_argument("--all", action="store_true", help="tất cả các bài")
    p.add_argument("--out", required=True, type=Path, metavar="ĐƯỜNG_DẪN",
                   help="tệp PDF (một bài hoặc --booklet) hoặc thư mục (nhiều bài)")
    p.add_argument("--size", choices=("A4", "A5"), default="A4", help="khổ giấy (mặc định A4)")
    p.add_argument("--lang", choices=("vi", "en"), default="vi",
                   help="ngôn ngữ (mặc định vi; chỗ nào thiếu tiếng Anh sẽ in tiếng Việt)")
    p.add_argument("--large", action="store_true", help="chữ to (ít bước hơn mỗi trang)")
    p.add_argument("--booklet", action="store_true",
                   help="gộp thành một sổ tay có trang bìa và mục lục")
    p.set_defaults(handler=run_sheet)


def _catalogue(data_dir: Path) -> tuple[Catalogue, dict[str, str]]:
    cfg, problem = load_config(data_dir)
    if problem is not None:
        _warn(f"Chú ý: {problem.message}")
    roots = [resource_path("tutorials"), *(Path(d) for d in cfg.extra_content_dirs)]
    cat = load_content(data_dir, roots)  # the hub's pack too, like the screen
    if cat.problems:
        _warn(f"Chú ý: nội dung có {len(cat.problems)} lỗi; bài bị lỗi không được in. "
              "Chạy “help-kiosk content check” để xem chi tiết.")
    place = {"help_point": cfg.help_point_name, "commune": cfg.commune,
             "hotline": cfg.hotline}
    return cat, place


def _chosen(cat: Catalogue, args: argparse.Namespace) -> list[Tutorial]:
    if args.all and args.ids:
        raise CliError("Dùng hoặc các mã bài, hoặc --all, không dùng cả hai.")
    if args.all:
        if not cat.tutorials:
            raise CliError("Không có bài hướng dẫn nào để in. Hãy kiểm tra thư mục nội dung.")
        return list(cat.tutorials)
    if not args.ids:
        raise CliError("Hãy ghi mã bài cần in (ví dụ: help-kiosk sheet vneid-install "
                       "--out to.pdf) hoặc dùng --all.")
    unknown = [i for i in args.ids if cat.by_id(i) is None]
    if unknown:
        known = ", ".join(t.id for t in cat.tutorials) or "(chưa có bài nào)"
        raise CliError(f"Không có bài hướng dẫn mã “{', '.join(unknown)}”. "
                       f"Các mã hiện có: {known}.")
    chosen: list[Tutorial] = []
    for tid in dict.fromkeys(args.ids):  # keep order, drop repeats
        tut = cat.by_id(tid)
        assert tut is not None
        chosen.append(tut)
    return chosen


def run_sheet(args: argparse.Namespace) -> int:
    cat, place = _catalogue(args.data_dir)
    tutorials = _chosen(cat, args)
    options: dict[str, Any] = {"size": args.size, "lang": args.lang, "large": args.large,
                               **place}
    out: Path = args.out
    try:
        if args.booklet:
            name = sheet_file_name(BOOKLET_STEM, args.size, args.large, args.lang)
            path = out / name if out.is_dir() else out
            book = render_booklet(tutorials, path, **options)
            say(f"Đã ghi sổ tay {len(tutorials)} bài ({book.pages} trang): {book.path}")
        elif len(tutorials) == 1 and not args.all:
            tut = tutorials[0]
            name = sheet_file_name(tut.id, args.size, args.large, args.lang)
            path = out / name if out.is_dir() else out
            result = render_sheet(tut, path, **options)
            say(f"Đã ghi tờ hướng dẫn ({result.pages} trang): {result.path}")
        else:
            many = render_sheets(
                tutorials, out, **options,
                file_name=lambda t: sheet_file_name(t.id, args.size, args.large, args.lang))
            say(f"Đã ghi {len(many.paths)} tờ hướng dẫn ({many.pages} trang) vào thư mục: "
                f"{many.folder}")
    except OutputError as exc:
        raise CliError(str(exc)) from exc
    return 0
