"""Every refusal a person can meet in English mode has an English text (issue #14 item 8).

Walks ``kiosk/`` with the AST: a ``raise`` of any :class:`kiosk.errors.KioskError` subclass
must pass ``en=``. Left out on purpose: the command line (``kiosk/commands/``, ``kiosk/cli.py``
and ``CliError``), which speaks Vietnamese only (``KioskError``'s docstring).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import unicodedata
from pathlib import Path

import kiosk
from kiosk.errors import CliError, KioskError
from tests.source_scan import findings

ROOT = Path(__file__).resolve().parents[2]
CLI_ONLY = ("kiosk/commands/", "kiosk/cli.py")


def kiosk_errors() -> dict[str, type[KioskError]]:
    found: dict[str, type[KioskError]] = {}
    for info in pkgutil.walk_packages(kiosk.__path__, "kiosk."):
        module = importlib.import_module(info.name)
        found |= {n: o for n, o in vars(module).items() if inspect.isclass(o)
                  and issubclass(o, KioskError) and not issubclass(o, CliError)}
    return found


def kiosk_error_names() -> set[str]:
    """The KioskErrors raised with their words at the raise (an ``en`` parameter): a class
    whose constructor takes no ``en`` writes its own English (checked below)."""
    return {n for n, c in kiosk_errors().items()
            if "en" in inspect.signature(c.__init__).parameters}


def test_errors_that_write_their_own_words_have_english() -> None:
    own = [c for c in kiosk_errors().values()
           if "en" not in inspect.signature(c.__init__).parameters]
    no_args = [c for c in own if all(
        p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        for name, p in inspect.signature(c.__init__).parameters.items() if name != "self")]
    assert all(c().en for c in no_args), [c.__name__ for c in no_args if not c().en]


def raised_without_english(path: Path, names: set[str]) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            func = node.exc.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in names and not any(k.arg == "en" for k in node.exc.keywords):
                found.append(f"{node.lineno}: {called}")
    return found


def test_every_kiosk_error_raised_in_kiosk_has_an_english_text() -> None:
    names = kiosk_error_names()
    assert {"QueueError", "PlaceError", "ExportError", "OutputError"} <= names
    assert findings("kiosk", lambda p: raised_without_english(p, names),
                    skip=lambda rel: rel.startswith(CLI_ONLY)) == {}


def test_the_check_sees_a_raise_without_english(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text('raise QueueError("Không có bàn số 9.")\n'
                      'raise QueueError("Không có bàn số 9.", en="There is no desk 9.")\n'
                      'raise errors.PlaceError(f"Không có {x}.")\n', encoding="utf-8")
    assert raised_without_english(sample, {"QueueError", "PlaceError"}) == \
        ["1: QueueError", "3: PlaceError"]


_VI_ONLY = set("đĐăĂâÂêÊôÔơƠưƯ")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_QUOTED = re.compile(r"“[^”]*”")


def english_texts(path: Path) -> list[tuple[int, str]]:
    """The literal words of every ``en=`` given to a raise (quoted names “…” left out)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            for k in node.exc.keywords:
                if k.arg == "en":
                    words = "".join(c.value for c in ast.walk(k.value)
                                    if isinstance(c, ast.Constant) and isinstance(c.value, str))
                    found.append((node.lineno, _QUOTED.sub("", words)))
    return found


def test_the_english_texts_have_no_vietnamese_words() -> None:
    left = {}
    for p in sorted((ROOT / "kiosk").rglob("*.py")):
        for line, text in english_texts(p):
            decomposed = unicodedata.normalize("NFD", text)
            if any(c in _VI_ONLY for c in text) or any(c in _TONES for c in decomposed):
                left[f"{p.relative_to(ROOT).as_posix()}:{line}"] = text
    assert left == {}
