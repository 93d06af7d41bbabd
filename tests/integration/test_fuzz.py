"""Fuzzing the kiosk's inputs with hypothesis: whatever arrives, it refuses calmly.

Each property runs twice: a short run in CI (``max_examples`` about 60, derandomized so CI is
repeatable) and a long run under ``-m slow`` whose case counts go into docs/reliability.md.
Inputs and what must hold:

- tutorial packs (random TOML text, random values in a valid pack, hostile image paths):
  ``load_catalogue`` never raises; a pack that does not load is named in ``problems``; an
  image is never outside its pack;
- ``config.toml`` (random text, random values): ``load_config`` never raises; a rejected file
  is kept as ``config.toml.bad`` and the defaults are used;
- mobile-team bundles, v1 and v2 (random bytes, a valid bundle with bytes flipped or cut,
  valid containers with hostile field values; for v2 signed by the trusted sender and sealed
  right, so they reach the checks behind the seal): ``import_bundle`` raises only
  ``BundleError`` and, when it refuses, writes nothing; a damaged v2 bundle is always refused;
- the command line (random argv from real words and random text): ``kiosk.cli.main`` ends
  with 0, 1 or 2 and never another exception;
- free-text notes: either stored as checked, or refused with a Vietnamese message; a note
  holding a phone number is always refused.

Each test prints how many cases it tried (``pytest -rP`` shows it).
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
import sys
import tomllib
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from db.models import Service
from kiosk import cli
from kiosk.assistance import AssistanceDraft, AssistanceError, AssistanceService
from kiosk.auth import Actor, AuthService, Role
from kiosk.bundles import BundleError, BundleService
from kiosk.config import CONFIG_FILE, OPTIONS, check_value, load_config
from kiosk.content.loader import TUTORIAL_FILE, load_catalogue
from kiosk.privacy import CONTACT_PURPOSE_VI, PrivacyError, check_note, find_sensitive
from kiosk.store import Store
from kiosk.sync.keys import DeviceKeys
from tests.conftest import SAMPLE_CONTENT, STAFF_PIN, VOLUNTEER_PIN

SHORT = 60
FULL = 1600

# Two sizes of every property: the CI one and the full one (slow marker).
SIZES = [pytest.param(SHORT, id="ci"), pytest.param(FULL, id="full", marks=pytest.mark.slow)]


def fuzz_settings(n: int) -> settings:
    return settings(max_examples=n, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.data_too_large])


def report(name: str, cases: int) -> None:
    """A figure for docs/reliability.md (``pytest -rP`` shows captured stdout)."""
    sys.stdout.write(f"fuzz {name}: {cases} cases tried\n")


class Counter:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> int:
        self.n += 1
        return self.n


# -- values ----------------------------------------------------------------------------------

# Text as a keyboard or an editor makes it: any character but a lone surrogate.
CHARS = st.characters(blacklist_categories=("Cs",))
TEXT = st.text(alphabet=CHARS, max_size=40)
KEY = st.text(alphabet=CHARS, min_size=1, max_size=8)
TOML_SCALAR = st.one_of(
    TEXT, st.integers(), st.integers(min_value=-10, max_value=200), st.booleans(),
    st.floats(allow_nan=False), st.dates(),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["", " ", "vi", "en", "https://vneid.gov.vn/", "images/step-01.svg",
                     "../../../etc/passwd", "/etc/passwd", "C:\\Windows\\win.ini", "a" * 5000]))
TOML_VALUE = st.recursive(
    TOML_SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=5),
                            st.dictionaries(KEY, inner, max_size=5)),
    max_leaves=12)


def _paths(obj: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key path inside a TOML document (dict keys and list indexes)."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield (*prefix, k)
            yield from _paths(v, (*prefix, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield (*prefix, i)
            yield from _paths(v, (*prefix, i))


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        doc = doc[key]
    doc[path[-1]] = value


# -- tutorial packs --------------------------------------------------------------------------

SAMPLE_PACK = SAMPLE_CONTENT / "sample-basic"
SAMPLE_DOC = tomllib.loads((SAMPLE_PACK / TUTORIAL_FILE).read_text(encoding="utf-8"))
SAMPLE_PATHS = list(_paths(SAMPLE_DOC))


def _fresh_root(base: Path, n: int) -> Path:
    root = base / f"root-{n}"
    shutil.copytree(SAMPLE_CONTENT, root)
    return root


def _check_catalogue(root: Path) -> None:
    cat = load_catalogue([root])
    loaded = {t.id for t in cat.tutorials}
    named = {p.file.parent.name for p in cat.problems}
    for folder in root.iterdir():
        if folder.is_dir():
            # No pack vanishes silently: it loads, or a problem names its folder.
            assert folder.name in loaded or folder.name in named, folder.name
    for problem in cat.problems:
        assert problem.message.strip()
    for tutorial in cat.tutorials:
        for step in tutorial.steps:
            if step.image is not None:
                step.image.resolve().relative_to(tutorial.folder.resolve())


@pytest.mark.parametrize("n", SIZES)
def test_tutorial_pack_random_text(n: int, tmp_path: Path) -> None:
    count = Counter()

    @fuzz_settings(n)
    @given(text=st.one_of(TEXT, st.text(max_size=400).map(lambda t: 'id = "sample-basic"\n' + t)),
           target=st.sampled_from([TUTORIAL_FILE, "../categories.toml",
                                   "../pronunciation.toml"]))
    def run(text: str, target: str) -> None:
        root = _fresh_root(tmp_path, count())
        # Lone surrogates become bytes that are not UTF-8: the loader must say so, too.
        (root / SAMPLE_PACK.name / target).write_text(text, encoding="utf-8",
                                                       errors="surrogatepass")
        _check_catalogue(root)

    run()
    report("tutorial pack, random TOML text", count.n)


@pytest.mark.parametrize("n", SIZES)
def test_tutorial_pack_random_field_values(n: int, tmp_path: Path) -> None:
    count = Counter()

    @fuzz_settings(n)
    @given(changes=st.lists(st.tuples(st.sampled_from(SAMPLE_PATHS), TOML_VALUE),
                            min_size=1, max_size=3),
           categories=st.one_of(st.none(), st.dictionaries(
               st.sampled_from(["category", "x"]), TOML_VALUE, max_size=2)),
           pronunciation=st.one_of(st.none(), st.dictionaries(
               st.sampled_from(["vi", "en", "x"]), TOML_VALUE, max_size=2)))
    def run(changes: list[tuple[tuple[Any, ...], Any]], categories: dict[str, Any] | None,
            pronunciation: dict[str, Any] | None) -> None:
        doc = json.loads(json.dumps(SAMPLE_DOC, default=str))
        doc["last_reviewed"] = SAMPLE_DOC["last_reviewed"]
        for path, value in changes:
            try:
                _set(doc, path, value)
            except (KeyError, IndexError, TypeError):
                continue  # an earlier change removed the place this one points into
        try:
            text = tomli_w.dumps(doc)
        except TypeError:  # a change made a non-string key: no TOML file can say that
            assume(False)
        root = _fresh_root(tmp_path, count())
        (root / SAMPLE_PACK.name / TUTORIAL_FILE).write_text(text, encoding="utf-8")
        if categories is not None:
            (root / "categories.toml").write_text(tomli_w.dumps(categories), encoding="utf-8")
        if pronunciation is not None:
            (root / "pronunciation.toml").write_text(tomli_w.dumps(pronunciation),
                                                     encoding="utf-8")
        _check_catalogue(root)

    run()
    report("tutorial pack, random field values", count.n)


HOSTILE_PATHS = st.one_of(
    st.sampled_from(["../../../../etc/passwd", "/etc/passwd", "..\\..\\secret.png",
                     "C:\\Windows\\system32\\x.png", "images/../../outside.svg",
                     "images/%2e%2e/x.svg", "link-out/step.svg", "images\x00.svg",
                     "//server/share/x.png", "images/step-01.svg/..", "~/x.svg"]),
    TEXT.map(lambda t: "../" + t + ".svg"))


@pytest.mark.parametrize("n", SIZES)
def test_tutorial_images_never_leave_the_pack(n: int, tmp_path: Path) -> None:
    count = Counter()
    outside = tmp_path / "outside.svg"
    outside.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")

    @fuzz_settings(n)
    @given(image=HOSTILE_PATHS, step=st.integers(min_value=0, max_value=2))
    def run(image: str, step: int) -> None:
        root = _fresh_root(tmp_path, count())
        pack = root / SAMPLE_PACK.name
        (pack / "link-out").symlink_to(tmp_path, target_is_directory=True)
        doc = dict(SAMPLE_DOC)
        doc["steps"] = [dict(s) for s in SAMPLE_DOC["steps"]]
        doc["steps"][step]["image"] = image
        (pack / TUTORIAL_FILE).write_text(tomli_w.dumps(doc), encoding="utf-8")
        _check_catalogue(root)

    run()
    report("tutorial pack, hostile image paths", count.n)


# -- config ----------------------------------------------------------------------------------

OPTION_NAMES = [o.name for o in OPTIONS]


def _check_config(data_dir: Path, original: bytes) -> None:
    cfg, problem = load_config(data_dir)
    for name, value in cfg.values.items():
        assert check_value(name, value) is None, (name, value)
    if problem is not None and problem.kept_as is not None:  # unreadable: set aside whole
        assert problem.message.strip()
        assert not (data_dir / CONFIG_FILE).exists()
        assert (data_dir / (CONFIG_FILE + ".bad")).read_bytes() == original
    else:  # readable: bad values cost only themselves, the file stays
        assert (data_dir / CONFIG_FILE).read_bytes() == original


@pytest.mark.parametrize("n", SIZES)
def test_config_file_random_text(n: int, tmp_path: Path) -> None:
    count = Counter()

    @fuzz_settings(n)
    @given(raw=st.one_of(st.binary(max_size=300), TEXT.map(lambda t: t.encode("utf-8")),
                         st.text(max_size=200).map(lambda t: ("desk_count = " + t).encode(
                             "utf-8", "surrogatepass"))))
    def run(raw: bytes) -> None:
        d = tmp_path / f"c{count()}"
        d.mkdir()
        (d / CONFIG_FILE).write_bytes(raw)
        _check_config(d, raw)

    run()
    report("config.toml, random text", count.n)


@pytest.mark.parametrize("n", SIZES)
def test_config_file_random_values(n: int, tmp_path: Path) -> None:
    count = Counter()

    @fuzz_settings(n)
    @given(values=st.dictionaries(st.one_of(st.sampled_from(OPTION_NAMES), KEY),
                                  TOML_VALUE, max_size=6))
    def run(values: dict[str, Any]) -> None:
        d = tmp_path / f"c{count()}"
        d.mkdir()
        raw = tomli_w.dumps(values).encode("utf-8")
        (d / CONFIG_FILE).write_bytes(raw)
        _check_config(d, raw)

    run()
    report("config.toml, random values", count.n)


# -- bundles ---------------------------------------------------------------------------------


def _member_store(path: Path) -> tuple[Store, Actor, Actor]:
    store = Store.open(path)
    auth = AuthService(store)
    auth.add_member(None, "Cán bộ Lan", Role.STAFF, STAFF_PIN)
    staff = auth.sign_in(STAFF_PIN)
    auth.add_member(staff, "Tình nguyện viên Hùng", Role.VOLUNTEER, VOLUNTEER_PIN)
    volunteer = auth.sign_in(VOLUNTEER_PIN)
    with store.write() as s:
        s.add(Service(code="vneid", prefix="A", name_vi="Tài khoản định danh VNeID"))
    return store, staff, volunteer


def _snapshot(db: Path) -> tuple[Any, ...]:
    conn = sqlite3.connect(str(db))
    try:
        return tuple(tuple(conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall())
                     for t in ("assistance", "activity_day", "volunteer"))
    finally:
        conn.close()


@pytest.fixture
def bundle_setup(tmp_path: Path) -> Iterator[tuple[bytes, Store, Actor, Path]]:
    """A valid bundle from a mobile laptop, and a help point that already imported it."""
    laptop, laptop_staff, laptop_volunteer = _member_store(tmp_path / "laptop")
    now = laptop.clock.now()
    service = AssistanceService(laptop)
    for i in range(3):
        service.log(laptop_volunteer, AssistanceDraft(
            started_at=now - timedelta(hours=i + 1), ended_at=now - timedelta(hours=i),
            services=("vneid",), channel="home_visit", note=f"Cài VNeID lần {i}",
            contact_name="Lê Thị Mai", contact_phone="0905123456", contact_consent=True,
            contact_consent_purpose=CONTACT_PURPOSE_VI))
    valid = tmp_path / "valid.zip"
    BundleService(laptop).export_unsigned_bundle(laptop_staff, date(2020, 1, 1), valid)
    laptop.close()
    point, point_staff, _ = _member_store(tmp_path / "point")
    BundleService(point).import_bundle(point_staff, valid, unverified_ok=True)
    yield valid.read_bytes(), point, point_staff, tmp_path
    point.close()


def _try_import(store: Store, staff: Actor, blob: bytes, path: Path) -> bool:
    """Import ``blob``; True if accepted. Only BundleError may come out; a refusal writes
    nothing."""
    path.write_bytes(blob)
    db = Path(str(store.engine.url.database))
    before = _snapshot(db)
    try:
        BundleService(store).import_bundle(staff, path, unverified_ok=True)
    except BundleError as exc:
        message = str(exc)
    else:
        return True
    assert message.strip()
    assert _snapshot(db) == before
    return False


@pytest.mark.parametrize("n", SIZES)
def test_bundle_random_or_damaged_bytes(n: int, bundle_setup: tuple[bytes, Store, Actor, Path]
                                        ) -> None:
    valid, store, staff, tmp_path = bundle_setup
    db = Path(str(store.engine.url.database))
    settled = _snapshot(db)
    count = Counter()
    accepted = Counter()

    @fuzz_settings(n)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        kind = data.draw(st.sampled_from(["random", "flip", "cut", "append"]))
        if kind == "random":
            blob = data.draw(st.binary(max_size=2000))
        elif kind == "flip":
            blob = bytearray(valid)
            for pos in data.draw(st.lists(st.integers(0, len(valid) - 1), min_size=1,
                                          max_size=4)):
                blob[pos] ^= data.draw(st.integers(1, 255))
            blob = bytes(blob)
        elif kind == "cut":
            blob = valid[:data.draw(st.integers(0, len(valid) - 1))]
        else:
            blob = valid + data.draw(st.binary(min_size=1, max_size=200))
        if _try_import(store, staff, blob, tmp_path / f"b{count()}.zip"):
            accepted()
            # A bundle that still reads is the same bundle: nothing new to merge.
            assert _snapshot(db) == settled

    run()
    report(f"bundle, random or damaged bytes ({accepted.n} harmless changes accepted)",
           count.n)


def _rezip(manifest: dict[str, Any], records: bytes) -> bytes:
    manifest = dict(manifest, sha256=hashlib.sha256(records).hexdigest())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("records.json", records)
    return out.getvalue()


JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              TEXT, st.sampled_from(["2026-03-10T03:00:00Z", "2026-03-10", "vneid", "done",
                                     "00000000-0000-4000-8000-000000000001", "0905123456",
                                     "x" * 100_000])),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=10)


@pytest.mark.parametrize("n", SIZES)
def test_bundle_hostile_field_values(n: int, bundle_setup: tuple[bytes, Store, Actor, Path]
                                     ) -> None:
    valid, store, staff, tmp_path = bundle_setup
    with zipfile.ZipFile(io.BytesIO(valid)) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        payload = json.loads(zf.read("records.json"))
    paths = [p for p in _paths(payload) if len(p) >= 2]
    manifest_paths = list(_paths(manifest))
    count = Counter()

    @fuzz_settings(n)
    @given(changes=st.lists(st.tuples(st.sampled_from(paths), JSON_VALUE), min_size=1,
                            max_size=3),
           manifest_change=st.one_of(st.none(), st.tuples(st.sampled_from(manifest_paths),
                                                          JSON_VALUE)))
    def run(changes: list[tuple[tuple[Any, ...], Any]],
            manifest_change: tuple[tuple[Any, ...], Any] | None) -> None:
        doc = json.loads(json.dumps(payload))
        for path, value in changes:
            try:
                _set(doc, path, value)
            except (KeyError, IndexError, TypeError):
                continue
        man = json.loads(json.dumps(manifest))
        if manifest_change is not None:
            _set(man, *manifest_change)
        blob = _rezip(man, json.dumps(doc).encode("utf-8"))
        _try_import(store, staff, blob, tmp_path / f"h{count()}.zip")

    run()
    report("bundle, hostile field values", count.n)


# -- v2 bundles (signed and sealed, issue #20 item 5) ----------------------------------------


@pytest.fixture
def v2_setup(tmp_path: Path) -> Iterator[tuple[bytes, Store, Actor, Path, DeviceKeys]]:
    """A v2 bundle from a trusted laptop sealed to a help point that already imported it;
    the laptop's keys, to sign hostile content so it reaches the validator."""
    point, point_staff, _ = _member_store(tmp_path / "point")
    laptop, laptop_staff, laptop_volunteer = _member_store(tmp_path / "laptop")
    now = laptop.clock.now()
    service = AssistanceService(laptop)
    for i in range(3):
        service.log(laptop_volunteer, AssistanceDraft(
            started_at=now - timedelta(hours=i + 1), ended_at=now - timedelta(hours=i),
            services=("vneid",), channel="home_visit", note=f"Cài VNeID lần {i}",
            contact_name="Lê Thị Mai", contact_phone="0905123456", contact_consent=True,
            contact_consent_purpose=CONTACT_PURPOSE_VI))
    valid = tmp_path / "valid.hkb"
    sender, into = BundleService(laptop), BundleService(point)
    sender.export_bundle(laptop_staff, date(2020, 1, 1), valid,
                         to_key=into.keys().box_public_b64())
    keys = sender.keys()
    laptop.close()
    into.import_bundle(point_staff, valid, trust_key=keys.verify_key_b64())
    yield valid.read_bytes(), point, point_staff, tmp_path, keys
    point.close()


