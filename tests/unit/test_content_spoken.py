"""Every warning and tip a reader sees is also heard: the rule, its validator and the catalogue.

Audio-first users (low literacy, poor sight) rely on the voice; before this rule a step with a
`voice` text spoke only that, and 18 shipped steps never said their warning (content review §3.1).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue, Step, Text, said_in
from kiosk.paths import resource_path
from tests.conftest import SAMPLE_CONTENT


def _step(**kw: object) -> Step:
    base: dict[str, object] = {
        "title": Text({"vi": "Nhập mã OTP", "en": "Enter the OTP"}),
        "text": Text({"vi": "Nhập 6 số.", "en": "Type the 6 digits."}),
        "image": None,
        "warning": Text({"vi": "Không đọc mã OTP cho ai.", "en": "Never tell anyone your OTP."}),
        "tip": Text({"vi": "Hỏi tình nguyện viên.", "en": "Ask a volunteer."}),
    }
    base.update(kw)
    return Step(**base)  # type: ignore[arg-type]


def test_voice_text_no_longer_drops_title_warning_and_tip() -> None:
    step = _step(voice=Text({"vi": "Nhập sáu số."}))
    assert step.spoken_parts("vi") == ["Nhập mã OTP.", "Nhập sáu số.",
                                       "Không đọc mã OTP cho ai.", "Hỏi tình nguyện viên."]


def test_english_mode_never_speaks_the_vietnamese_voice_text() -> None:
    step = _step(voice=Text({"vi": "Nhập sáu số."}))
    assert step.spoken("en") == ("Enter the OTP. Type the 6 digits. Never tell anyone your OTP. "
                                 "Ask a volunteer.")


def test_voice_covers_says_the_warning_once() -> None:
    step = _step(voice=Text({"vi": "Nhập sáu số. Không đọc mã OTP cho ai!"}),
                 voice_covers=frozenset({"warning"}))
    parts = step.spoken_parts("vi")
    assert parts == ["Nhập mã OTP.", "Nhập sáu số. Không đọc mã OTP cho ai!",
                     "Hỏi tình nguyện viên."]


def test_said_in_ignores_case_and_punctuation_but_not_words() -> None:
    assert said_in("Đừng bấm link!", "Tin lạ: đừng bấm link, hãy hỏi.")
    assert not said_in("Đừng bấm link.", "Đừng bấm vào link.")
    assert not said_in("", "bất cứ gì")


def _pack(tmp_path: Path, step2_extra: str) -> Path:
    root = tmp_path / "pack"
    root.mkdir()
    shutil.copy(SAMPLE_CONTENT / "categories.toml", root / "categories.toml")
    dest = root / "sample-basic"
    shutil.copytree(SAMPLE_CONTENT / "sample-basic", dest)
    toml = dest / "tutorial.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'image = "images/step-02.svg"', 'image = "images/step-02.svg"\n' + step2_extra),
        encoding="utf-8")
    return root


def test_validator_fails_a_voice_that_claims_a_warning_it_does_not_say(tmp_path: Path) -> None:
    root = _pack(tmp_path, 'voice = { vi = "Bấm nút xanh." }\nvoice_covers = ["warning"]')
    cat = load_catalogue([root])
    assert cat.tutorials == ()
    assert any("steps[2].voice.vi" in str(p) and "Không bao giờ đọc mã OTP" in str(p)
               for p in cat.problems), [str(p) for p in cat.problems]


def test_validator_accepts_a_voice_that_really_says_the_warning(tmp_path: Path) -> None:
    root = _pack(tmp_path, 'voice = { vi = "Bấm nút xanh. Không bao giờ đọc mã OTP cho người '
                           'khác." }\nvoice_covers = ["warning"]')
    cat = load_catalogue([root])
    assert [str(p) for p in cat.problems] == []
    assert cat.tutorials[0].steps[1].spoken("vi").count("Không bao giờ") == 1


def test_recorded_step_must_declare_it_says_the_warning(tmp_path: Path) -> None:
    root = _pack(tmp_path, "")
    audio = root / "sample-basic" / "audio"
    audio.mkdir()
    (audio / "step-02.vi.wav").write_bytes(b"RIFF....")
    cat = load_catalogue([root])
    assert any("audio_covers" in str(p) and "warning" in str(p) for p in cat.problems)


def test_unknown_covers_value_is_named(tmp_path: Path) -> None:
    root = _pack(tmp_path, 'voice = { vi = "Bấm." }\nvoice_covers = ["canh bao"]')
    cat = load_catalogue([root])
    assert any("voice_covers" in str(p) and "canh bao" in str(p) for p in cat.problems)


# -- the shipped catalogue (every tutorial folder, including ones added later) ------------------

@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return load_catalogue([resource_path("tutorials")])


def test_every_shipped_folder_loaded(shipped: Catalogue) -> None:
    folders = {p.name for p in resource_path("tutorials").iterdir()
               if p.is_dir() and not p.name.startswith((".", "_"))}
    assert {t.id for t in shipped.tutorials} == folders


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_shipped_warning_and_tip_is_in_the_spoken_sentences(shipped: Catalogue,
                                                                 lang: str) -> None:
    missing = []
    for t in shipped.tutorials:
        for n, step in enumerate(t.steps, 1):
            parts = step.spoken_parts(lang)
            for name in ("warning", "tip"):
                value = getattr(step, name)
                if value is None:
                    continue
                said = value.get(lang)
                heard = (any(said_in(said, p) for p in parts)
                         if name in step.voice_covers and step.has_voice(lang)
                         else any(p.rstrip(".!?:") == said.rstrip(".!?:") for p in parts))
                recorded = step.audio.get(lang)
                if not heard or (recorded is not None and name not in step.audio_covers):
                    missing.append(f"{t.id} {n} {name}")
    assert missing == []


def test_shipped_english_speech_is_english(shipped: Catalogue) -> None:
    """No step speaks its Vietnamese `voice` text in English mode."""
    for t in shipped.tutorials:
        for n, step in enumerate(t.steps, 1):
            if step.voice is not None and not step.voice.has("en"):
                assert step.spoken("en").find(step.voice.get("vi")) == -1, (t.id, n)


# -- one vocabulary ---------------------------------------------------------------------------

def test_glossary_flags_an_avoided_term_with_the_word_to_use(tmp_path: Path) -> None:
    root = _pack(tmp_path, "")
    (root / "glossary.toml").write_text(
        '[[term]]\npreferred = "thẻ căn cước"\navoid = ["CCCD", "căn cước công dân"]\n'
        'allow = ["thẻ căn cước công dân cũ"]\n', encoding="utf-8")
    toml = root / "sample-basic" / "tutorial.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        "Bấm nút màu xanh có chữ Bắt đầu.",
        "Cầm thẻ CCCD (hoặc thẻ căn cước công dân cũ). Bấm nút màu xanh."), encoding="utf-8")
    cat = load_catalogue([root])
    messages = [str(p) for p in cat.problems]
    assert len(messages) == 1, messages
    assert "steps[2].text.vi" in messages[0] and "“thẻ căn cước” thay cho “CCCD”" in messages[0]
    assert len(cat.tutorials) == 1  # a vocabulary slip does not hide the tutorial


def test_glossary_matches_whole_words_outside_allowed_phrases() -> None:
    from kiosk.content.glossary import Term

    term = Term("vi", "thẻ căn cước", ("CCCD", "căn cước công dân"),
                ("thẻ căn cước công dân cũ",))
    assert term.found_in("Mang CCCD, điện thoại.") == ["CCCD"]
    assert term.found_in("Mã CCCDX hoặc XCCCD") == []  # part of another word
    assert term.found_in("thẻ căn cước công dân cũ vẫn dùng") == []  # the allowed phrase
    assert term.found_in("căn cước công dân hoặc CCCD") == ["CCCD", "căn cước công dân"]
    assert term.found_in("") == []


def test_shipped_glossary_loads_and_names_the_key_terms() -> None:
    from kiosk.content.glossary import load_glossary

    terms, problems = load_glossary(resource_path("tutorials"))
    assert problems == []
    preferred = " | ".join(t.preferred for t in terms)
    for word in ("tài khoản định danh điện tử mức 2", "passcode (mã 6 số của VNeID)",
                 "mã khóa màn hình", "thẻ căn cước", "Công an xã/phường"):
        assert word in preferred


EMERGENCY_VI = ("Làm ngay: 1) Dùng máy khác (nếu có) gọi số tổng đài in trên thẻ ngân hàng để "
                "khóa tài khoản. 2) Tắt nguồn điện thoại có ứng dụng lạ. 3) Báo Công an xã/phường.")


def test_one_emergency_wording_in_all_five_tutorials(shipped: Catalogue) -> None:
    """Content review #4: call from another phone first, then switch the infected one off."""
    for tid, n in (("vneid-install", 7), ("scam-fake-police", 8), ("fake-gift-links", 8),
                   ("phone-safety-basics", 9), ("bank-qr-payment-safe", 8)):
        t = shipped.by_id(tid)
        assert t is not None
        assert t.steps[n - 1].text.get("vi") == EMERGENCY_VI, tid
        assert "another phone" in t.steps[n - 1].text.get("en"), tid


def test_review_wrong_claims_are_gone(shipped: Catalogue) -> None:
    everything = " ".join(s.spoken("vi") + s.spoken("en") for t in shipped.tutorials
                          for s in t.steps)
    assert "Bình Dương" not in everything
    assert "không còn được cấp theo" not in everything  # paper BHYT (review #3)
    assert "Máy cũ sẽ tự bị đăng xuất" not in everything  # new phone (review #2)
    forgot = shipped.by_id("vneid-forgot")
    assert forgot is not None
    assert "áp thẻ căn cước gắn chip" in forgot.steps[5].text.get("vi")
    assert "khóa tài khoản" in forgot.steps[5].warning.get("vi")  # type: ignore[union-attr]


def test_every_shipped_voice_text_has_an_english_voice(shipped: Catalogue) -> None:
    """Issue 15 item 6: English mode speaks an English voice text, never a fallback."""
    missing = [(t.id, n) for t in shipped.tutorials for n, s in enumerate(t.steps, 1)
               if s.voice is not None and not s.voice.has("en")]
    assert missing == []
