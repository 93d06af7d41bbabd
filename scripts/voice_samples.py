"""Record what voice mode says on three screens, with the real engine, and check the audio.

    .venv/bin/python scripts/voice_samples.py [--out docs/voice]

Builds the kiosk offscreen with voice mode on, visits the Home screen, a tutorial step and
the ticket screen, collects exactly the texts the Speaker was given (the same strings the
screens show), synthesises each with the real offline engine (espeak-ng / SAPI through
pyttsx3) into a WAV, and writes a table of text, duration and loudness. A WAV that is silent
or far too short for its words fails the run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.content.loader import load_catalogue  # noqa: E402
from kiosk.paths import resource_path  # noqa: E402
from kiosk.speech.engine import create_default_engine, wav_duration  # noqa: E402
from kiosk.speech.pronounce import Pronouncer  # noqa: E402
from kiosk.speech.worker import SpeechWorker  # noqa: E402
from kiosk.store import Store  # noqa: E402
from ui.demo_kiosk import make_kiosk  # noqa: E402
from ui.navigator import ScreenId  # noqa: E402
from ui.speech import FakeSpeaker  # noqa: E402


def rms(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        frames = w.readframes(w.getnframes())
    samples = [int.from_bytes(frames[i:i + 2], "little", signed=True)
               for i in range(0, len(frames) - 1, 20)]
    return (sum(s * s for s in samples) / max(1, len(samples))) ** 0.5


def collect_texts() -> dict[str, list[str]]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-voice-"))
    speaker = FakeSpeaker()
    k = make_kiosk(Store.open(tmp), tmp, speaker=speaker, kiosk_mode=False,
                   catalogue=load_catalogue([resource_path("tutorials")]))
    out: dict[str, list[str]] = {}

    def take(name: str) -> None:
        out[name] = [t for t in speaker.texts() if t]
        speaker.history.clear()

    speaker.history.clear()
    QTest.mouseClick(k.window.speaker_btn, Qt.MouseButton.LeftButton)  # voice mode on
    app.processEvents()
    take("home")
    k.nav.go_to(ScreenId.STEP, tutorial_id="vneid-activate", step=3)
    app.processEvents()
    take("step")
    take_ticket = k.screens.get(ScreenId.TAKE_TICKET)
    if take_ticket is not None:
        k.nav.go_to(ScreenId.TAKE_TICKET)
        app.processEvents()
        speaker.history.clear()
        k.nav.go_to(ScreenId.TICKET, **_issue(k))
        app.processEvents()
        take("ticket")
    k.shutdown()
    k.store.close()
    return out


def _issue(k: object) -> dict[str, object]:
    from kiosk.queue import QueueService

    queue = QueueService(k.store)  # type: ignore[attr-defined]
    ticket = queue.issue(queue.services()[0].code)
    return {"ticket": ticket}


def synthesise(texts: dict[str, list[str]], out: Path) -> list[tuple[str, str, float, float]]:
    from kiosk.content.loader import load_pronunciation

    table, _ = load_pronunciation(resource_path("tutorials"))
    worker = SpeechWorker(create_default_engine, out / ".cache", Pronouncer(table))
    worker.start()
    if worker.unavailable_reason:
        raise SystemExit(f"Không có giọng đọc: {worker.unavailable_reason}")
    rows = []
    for name, said in texts.items():
        for i, text in enumerate(said, 1):
            done = threading.Event()
            box: dict[str, object] = {}
            worker.request(text, "vi", lambda p, b=box, d=done: (b.update(p=p), d.set()),
                           lambda e, b=box, d=done: (b.update(e=e), d.set()))
            done.wait(120)
            if "p" not in box:
                raise SystemExit(f"{name}: không tạo được âm thanh: {box.get('e')}")
            target = out / f"{name}-{i}.wav"
            Path(str(box["p"])).replace(target)
            rows.append((target.name, text, wav_duration(target), rms(target)))
    worker.stop()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "voice")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = synthesise(collect_texts(), args.out)
    bad = []
    lines = ["# Voice mode, recorded with the real engine", "",
             "Made by `scripts/voice_samples.py`: the texts are exactly what the screens handed "
             "to the Speaker in voice mode.", "",
             "| file | spoken text (as shown on screen) | seconds | loudness (RMS) |",
             "|---|---|---|---|"]
    for name, text, seconds, loud in rows:
        words = len(text.split())
        if loud < 300 or seconds < words * 0.15:
            bad.append(name)
        lines.append(f"| {name} | {text} | {seconds:.1f} | {loud:.0f} |")
    (args.out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    if bad:
        print("Âm thanh không đạt: " + ", ".join(bad), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