@pytest.mark.parametrize("n", SIZES)
def test_bundle_v2_random_or_damaged_bytes(
        n: int, v2_setup: tuple[bytes, Store, Actor, Path, DeviceKeys]) -> None:
    """Any change to a sealed bundle is refused whole (the seal's MAC), never an exception."""
    valid, store, staff, tmp_path, _ = v2_setup
    count = Counter()

    @fuzz_settings(n)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        kind = data.draw(st.sampled_from(["random", "flip", "cut", "append", "magic"]))
        if kind == "random":
            blob = data.draw(st.binary(max_size=2000))
        elif kind == "magic":
            blob = valid[:5] + data.draw(st.binary(max_size=2000))
        elif kind == "flip":
            blob = bytearray(valid)
            for pos in data.draw(st.lists(st.integers(0, len(valid) - 1), min_size=1,
                                          max_size=4)):
                blob[pos] ^= data.draw(st.integers(1, 255))
            blob = bytes(blob)
        elif kind == "cut":
            blob = valid[:data.draw(st.integers(0, len(valid) - 1))]
        else:
            blob = valid + data.draw(st.binary(min_size=1, max_size=200))
        if blob == valid:  # two flips of one byte that cancel out: the same bundle
            return
        assert not _try_import(store, staff, blob, tmp_path / f"v{count()}.hkb")

    run()
    report("bundle v2, random or damaged bytes (all refused)", count.n)


