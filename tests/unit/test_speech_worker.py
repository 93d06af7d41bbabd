"""The speech worker with a fake engine: order, flush, pronunciation, unavailable voice."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kiosk.speech.engine import NullEngine, SpeechUnavailable, VoiceInfo, pick_voice
from kiosk.speech.pronounce import Pronouncer, number_words, ticket_words
from kiosk.speech.worker import SpeechWorker

TABLE = {"vi": {"VNeID": "V N e I D", "OTP": "mã O T P", "mã OTP": "mã O T P",
                "1022": "một không hai hai"}}


class FakeEngine:
    name = "fake"

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.said: list[str] = []
        self.gate = gate

    def voices(self) -> list[VoiceInfo]:
        return [VoiceInfo("aav/vi", "Vietnamese (Northern)", ("vi",)),
                VoiceInfo("gmw/en-us", "English (America)", ("en-us",))]

    def synthesize(self, text: str, path: Path, voice_id: str, rate: int) -> Path:
        if self.gate is not None:
            self.gate.wait(5)
        self.said.append(text)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * 2000)
        return path


def collect(worker: SpeechWorker, texts: list[str]) -> list[Path]:
    done = threading.Event()
    paths: list[Path] = []

    def ready(p: Path) -> None:
        paths.append(p)
        if len(paths) == len(texts):
            done.set()

    for t in texts:
        worker.request(t, "vi", ready, lambda e: None)
    assert done.wait(10)
    return paths


def test_pronunciation_table_longest_first_and_whole_words() -> None:
    p = Pronouncer(TABLE)
    assert p.apply("Không đọc mã OTP. Mở VNeID, gọi 1022.", "vi") == \
        "Không đọc mã O T P. Mở V N e I D, gọi một không hai hai."
    # "10220" is not the table's "1022": it is read as a code, digit by digit.
    assert p.apply("OTPX và 10220", "vi") == "OTPX và một không hai hai không"
    assert p.apply("VNeID", "en") == "VNeID"


def test_clock_times_are_said_in_words() -> None:
    p = Pronouncer(TABLE)
    assert p.apply("Lấy số lúc 08:30.", "vi") == "Lấy số lúc tám giờ ba mươi phút."
    assert p.apply("lúc 00:00", "vi") == "lúc không giờ"
    assert p.apply("1900 và 12:345", "vi") == "1900 và 12:345"


def test_amounts_and_codes_are_said_as_a_person_reads_them() -> None:
    """Content review §3.2: "22.000" was "hai mươi hai ngàn không trăm", "123456" a number."""
    p = Pronouncer({})
    assert p.apply("phí 22.000 đồng, mất 129 triệu", "vi") == \
        "phí hai mươi hai nghìn đồng, mất 129 triệu"
    assert p.apply("như 123456 hay 0912345678", "vi") == \
        "như một hai ba bốn năm sáu hay không chín một hai ba bốn năm sáu bảy tám"
    assert p.apply("năm 2025, ngày 1/6/2025, bản 2.1.0", "vi") == \
        "năm 2025, ngày 1/6/2025, bản 2.1.0"
    assert p.apply("code 123456, 22.000 VND", "en") == \
        "code one two three four five six, 22,000 VND"


def test_ticket_numbers_are_said_as_a_person_says_them() -> None:
    assert ticket_words("A", 5) == "A năm"
    assert ticket_words("B", 21) == "B hai mươi mốt"
    assert number_words(105) == "một trăm lẻ năm"


def test_worker_speaks_in_order_through_the_table(tmp_path: Path) -> None:
    engine = FakeEngine()
    worker = SpeechWorker(lambda: engine, tmp_path, Pronouncer(TABLE))
    worker.start()
    collect(worker, ["Mở VNeID.", "Không đọc mã OTP.", "Gọi 1022."])
    assert engine.said == ["Mở V N e I D.", "Không đọc mã O T P.", "Gọi một không hai hai."]
    worker.stop()


def test_flush_drops_queued_jobs(tmp_path: Path) -> None:
    gate = threading.Event()
    engine = FakeEngine(gate)
    worker = SpeechWorker(lambda: engine, tmp_path, Pronouncer({}))
    worker.start()
    reported: list[Path] = []
    for t in ["một", "hai", "ba"]:
        worker.request(t, "vi", reported.append, lambda e: None)
    worker.flush()
    gate.set()
    after = collect(worker, ["bốn"])
    assert engine.said[-1] == "bốn"
    assert "hai" not in engine.said and "ba" not in engine.said
    assert reported == []  # the job in progress when flushed reports nothing
    assert len(after) == 1
    worker.stop()


def test_no_vietnamese_voice_is_said_plainly() -> None:
    with pytest.raises(SpeechUnavailable, match="chưa có giọng đọc tiếng Việt"):
        pick_voice([VoiceInfo("gmw/en", "English", ("en",))], "vi")


def test_null_engine_reports_error_not_crash(tmp_path: Path) -> None:
    worker = SpeechWorker(lambda: NullEngine("Không có espeak-ng."), tmp_path, Pronouncer({}))
    worker.start()
    errors: list[str] = []
    done = threading.Event()
    worker.request("xin chào", "vi", lambda p: done.set(), lambda e: (errors.append(e),
                                                                        done.set()))
    assert done.wait(5)
    assert errors and "espeak" in worker.unavailable_reason + errors[0] or errors
    worker.stop()
