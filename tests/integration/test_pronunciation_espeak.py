"""What espeak-ng's Vietnamese voice really says for every pronunciation entry and number rule.

Each written form is passed through the kiosk's :class:`Pronouncer`; its phonemes
(``espeak-ng -v vi -q -x``) must equal the phonemes of the words a person would say, written
here by hand. So a table entry that reads wrong, falls into English ("(en)" in the phonemes)
or is missing fails here (content review §3.2).
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache

import pytest

from kiosk.content.loader import load_pronunciation
from kiosk.paths import resource_path
from kiosk.speech.pronounce import Pronouncer

pytestmark = [pytest.mark.speech,
              pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="no espeak-ng")]

# written form → what a Vietnamese speaker says (hand-written, not copied from the table).
SAID = {
    "113": "một một ba", "114": "một một bốn", "115": "một một năm",
    "156": "một năm sáu", "5656": "năm sáu năm sáu", "1022": "một không hai hai",
    "0236 1022": "không hai ba sáu, một không hai hai",
    "1900 0368": "một chín không không, không ba sáu tám",
    "1900.0368": "một chín không không, không ba sáu tám",
    "123456": "một hai ba bốn năm sáu",
    "0912345678": "không chín một hai ba bốn năm sáu bảy tám",
    "22.000 đồng": "hai mươi hai nghìn đồng",
    "100.000 đồng": "một trăm nghìn đồng",
    "DVC": "dịch vụ công", "DVCQG": "Cổng Dịch vụ công quốc gia",
    "CH Play": "xê hát pơ lây", "App Store": "áp sto",
    "OTP": "mã ô tê pê", "mã OTP": "mã ô tê pê", "Mã OTP": "mã ô tê pê",
    "CCCD": "căn cước công dân", "BHYT": "bảo hiểm y tế", "BHXH": "bảo hiểm xã hội",
    "GPLX": "giấy phép lái xe", "UBND": "ủy ban nhân dân", "TDP": "tổ dân phố",
    "CSDL": "cơ sở dữ liệu", "xã/phường": "xã hoặc phường",
    "passcode": "pát cốt", "Zalo": "da lô", "link": "linh", "wifi": "oai phai",
    "Wi-Fi": "oai phai", "homestay": "hôm xtây", "shipper": "síp pơ", "Shipper": "síp pơ",
    "ship": "síp", "Messenger": "mét xen giơ", "email": "i meo", "iPhone": "ai phôn",
    "Facebook": "phây búc",
    # the practices' pretend phone numbers (resources/tutorials/*/practice.toml): digit by digit
    "0000 123 456": "không không không không, một hai ba, bốn năm sáu",
    "0000 111 222": "không không không không, một một một, hai hai hai",
    "0000 999 888": "không không không không, chín chín chín, tám tám tám",
}


@cache
def phonemes(text: str) -> str:
    out = subprocess.run(["espeak-ng", "-v", "vi", "-q", "-x", text], capture_output=True,
                         text=True, check=True, timeout=20).stdout
    return " ".join(out.replace("_|", " ").replace("_", " ").replace("|", " ").split())


@pytest.fixture(scope="module")
def pron() -> Pronouncer:
    table, problems = load_pronunciation(resource_path("tutorials"))
    assert problems == []
    return Pronouncer(table)


@pytest.mark.parametrize("written", sorted(SAID))
def test_said_the_way_a_person_says_it(pron: Pronouncer, written: str) -> None:
    assert phonemes(pron.apply(written, "vi")) == phonemes(SAID[written]), pron.apply(written,
                                                                                      "vi")


def test_no_vietnamese_entry_falls_into_english(pron: Pronouncer) -> None:
    table, _ = load_pronunciation(resource_path("tutorials"))
    english = [k for k in table["vi"] if "(en)" in phonemes(pron.apply(k, "vi"))]
    assert english == []


def test_every_table_entry_and_number_rule_is_heard_here(pron: Pronouncer) -> None:
    """Adding an entry means saying here how a person says it."""
    table, _ = load_pronunciation(resource_path("tutorials"))
    unheard = sorted(k for k in table["vi"]
                     if k not in SAID and pron.apply(k, "vi") != k
                     and k not in {"VNeID", "VssID", "NFC", "QR", "SMS", "tin nhắn SMS", "PIN",
                                   "mã PIN", "LD", "4G", "Android", "Passcode",
                                   "dichvucong.gov.vn", "vneid.gov.vn", "gopy.danang.gov.vn",
                                   "Danang Smart City"})
    assert unheard == []
