"""The kiosk's log file: kept from the start's first line, rotating from just after the
first paint (``ui.app.start_logging`` / ``rotate_logging``; issue #18 item 1)."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.app import rotate_logging, start_logging


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
