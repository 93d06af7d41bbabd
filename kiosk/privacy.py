"""Personal-data rules that every screen, the CLI and bundle import share.

What lives here and why (shared/domain/facts.md §5, Law 91/2025/QH15 and Decree 356/2025):

* Free-text notes must never hold an ID number, a phone number, a password, a passcode or an
  OTP. :func:`check_note` finds ID-like (9 or 12 digits), phone-like and other long numbers
  in every form people type them (spaced, dotted, dashed, slashed, underscored, glued to a word
  like "CCCD012345678901"), and OTP/passcode/password-like codes next to words such as "OTP"
  or "mã", and raises
  :class:`PrivacyError` with a Vietnamese message asking the volunteer to remove them. The
  message never repeats the number itself: exceptions can reach a log file.
* Phone numbers are validated as Vietnamese numbers and stored in one canonical form
  (``0xxxxxxxxx``), so a data-subject request finds every record of that person.
* Consent texts: the UI shows them and reads them aloud next to an unticked box. They name the
  controller (the team of the help point and its commune), the purpose, the retention period
  and the person's rights. Plain words without abbreviations, because the speech engine reads
  them as written.

Pure functions only: safe to call from any thread.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.errors import KioskError

# -- errors ----------------------------------------------------------------------------------


class PrivacyError(KioskError, ValueError):
    """Data that must not be stored, or stored without consent. Message is Vietnamese."""

    def __init__(self, message: str, findings: tuple[Finding, ...] = (), en: str = "") -> None:
        super().__init__(message, en=en)
        self.findings = findings


class PhoneNumberError(KioskError, ValueError):
    """Not a Vietnamese phone number. The message is shown to the volunteer as is."""


# -- phone numbers ---------------------------------------------------------------------------

_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
# Mobile numbers: 0 + 3/5/7/8/9 + 8 digits (10 digits). Landlines: 02 + 9 digits (11 digits).
_MOBILE = re.compile(r"0[35789]\d{8}")
_LANDLINE = re.compile(r"02\d{9}")


def normalize_phone(raw: str) -> str:
    """The canonical form ``0xxxxxxxxx`` of a Vietnamese phone number, or PhoneNumberError.

    Accepts spaces, dots, dashes and brackets, and the international forms ``+84 …``,
    ``0084 …`` and ``84 …``.
    """
    text = _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", raw or ""))
    if text.startswith("+84"):
        text = "0" + text[3:]
    elif text.startswith("0084"):
        text = "0" + text[4:]
    elif text.startswith("84") and len(text) in (11, 12):
        text = "0" + text[2:]
    if text.isascii() and (_MOBILE.fullmatch(text) or _LANDLINE.fullmatch(text)):
        return text
    raise PhoneNumberError(
        "Số điện thoại không đúng. Hãy nhập số di động 10 chữ số bắt đầu bằng 0 "
        "(ví dụ 0905 123 456) hoặc số bàn có mã vùng (ví dụ 0236 3 123 456).",
        en="The phone number is not right. Type a 10-digit mobile number starting with 0 (for "
           "example 0905 123 456) or a landline with its area code (for example 0236 3 123 456).")


def is_valid_phone(raw: str) -> bool:
    try:
        normalize_phone(raw)
    except PhoneNumberError:
        return False
    return True


def mask_phone(phone: str) -> str:
    """``0905123456`` → ``090****456`` for lists where the full number is not needed."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 6) + phone[-3:]


# -- retention -------------------------------------------------------------------------------


def contact_cutoff(now: datetime, retention_days: int) -> datetime:
    """Contact details kept with a consent given before this moment have expired.

    ``retention_days`` is the ``contact_retention_days`` setting (at least 1).
    """
    if isinstance(retention_days, bool) or not isinstance(retention_days, int) \
            or retention_days < 1:
        raise PrivacyError("Số ngày giữ thông tin liên hệ phải từ 1 trở lên.",
                           en="Contact details must be kept for at least 1 day.")
    return now - timedelta(days=retention_days)


def contact_expired(consent_at: datetime | None, created_at: datetime,
                    cutoff: datetime) -> bool:
    """The one retention rule for contact details (assistance records, home-visit requests):
    counted from the consent, or from when the row was made if it has none."""
    return (consent_at or created_at) < cutoff


# -- notes -----------------------------------------------------------------------------------

NOTE_MAX_CHARS = 280


@dataclass(frozen=True)
class Finding:
    """Something in a text that must not be stored. ``start``/``end`` index the NFC text."""

    kind: str  # "id_number" | "phone" | "long_number" | "otp" | "password"
    start: int
    end: int