@pytest.mark.parametrize("n", SIZES)
def test_bundle_v2_hostile_signed_content(
        n: int, v2_setup: tuple[bytes, Store, Actor, Path, DeviceKeys]) -> None:
    """Hostile manifest and payload values, signed by the trusted sender and sealed right, so
    they get past the seal and the signature: refused whole by the checks behind them."""
    import base64

    from nacl.public import PublicKey, SealedBox

    from kiosk.sync.batch import MAGIC

    valid, store, staff, tmp_path, keys = v2_setup
    point_keys = BundleService(store).keys()
    with zipfile.ZipFile(io.BytesIO(point_keys.unseal(valid[len(MAGIC):]))) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        payload = json.loads(zf.read("payload.json"))
    paths = [p for p in _paths(payload) if len(p) >= 2]
    manifest_paths = list(_paths(manifest))
    box = SealedBox(PublicKey(base64.b64decode(point_keys.box_public_b64())))
    count = Counter()

    @fuzz_settings(n)
    @given(changes=st.lists(st.tuples(st.sampled_from(paths), JSON_VALUE), min_size=1,
                            max_size=3),
           manifest_change=st.one_of(st.none(), st.tuples(st.sampled_from(manifest_paths),
                                                          JSON_VALUE)))
    def run(changes: list[tuple[tuple[Any, ...], Any]],
            manifest_change: tuple[tuple[Any, ...], Any] | None) -> None:
        doc = json.loads(json.dumps(payload))
        for path, value in changes:
            try:
                _set(doc, path, value)
            except (KeyError, IndexError, TypeError):
                continue
        body = json.dumps(doc).encode("utf-8")
        man = dict(json.loads(json.dumps(manifest)), payload_sha256=hashlib.sha256(
            body).hexdigest())
        if manifest_change is not None:
            _set(man, *manifest_change)
        man_bytes = json.dumps(man).encode("utf-8")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("manifest.json", man_bytes)
            zf.writestr("payload.json", body)
            zf.writestr("signature", keys.sign(man_bytes))
        blob = MAGIC + bytes(box.encrypt(out.getvalue()))
        _try_import(store, staff, blob, tmp_path / f"s{count()}.hkb")

    run()
    report("bundle v2, hostile signed content", count.n)


