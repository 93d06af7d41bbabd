"""Recorded phrase sets (Cơ Tu): the shipped set loads, placeholders are named, bad sets refused."""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.paths import resource_path
from kiosk.speech.phrases import PHRASE_IDS, load_phrase_sets


def test_shipped_co_tu_set_has_every_phrase_and_says_they_are_placeholders() -> None:
    sets, problems = load_phrase_sets(resource_path("phrases"))
    assert problems == []
    ktv = sets["ktv"]
    assert ktv.name == "Cơ Tu" and set(ktv.phrases) == set(PHRASE_IDS)
    for pid in PHRASE_IDS:
        audio = ktv.audio(pid)
        assert audio is not None and ".placeholder." in audio.name
        with wave.open(str(audio)) as w:
            assert 0.2 < w.getnframes() / w.getframerate() < 5
    assert ktv.placeholders() == list(PHRASE_IDS)
    assert "BẢN TẠM" in ktv.status_line() and "co-tu-recording.md" in ktv.status_line()


def test_no_co_tu_words_are_invented_in_the_data() -> None:
    """Only Vietnamese meanings and comments: the words come from a recorded speaker."""
    text = (resource_path("phrases") / "ktv" / "phrases.toml").read_text(encoding="utf-8")
    assert "placeholder = true" in text and "meaning_vi" in text


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "phrases"
    shutil.copytree(resource_path("phrases"), root)
    return root


def test_a_real_recording_must_say_who_recorded_it(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    toml = root / "ktv" / "phrases.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'placeholder = true\nmeaning_vi = "Xin chào', 'placeholder = false\nmeaning_vi = "Xin chào',
        1), encoding="utf-8")
    sets, problems = load_phrase_sets(root)
    assert "ktv" not in sets
    assert any("recorded_by" in str(p) for p in problems)


@pytest.mark.parametrize(("old", "new", "words"), [
    ('file = "greeting.placeholder.wav"', 'file = "../../etc/passwd.wav"', "không có tệp"),
    ('id = "greeting"', 'id = "xin-chao"', "câu lạ"),
    ('placeholder = true\nmeaning_vi = "Xin bác', 'meaning_vi = "Xin bác', "placeholder"),
])
def test_broken_set_is_refused_whole_with_a_reason(tmp_path: Path, old: str, new: str,
                                                    words: str) -> None:
    root = _copy(tmp_path)
    toml = root / "ktv" / "phrases.toml"
    text = toml.read_text(encoding="utf-8")
    assert old in text
    toml.write_text(text.replace(old, new, 1), encoding="utf-8")
    sets, problems = load_phrase_sets(root)
    assert sets == {}
    assert any(words in str(p) for p in problems), [str(p) for p in problems]


def test_content_check_reports_the_placeholders(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check"]) == 0
    out = capsys.readouterr().out
    assert "Âm thanh Cơ Tu (ktv): 4 câu ghi âm; 4 câu là BẢN TẠM" in out