# A number: digit groups (the first of 2+ digits) joined by one separator (space, dot, dash,
# slash or underscore, optionally with spaces around it), so "0905 123 456", "048/190/001/234",
# "0236 3 822 123" and "+84 905 123 456" are each one number. It may be glued to a word of two
# or more letters before it ("CCCD012345678901", "cccd_0123…", "sđt0905…") or after it, but
# not follow a single letter ("A001", the "H12" of a dossier code) nor "digit." / "digit-",
# so the digits inside a dossier code like "000.00.18.H12-250101-0001" do not count.
_LETTER = r"[^\W\d_]"
_NUMBER = re.compile(
    rf"(?:(?<![\w+])|(?<={_LETTER}{{2}})|(?<={_LETTER}{{2}}_))(?<!\d[.\-/_])(?<!\d\s[.\-/_]\s)"
    r"\+?\d{2,}(?:(?:\s?[.\-/_]\s?|\s)\d+)*")
# Nine or more digits in a row are an ID, a phone or an account number wherever they stand,
# even glued to a single letter ("A048190001234").
_LONG_RUN = re.compile(r"\d{9,}")
# Dates and clock times are masked before numbers are looked for: "10/03/2026 14:30" is not
# a 12-digit number. A date followed by more digit groups is not masked (it may be an ID).
_DATE = re.compile(r"(?<![\d.\-/_])(?:0?[1-9]|[12]\d|3[01])([/.\-])(?:0?[1-9]|1[0-2])\1"
                   r"(?:19|20)\d{2}(?!\d)(?!\s?[.\-/_]\s?\d)")
_TIME = re.compile(r"(?<![\d:])(?:[01]?\d|2[0-3])[:hg]\s?[0-5]\d(?![\d:])")


def _scan_text(norm: str) -> str:
    """``norm`` with every decimal digit as ASCII ("０" → "0") and dates/times masked with "#";
    same length, so positions found in it index ``norm``."""
    ascii_digits = "".join(str(unicodedata.digit(c)) if c.isdecimal() else c for c in norm)
    masked = _DATE.sub(lambda m: "#" * len(m.group(0)), ascii_digits)
    return _TIME.sub(lambda m: "#" * len(m.group(0)), masked)


# Amounts of money are long numbers too ("129.000.000 đồng"); those are fine in a note.
_MONEY_AFTER = re.compile(r"\s*(?:đ|₫|đồng|vnd|vnđ|k|nghìn|ngàn|triệu|tr|tỷ)(?!\w)", re.IGNORECASE)
_OTP_WORDS = re.compile(
    r"(?<!\w)(?:otp|mã|passcode|pass|code|mật\s*khẩu|mat\s*khau|mk|xác\s*nhận|xac\s*nhan|"
    r"xác\s*thực|xac\s*thuc)(?![^\W\d_])", re.IGNORECASE)
# Only "OTP"-like words make a 4–8 digit code suspicious; plain "mã" needs exactly 6 digits
# (an OTP or a VNeID passcode), because "mã hồ sơ 2024" is an ordinary thing to write.
_STRONG_OTP_WORDS = re.compile(
    r"(?<!\w)(?:otp|passcode|pass|mật\s*khẩu|mat\s*khau|mk)(?![^\W\d_])", re.IGNORECASE)
_PASSWORD = re.compile(
    r"(?<!\w)(?:mật\s*khẩu|mat\s*khau|password|passcode|pass|mk)\s*(?::|=|là|la)\s*(\S{4,})",
    re.IGNORECASE)
_NEAR = 25
#: Any decimal digit, of any script (``str.isdecimal``, which :func:`_scan_text` converts).
_ANY_DIGIT = re.compile(r"\d")

_DESCRIPTIONS_EN = {
    "id_number": "a number like a citizen ID card number",
    "phone": "a phone number",
    "long_number": "a long number (maybe a document, account or insurance number)",
    "otp": "an OTP or passcode",
    "password": "a password",
}
_FIELDS_EN = {"Ghi chú": "The note", "Lý do": "The reason",
              "Họ tên liên hệ": "The contact name"}

_DESCRIPTIONS = {
    "id_number": "một dãy số giống số căn cước hoặc chứng minh nhân dân",
    "phone": "một số điện thoại",
    "long_number": "một dãy số dài (có thể là số giấy tờ, số tài khoản hoặc số bảo hiểm)",
    "otp": "một mã OTP hoặc passcode",
    "password": "một mật khẩu",
}