# -- the command line ------------------------------------------------------------------------

WORDS = ["content", "check", "sheet", "places", "list", "bundle", "export", "import",
         "records", "purge", "find", "erase", "queue", "services", "test-ticket", "demo-data",
         "backup", "restore", "-h", "--help", "--version", "--data-dir", "--windowed", "--demo",
         "--self-test", "-v", "--to", "--daily", "--list", "--yes", "--out", "--since",
         "--phone", "--from", "--period", "--format", "--what", "--include-contacts", "--all",
         "--size", "--lang", "--width", "--service", "--days", "--per-day", "--seed",
         "--communes", "--villages", "--on", "--commune", "2026-03-10", "10/03/2026",
         "2026-02-30", "0905123456", "csv", "xlsx", "pdf", "json", "A4", "vi", "en", "80", "58",
         "0", "-1", "3", "out.csv", "out.pdf", "b.zip", "x.sqlite3", "data", ".", "vneid",
         "sample-basic", "month", "2026-03", "--", "="]
SAFE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                           blacklist_characters="\x00"), max_size=12).filter(
    lambda t: not t.startswith(("/", "\\", "~")) and ".." not in t and ":" not in t)
# Real command prefixes, so most cases get past the parser into the handlers.
PREFIXES = [[], ["backup"], ["backup", "--to"], ["backup", "--daily"], ["backup", "--list"],
            ["restore"], ["restore", "--yes"], ["bundle", "import"],
            ["bundle", "export", "--since"], ["records", "purge"], ["records", "find", "--phone"],
            ["records", "export", "--phone"], ["records", "erase", "--phone"],
            ["places", "check"], ["places", "list"], ["content", "check"],
            ["queue", "services"], ["queue", "test-ticket", "--out"], ["export", "--format"],
            ["sheet", "--out"]]
