"""The kiosk's log file: kept from the start's first line, rotating from just after the
first paint (``ui.app.start_logging`` / ``rotate_logging``; issue #18 item 1)."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.app import drop_held_logging, rotate_logging, start_logging


@pytest.fixture
def root_handlers() -> Iterator[None]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield
    for h in [h for h in root.handlers if h not in before]:
        root.removeHandler(h)
        h.close()
    root.setLevel(level)


def test_lines_before_and_after_the_rotation_go_to_the_same_file_once(
        data_dir: Path, root_handlers: None) -> None:
    log = logging.getLogger("kiosk.test_log_file")
    start_logging(data_dir)
    log.info("before the first paint")
    rotate_logging(data_dir)
    log.info("after the first paint")
    path = data_dir / "logs" / "kiosk.log"
    ours = [h for h in logging.getLogger().handlers
            if getattr(h, "baseFilename", None) == str(path.resolve())]
    assert [type(h) for h in ours] == [logging.handlers.RotatingFileHandler]
    assert ours[0].maxBytes == 2_000_000 and ours[0].backupCount == 5
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[1] for line in lines if "test_log_file" in line] == [
        "before the first paint", "after the first paint"]


def test_before_the_lock_is_held_nothing_is_written_until_it_is(
        data_dir: Path, root_handlers: None) -> None:
    """The start paints before it takes the one-kiosk lock: until then the log file may be
    another running kiosk's, so the lines wait in memory and come first once it is ours."""
    log = logging.getLogger("kiosk.test_log_file")
    path = data_dir / "logs" / "kiosk.log"
    start_logging(data_dir, hold=True)
    log.info("before the first paint")
    assert not path.exists()
    rotate_logging(data_dir)  # the lock is held
    log.info("after the first paint")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[1] for line in lines if "test_log_file" in line] == [
        "before the first paint", "after the first paint"]


def test_a_start_that_hands_over_leaves_the_running_kiosks_log_alone(
        data_dir: Path, root_handlers: None) -> None:
    path = data_dir / "logs" / "kiosk.log"
    path.parent.mkdir()
    path.write_text("the running kiosk's line\n", encoding="utf-8")
    start_logging(data_dir, hold=True)
    logging.getLogger("kiosk.test_log_file").warning("the second start's line")
    drop_held_logging()
    logging.getLogger("kiosk.test_log_file").warning("not held any more")
    assert path.read_text(encoding="utf-8") == "the running kiosk's line\n"
    assert not [h for h in logging.getLogger().handlers if type(h).__name__ == "_HeldRecords"]