def _classify(digits: str, plus: bool) -> str | None:
    n = len(digits)
    if (plus and digits.startswith("84") and n in (11, 12)) or (
            digits.startswith("84") and n == 11):
        return "phone"
    if (digits.startswith("0") and n == 10) or (digits.startswith("02") and n == 11):
        return "phone"
    if n in (9, 12):
        return "id_number"
    if n >= 9:
        return "long_number"
    return None


def find_sensitive(text: str) -> list[Finding]:
    """Everything in ``text`` that looks like an ID number, a phone, an OTP or a password."""
    norm = unicodedata.normalize("NFC", text or "")
    # Patterns are case-insensitive, so positions index ``norm`` itself (lower() could change
    # the length of some strings).
    findings: list[Finding] = []
    for m in _PASSWORD.finditer(norm):
        token = m.group(1)
        if any(c.isdigit() for c in token) or any(not c.isalnum() for c in token):
            findings.append(Finding("password", *m.span(1)))
    if not _ANY_DIGIT.search(norm):
        # Numbers, IDs, phones and OTPs all need a digit: most notes have none, and the
        # hub checks every note of every batch (benchmarks/hub_load.py).
        return findings
    scan = _scan_text(norm)
    matches = list(_NUMBER.finditer(scan))
    matches += [m for m in _LONG_RUN.finditer(scan)
                if not any(n.start() <= m.start() and m.end() <= n.end() for n in matches)]
    for m in matches:
        if any(p.start < m.end() and m.start() < p.end for p in findings):
            continue
        raw = m.group(0)
        digits = re.sub(r"\D", "", raw)
        # A money word after the number ("129.000.000 đồng") makes it an amount, unless the
        # number starts with 0: amounts never do, phone numbers always do ("0905123456 k
        # nghe máy": "k" is also texting shorthand for "không").
        if _MONEY_AFTER.match(scan, m.end()) and not digits.startswith("0"):
            continue
        kind = _classify(digits, raw.startswith("+"))
        if kind is None and 4 <= len(digits) <= 8:
            before = scan[max(0, m.start() - _NEAR):m.start()]
            after = scan[m.end():m.end() + _NEAR]
            near = before + " " + after
            if (len(digits) == 6 and _OTP_WORDS.search(near)) or _STRONG_OTP_WORDS.search(near):
                kind = "otp"
        if kind is not None:
            findings.append(Finding(kind, m.start(), m.end()))
    findings.sort(key=lambda f: f.start)
    return findings


def check_note(text: str, what: str = "Ghi chú") -> str:
    """Return the text (NFC, trimmed), or raise PrivacyError naming what was found.

    ``what`` names the field in the message ("Ghi chú", "Lý do"). Length is the caller's
    business (the note limit is :data:`NOTE_MAX_CHARS`).
    """
    norm = unicodedata.normalize("NFC", text or "").strip()
    findings = find_sensitive(norm)
    if findings:
        kinds = list(dict.fromkeys(f.kind for f in findings))
        found = ", ".join(_DESCRIPTIONS[k] for k in kinds)
        found_en = ", ".join(_DESCRIPTIONS_EN[k] for k in kinds)
        field_en = _FIELDS_EN.get(what, "This text")
        raise PrivacyError(
            f"{what} có {found}. Không được lưu số giấy tờ, số điện thoại, mật khẩu, "
            f"passcode hay mã OTP trong {what.lower()}. Vui lòng xóa phần đó rồi lưu lại.",
            tuple(findings),
            en=f"{field_en} has {found_en}. ID numbers, phone numbers, passwords, passcodes "
               "and OTPs must not be stored here. Please remove it and save again.")
    return norm


# -- consent texts ---------------------------------------------------------------------------

# The purpose stored with a contact consent; the consent text below states the same purpose.
CONTACT_PURPOSE_VI = "Liên hệ lại về lần hỗ trợ này"
CONTACT_PURPOSE_EN = "Follow-up on this help"