ARGV = st.builds(lambda prefix, tail: [*prefix, *tail], st.sampled_from(PREFIXES),
                 st.lists(st.one_of(st.sampled_from(WORDS), SAFE_TEXT), max_size=6))


@pytest.mark.parametrize("n", SIZES)
def test_cli_random_arguments(n: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_STAFF_PIN", "0000")  # a wrong PIN: nothing asks on a terminal
    monkeypatch.setattr("builtins.input", lambda *_a: "")
    count = Counter()

    @fuzz_settings(n)
    @given(argv=ARGV)
    def run(argv: list[str]) -> None:
        assume("demo-data" not in argv or "--days" not in argv)  # big on purpose: slow
        count()
        try:
            code = cli.main(argv)
        except SystemExit as exc:
            code = exc.code  # type: ignore[assignment]
        assert code in (0, 1, 2), (argv, code)
        codes[code] = codes.get(code, 0) + 1
        capsys.readouterr()

    codes: dict[int, int] = {}
    run()
    report(f"command line, random argv (exit codes {dict(sorted(codes.items()))})", count.n)


# -- free-text notes -------------------------------------------------------------------------


@pytest.fixture
def note_logger(tmp_path: Path) -> Iterator[Callable[[str], str | None]]:
    store, _staff, volunteer = _member_store(tmp_path / "notes")
    service = AssistanceService(store)
    now = store.clock.now()

    def log_note(note: str) -> str | None:
        """The stored note, or None when it was refused (with a message)."""
        try:
            rec = service.log(volunteer, AssistanceDraft(
                started_at=now - timedelta(minutes=10), ended_at=now, services=("vneid",),
                note=note))
        except (AssistanceError, PrivacyError) as exc:
            message = str(exc)
        else:
            return rec.note
        assert message.strip()
        return None

    yield log_note
    store.close()


PHONE = st.builds(lambda first, rest, sep: "0" + first + sep.join([rest[:3], rest[3:6],
                                                                     rest[6:]]),
                  st.sampled_from("35789"), st.text(alphabet="0123456789", min_size=8,
                                                    max_size=8),
                  st.sampled_from(["", " ", ".", "-"]))


@pytest.mark.parametrize("n", SIZES)
def test_free_text_note(n: int, note_logger: Callable[[str], str | None]) -> None:
    count = Counter()

    @fuzz_settings(n)
    @given(note=st.text(alphabet=CHARS, max_size=300))
    def run(note: str) -> None:
        count()
        stored = note_logger(note)
        if stored is not None:
            assert stored == check_note(note)
            assert find_sensitive(stored) == []

    run()
    report("assistance note, random text", count.n)


@pytest.mark.parametrize("n", SIZES)
def test_note_with_a_phone_number_is_refused(n: int,
                                             note_logger: Callable[[str], str | None]) -> None:
    count = Counter()
    words = st.lists(st.sampled_from(["gọi", "lại", "cho", "bà", "số", "sđt", "đt", "con",
                                      "trai", "nhà", "sau", "chiều", "mai", "nhé", "Zalo",
                                      "liên", "hệ", "qua", "được", "không", "k", "đ", "tr"]),
                     max_size=5).map(" ".join)

    @fuzz_settings(n)
    @given(before=words, phone=PHONE, after=words)
    def run(before: str, phone: str, after: str) -> None:
        count()
        note = f"{before} {phone} {after}".strip()
        assert note_logger(note) is None, f"a phone number was stored in a note: {note!r}"

    run()
    report("assistance note with a phone number", count.n)



# -- issue #16 item 7: nested/huge JSON and TOML, extreme numbers and dates ---------------------

# Number text as a hostile file spells it: past Python's 4,300-digit int limit, past a
# float's range, or not a JSON number at all.
EXTREME_NUMBER = st.one_of(
    st.integers(1, 10_000).map(lambda d: "9" * d),
    st.integers(1, 6_000).map(lambda d: "-" + "1" * d),
    st.integers(4_000, 5_000).map(lambda d: "1" * d + ".5"),
    st.sampled_from(["1e309", "-1e309", "1e-400", "NaN", "Infinity", "-Infinity", "0x10",
                     "1_000", "1" + "0" * 400 + "e-400", "18446744073709551616",
                     "-9223372036854775809"]))
# Nesting deeper than any parser's recursion, or just deep.
DEEP_ARRAY = st.one_of(st.integers(1, 100_000), st.integers(1, 60)).map(
    lambda d: "[" * d + "]" * d)
EXTREME_DATE = st.sampled_from([
    "9999-12-31T23:59:59", "9999-12-31T00:00:00Z", "0001-01-01T00:00:00", "1970-01-01T00:00:00",
    "2026-02-30T00:00:00", "+275760-09-13T00:00:00", "2026-03-10T03:00:00+14:00",
    "2026-03-10T03:00:00-12:00", "2019-12-31T23:59:59", "2099-01-01"])
_MARK = "__extreme_value__"


@pytest.mark.parametrize("n", SIZES)
def test_bundle_extreme_json(n: int, bundle_setup: tuple[bytes, Store, Actor, Path]) -> None:
    """A 5,000-digit number, 100,000 nested brackets or a date in year 9999 anywhere in a
    bundle: refused with a clear reason (BundleError), never a traceback."""
    valid, store, staff, tmp_path = bundle_setup
    with zipfile.ZipFile(io.BytesIO(valid)) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        payload = json.loads(zf.read("records.json"))
    paths = [p for p in _paths(payload) if len(p) >= 2]
    date_paths = [p for p in paths if str(p[-1]).endswith("_at") or p[-1] == "day"]
    count = Counter()

    @fuzz_settings(n)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        doc = json.loads(json.dumps(payload))
        kind = data.draw(st.sampled_from(["number", "deep", "date", "whole"]))
        if kind == "date":
            _set(doc, data.draw(st.sampled_from(date_paths)), data.draw(EXTREME_DATE))
            body = json.dumps(doc)
        elif kind == "whole":
            body = data.draw(st.one_of(EXTREME_NUMBER, DEEP_ARRAY))
        else:
            _set(doc, data.draw(st.sampled_from(paths)), _MARK)
            raw = data.draw(EXTREME_NUMBER if kind == "number" else DEEP_ARRAY)
            body = json.dumps(doc).replace(f'"{_MARK}"', raw, 1)
        blob = _rezip(manifest, body.encode("utf-8"))
        accepted = _try_import(store, staff, blob, tmp_path / f"x{count()}.zip")
        if kind in ("deep", "whole"):
            assert not accepted

    run()
    report("bundle, extreme numbers, nesting and dates", count.n)


@pytest.mark.parametrize("n", SIZES)
def test_config_extreme_values(n: int, tmp_path: Path) -> None:
    count = Counter()

    @fuzz_settings(n)
    @given(name=st.sampled_from(OPTION_NAMES),
           value=st.one_of(EXTREME_NUMBER, DEEP_ARRAY, EXTREME_DATE.map(lambda d: d[:10]),
                           EXTREME_DATE, st.integers(1, 6_000).map(lambda d: f'"{"9" * d}"')))
    def run(name: str, value: str) -> None:
        d = tmp_path / f"c{count()}"
        d.mkdir()
        raw = f'help_point_name = "Điểm hỗ trợ số Hòa Bắc"\n{name} = {value}\n'.encode()
        (d / CONFIG_FILE).write_bytes(raw)
        _check_config(d, raw)

    run()
    report("config.toml, extreme numbers, nesting and dates", count.n)


@pytest.mark.parametrize("n", SIZES)
def test_tutorial_pack_extreme_values(n: int, tmp_path: Path) -> None:
    count = Counter()
    original = (SAMPLE_PACK / TUTORIAL_FILE).read_text(encoding="utf-8")

    @fuzz_settings(n)
    @given(key=st.sampled_from(["minutes", "version", "order", "level", "extra_x"]),
           value=st.one_of(EXTREME_NUMBER, DEEP_ARRAY, EXTREME_DATE.map(lambda d: d[:10])))
    def run(key: str, value: str) -> None:
        root = _fresh_root(tmp_path, count())
        (root / SAMPLE_PACK.name / TUTORIAL_FILE).write_text(
            f"{key} = {value}\n" + original, encoding="utf-8")
        _check_catalogue(root)

    run()
    report("tutorial pack, extreme numbers, nesting and dates", count.n)