# Each consent notice answers the same four questions in its own block (shared/domain/facts.md
# §5: controller, purpose, retention, rights; withdrawal is in writing and handled within 15
# days), then says that saying no changes nothing. The screen shows the blocks; voice mode
# and the printed text read them in the same order.
_QUESTIONS = {
    "vi": ("Ai giữ thông tin?", "Để làm gì?", "Giữ bao lâu?", "Muốn rút lại?"),
    "en": ("Who keeps it?", "What for?", "For how long?", "Changed your mind?"),
}
_HEADINGS = {
    ("contact", "vi"): "Xin phép lưu họ tên và số điện thoại của bạn",
    ("contact", "en"): "May we keep your name and phone number?",
    ("ethnic", "vi"): "Xin phép ghi dân tộc của bạn",
    ("ethnic", "en"): "May we record your ethnic group?",
}
_WHO = {"vi": "{team}, {commune}.", "en": "{team}, {commune}."}
_WHY = {
    ("contact", "vi"): "Chỉ để liên hệ lại với bạn về lần hỗ trợ này. Không dùng vào việc khác "
                       "và không chuyển cho ai khác.",
    ("contact", "en"): "Only to contact you again about this help. Not used for anything else "
                       "and not passed to anyone else.",
    ("ethnic", "vi"): "Dân tộc là thông tin nhạy cảm. Chỉ dùng để đếm số người được hỗ trợ theo "
                      "dân tộc trong báo cáo thống kê, không dùng vào việc khác. Bạn có thể "
                      "không trả lời.",
    ("ethnic", "en"): "Ethnic group is sensitive information. It is used only to count the "
                      "people helped by ethnic group in statistical reports, and for nothing "
                      "else. You may choose not to answer.",
}
_HOW_LONG = {
    ("contact", "vi"): "{days} ngày, sau đó tự động bị xóa.",
    ("contact", "en"): "{days} days, then erased automatically.",
    ("ethnic", "vi"): "Cùng bản ghi lần hỗ trợ này, cho đến khi bạn xin xóa hoặc xã/phường xóa "
                      "bản ghi.",
    ("ethnic", "en"): "With the record of this help, until you ask for it to be erased or the "
                      "commune erases the record.",
}
_WITHDRAW = {
    "vi": "Bạn có quyền xem, sửa, xóa thông tin này và rút lại sự đồng ý bất cứ lúc nào. Muốn "
          "rút lại, hãy gửi yêu cầu bằng văn bản cho {team} (viết tay cũng được; thành viên "
          "của tổ có thể giúp bạn viết). Yêu cầu được xử lý trong 15 ngày.",
    "en": "You may see, correct or erase it and withdraw your consent at any time. To "
          "withdraw, give {team} a written request (handwritten is fine; a member of the team "
          "can help you write it). It is handled within 15 days.",
}
_NO_CHANGE = {"vi": "Nếu bạn không đồng ý, bạn vẫn được hỗ trợ như bình thường.",
              "en": "If you do not agree, you are helped just the same."}


@dataclass(frozen=True)
class ConsentNotice:
    """What a citizen is told before anything personal is kept, in four plain blocks."""

    kind: str  # "contact" | "ethnic"
    heading: str
    blocks: tuple[tuple[str, str], ...]  # (question, answer): who, why, how long, withdraw
    closing: str

    @property
    def text(self) -> str:
        """The whole notice as one text, in screen order (read aloud, stored, printed)."""
        parts = [self.heading + "."] + [f"{q} {a}" for q, a in self.blocks] + [self.closing]
        return " ".join(parts)


_DEFAULT_TEAM = {"vi": "Tổ Công nghệ số cộng đồng tại điểm hỗ trợ này",
                 "en": "The Community Digital Technology Team at this help point"}
_DEFAULT_COMMUNE = {"vi": "thuộc xã hoặc phường sở tại",
                    "en": "of the local commune or ward"}


def consent_notice(kind: str, team: str, commune: str, retention_days: int = 0,
                   language: str = "vi") -> ConsentNotice:
    """The consent notice for ``kind`` ("contact" or "ethnic").

    Args:
        team: the controller, e.g. "Tổ Công nghệ số cộng đồng thôn Phú Sơn" (the help point).
        commune: the commune-level unit, e.g. "phường Hải Châu".
        retention_days: ``contact_retention_days`` from the config (contact only).
        language: "vi" or "en".
    """
    lang = "en" if language == "en" else "vi"
    kind = "ethnic" if kind == "ethnic" else "contact"
    fill = {"team": team.strip() or _DEFAULT_TEAM[lang],
            "commune": commune.strip() or _DEFAULT_COMMUNE[lang], "days": retention_days}
    answers = (_WHO[lang], _WHY[(kind, lang)], _HOW_LONG[(kind, lang)], _WITHDRAW[lang])
    blocks = tuple((q, a.format(**fill)) for q, a in zip(_QUESTIONS[lang], answers,
                                                           strict=True))
    return ConsentNotice(kind, _HEADINGS[(kind, lang)], blocks, _NO_CHANGE[lang])


def contact_consent_text(team: str, commune: str, retention_days: int,
                         language: str = "vi") -> str:
    """The contact-consent notice as one text (see :func:`consent_notice`)."""
    return consent_notice("contact", team, commune, retention_days, language).text


def ethnic_consent_text(team: str, commune: str, language: str = "vi") -> str:
    """The consent notice for recording an ethnic group (sensitive data), as one text."""
    return consent_notice("ethnic", team, commune, 0, language).text
