"""Place lists as data: the shipped files, the checks on broken files, seeding, staff edits."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Place
from kiosk import audit
from kiosk.auth import CITIZEN, Actor, PermissionDenied
from kiosk.cli import main
from kiosk.paths import resource_path
from kiosk.places import (
    COMMUNE_KINDS,
    VILLAGE_KINDS,
    PlaceError,
    PlaceService,
    code_for_commune,
    communes,
    load_communes,
    load_places,
    load_villages,
    name_key,
    seed_places,
    villages,
)
from kiosk.store import Store

COMMUNES = resource_path("lists", "communes-danang.toml")
VILLAGES = resource_path("lists", "villages.toml")
TODAY = date(2026, 3, 10)  # the clock fixture's local day

HEAD = """valid_from = 2025-07-01
province = "Thành phố Đà Nẵng"
complete = false
expected_count = 94
sources = ["https://example.org/nguon"]
"""
GOOD_UNITS = """
[[unit]]
name = "Hải Vân"
kind = "phường"
former = ["xã Hòa Bắc"]

[[unit]]
name = "Bà Nà"
kind = "xã"
former = []
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(problems: object) -> list[str]:
    return [str(p) for p in problems]  # type: ignore[attr-defined]


# -- the shipped files ----------------------------------------------------------------------
def test_shipped_files_load_without_problems() -> None:
    lists = load_places()
    assert lists.problems == ()
    assert lists.communes is not None
    assert lists.communes.province == "Thành phố Đà Nẵng"
    assert lists.communes.valid_from == date(2025, 7, 1)
    assert lists.communes.sources, "every list must say where it comes from"
    assert lists.villages


def test_unit_count_matches_the_completeness_flag() -> None:
    raw = tomllib.loads(COMMUNES.read_text(encoding="utf-8"))
    lists = load_places()
    assert lists.communes is not None
    assert raw["expected_count"] == 94
    if raw["complete"]:
        assert len(lists.communes.units) == 94
        assert [lists.communes.count(k) for k in COMMUNE_KINDS] == [23, 70, 1]
    else:
        assert len(lists.communes.units) == len(raw["unit"]) < 94


def test_no_district_level_anywhere() -> None:
    for path, table in ((COMMUNES, "unit"), (VILLAGES, "village")):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        for entry in raw.get(table, []):
            keys = {k.casefold() for k in entry}
            assert not keys & {"district", "huyen", "huyện", "quan", "quận"}, path
    lists = load_places()
    assert lists.communes is not None
    assert {u.kind for u in lists.communes.units} <= set(COMMUNE_KINDS)
    assert {v.kind for v in lists.villages} <= set(VILLAGE_KINDS)
    for unit in lists.communes.units:
        for former in unit.former:
            assert not former.casefold().startswith(("quận", "huyện")), former


def test_ta_lang_is_in_hai_van_which_took_in_hoa_bac() -> None:
    lists = load_places()
    assert lists.communes is not None
    ta_lang = next(v for v in lists.villages if v.name == "Tà Lang")
    assert (ta_lang.kind, ta_lang.commune) == ("thôn", "Hải Vân")
    assert ta_lang.sources
    hai_van = next(u for u in lists.communes.units if u.name == "Hải Vân")
    assert hai_van.kind == "phường"
    assert "xã Hòa Bắc" in hai_van.former


def test_unconfirmed_village_names_are_not_shipped() -> None:
    names = {v.name for v in load_places().villages}
    assert not names & {"An Điềm", "Nam Mỹ", "Trường Định"}


# -- broken files give precise messages ---------------------------------------------------
def test_missing_name_unknown_kind_and_district_kind(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", HEAD + """
[[unit]]
kind = "xã"

[[unit]]
name = "Hòa Vang"
kind = "huyện"

[[unit]]
name = "Núi Thành"
kind = "thị trấn"
""")
    result, problems = load_communes(path)
    assert messages(problems) == [
        f"{path} [unit[1].name]: thiếu mục bắt buộc “name” (chuỗi chữ)",
        f"{path} [unit[2].kind]: loại “huyện” là cấp quận/huyện, đã bỏ từ 1/7/2025; "
        f"chỉ dùng: “phường”, “xã”, “đặc khu”",
        f"{path} [unit[3].kind]: loại lạ “thị trấn”; chỉ dùng: “phường”, “xã”, “đặc khu”",
    ]
    assert result is not None
    assert result.units == ()


def test_duplicate_names_even_with_other_tone_placement(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", HEAD + GOOD_UNITS + """
[[unit]]
name = "Hòa Vang"
kind = "xã"

[[unit]]
name = "Hoà  vang"
kind = "xã"

[[unit]]
name = "bà nà"
kind = "xã"
""")
    result, problems = load_communes(path)
    assert messages(problems) == [
        f"{path} [unit[4].name]: tên “Hoà vang” bị trùng với unit[3]",
        f"{path} [unit[5].name]: tên “bà nà” bị trùng với unit[2]",
    ]
    assert result is not None
    assert [u.name for u in result.units] == ["Hải Vân", "Bà Nà", "Hòa Vang"]


def test_bad_dates(tmp_path: Path) -> None:
    quoted = write(tmp_path, "quoted.toml", HEAD.replace("2025-07-01", '"2025-07-01"')
                   + GOOD_UNITS)
    result, problems = load_communes(quoted)
    assert result is None
    assert messages(problems) == [
        f"{quoted} [valid_from]: cần một ngày TOML, ví dụ valid_from = 2025-07-01 "
        f"(không có dấu ngoặc kép, không có giờ)",
    ]
    impossible = write(tmp_path, "impossible.toml", HEAD.replace("2025-07-01", "2025-13-01")
                       + GOOD_UNITS)
    result, problems = load_communes(impossible)
    assert result is None
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{impossible}: không đọc được TOML: ")


def test_complete_flag_must_match_the_count(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", HEAD.replace("complete = false", "complete = true")
                 + GOOD_UNITS)
    _, problems = load_communes(path)
    assert messages(problems) == [
        f"{path} [complete]: ghi complete = true nhưng có 2 đơn vị, cần đúng 94; "
        f"hãy bổ sung hoặc ghi complete = false",
    ]


def test_district_field_and_unknown_field(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", HEAD + """
[[unit]]
name = "Bà Nà"
kind = "xã"
huyen = "Hòa Vang"
ghi_chu = "x"
""")
    _, problems = load_communes(path)
    assert messages(problems) == [
        f"{path} [unit[1].ghi_chu]: mục lạ “ghi_chu”; các mục được dùng: code, former, kind, name",
        f"{path} [unit[1].huyen]: từ 1/7/2025 không còn cấp quận/huyện; hãy bỏ mục này",
    ]


def test_broken_village_file(tmp_path: Path) -> None:
    communes_file = write(tmp_path, "c.toml", HEAD + GOOD_UNITS)
    commune_list, problems = load_communes(communes_file)
    assert problems == []
    path = write(tmp_path, "v.toml", """
[[village]]
name = "Tà Lang"
kind = "thôn"
commune = "Hòa Bắc"
valid_from = 2025-07-01

[[village]]
kind = "thôn"
commune = "Hải Vân"
valid_from = 2025-07-01

[[village]]
name = "Giàn Bí"
kind = "xóm"
commune = "Hải Vân"
valid_from = 2025-07-01

[[village]]
name = "Nam Yên"
kind = "thôn"
commune = "phường Hải Vân"
valid_from = 2020-01-01

[[village]]
name = "Lộc Mỹ"
kind = "thôn"
commune = "Hải Vân"
valid_from = 2025-07-01

[[village]]
name = "Lộc  Mỹ"
kind = "tổ dân phố"
commune = "Hải Vân"
valid_from = "1/7/2025"

[[village]]
name = "Phò Nam"
kind = "thôn"
commune = "Sơn Trà"
valid_from = 2025-07-01
""")
    entries, problems = load_villages(path, commune_list)
    assert messages(problems) == [
        f"{path} [village[1].commune]: “Hòa Bắc” là tên trước 1/7/2025, nay thuộc phường "
        f"Hải Vân; hãy ghi commune = \"Hải Vân\"",
        f"{path} [village[2].name]: thiếu mục bắt buộc “name” (chuỗi chữ)",
        f"{path} [village[3].kind]: loại lạ “xóm”; chỉ dùng: “thôn”, “tổ dân phố”",
        f"{path} [village[4].valid_from]: ngày 01/01/2020 sớm hơn ngày phường Hải Vân bắt đầu "
        f"(01/07/2025)",
        f"{path} [village[6].valid_from]: cần một ngày TOML, ví dụ valid_from = 2025-07-01 "
        f"(không có dấu ngoặc kép, không có giờ)",
        f"{path} [village[6].name]: “Lộc Mỹ” bị trùng với village[5] (cùng phường Hải Vân)",
        f"{path} [village[7].commune]: không có xã/phường/đặc khu tên “Sơn Trà” trong c.toml",
    ]
    assert [(v.name, v.commune) for v in entries] == [("Lộc Mỹ", "Hải Vân")]


def test_missing_file_is_named(tmp_path: Path) -> None:
    lists = load_places(tmp_path / "khong-co.toml", VILLAGES)
    assert lists.communes is None
    assert messages(lists.problems)[0] == (
        f"{tmp_path / 'khong-co.toml'}: không có tệp này; hãy kiểm tra tên và thư mục")


# -- seeding and reading ------------------------------------------------------------------
def test_seed_fills_an_empty_table_once(store: Store) -> None:
    first = seed_places(store)
    assert (first.seeded, first.communes, first.villages) == (True, 94, 5)
    again = seed_places(store)
    assert not again.seeded
    with store.read() as s:
        rows = list(s.scalars(select(Place)))
    assert len(rows) == 99
    assert {r.level for r in rows} == {"commune", "village"}
    assert {r.kind for r in rows} <= set(COMMUNE_KINDS) | set(VILLAGE_KINDS)
    assert [a for _, _, a in audit.entries(store)].count("places.seed") == 1


def test_seed_refuses_a_broken_commune_list(store: Store, tmp_path: Path) -> None:
    broken = write(tmp_path, "c.toml", "valid_from = 2025-07-01\n")
    result = seed_places(store, load_places(broken, VILLAGES))
    assert not result.seeded
    assert result.problems
    assert communes(store) == []
    assert seed_places(store).seeded, "a fixed list seeds on the next start"


def test_communes_and_villages_on_a_day(store: Store) -> None:
    seed_places(store)
    today = communes(store)
    assert len(today) == 94
    assert today[0].label == "phường An Hải"
    assert communes(store, date(2025, 6, 30)) == []
    names = [v.name for v in villages(store, "Hải Vân")]
    assert names == ["Giàn Bí", "Lộc Mỹ", "Nam Yên", "Phò Nam", "Tà Lang"]
    assert [v.name for v in villages(store, "  phường  HẢI VÂN ")] == names
    assert villages(store, "Bà Nà") == []
    ta_lang = next(v for v in villages(store, "Hải Vân") if v.name == "Tà Lang")
    assert (ta_lang.parent_name, ta_lang.label) == ("Hải Vân", "thôn Tà Lang")


def test_tone_placement_does_not_matter_for_lookup(store: Store) -> None:
    seed_places(store)
    service = PlaceService(store)
    assert service.find_commune("xã Hoà Vang").name == "Hòa Vang"
    assert name_key("Hoà Vang") == name_key("Hòa  vang")


def test_old_commune_name_points_to_the_new_one(store: Store) -> None:
    seed_places(store)
    with pytest.raises(PlaceError, match="“Hòa Bắc” là tên trước 1/7/2025; nay thuộc phường "
                                         "Hải Vân"):
        villages(store, "Hòa Bắc")
    with pytest.raises(PlaceError, match="Không có xã/phường/đặc khu tên “Atlantis”"):
        villages(store, "Atlantis")


# -- staff edits --------------------------------------------------------------------------
def _ta_lang(store: Store, on: date = TODAY) -> int:
    return next(v.id for v in villages(store, "Hải Vân", on) if v.name == "Tà Lang")


@pytest.mark.parametrize("who", ["citizen", "volunteer"])
def test_only_staff_may_edit_villages(store: Store, volunteer: Actor, who: str) -> None:
    seed_places(store)
    actor = CITIZEN if who == "citizen" else volunteer
    service = PlaceService(store)
    village = _ta_lang(store)
    with pytest.raises(PermissionDenied):
        service.add_village(actor, "Hải Vân", "Thử Nghiệm", "thôn")
    with pytest.raises(PermissionDenied):
        service.rename_village(actor, village, "Tên Khác", TODAY)
    with pytest.raises(PermissionDenied):
        service.retire_village(actor, village, TODAY)
    assert len(villages(store, "Hải Vân")) == 5
    assert not [a for _, _, a in audit.entries(store) if a.startswith("place.")]


def test_staff_add_village(store: Store, staff: Actor) -> None:
    seed_places(store)
    service = PlaceService(store)
    added = service.add_village(staff, "Hải Vân", " Thử  Nghiệm ", "tổ dân phố")
    assert (added.name, added.kind, added.parent_name, added.valid_from) == (
        "Thử Nghiệm", "tổ dân phố", "Hải Vân", TODAY)
    assert "Thử Nghiệm" in [v.name for v in villages(store, "Hải Vân")]
    assert ("staff:" + staff.uuid, "place.village_add") in [
        (who, what) for _, who, what in audit.entries(store)]
    with pytest.raises(PlaceError, match="Phường Hải Vân đã có thôn “Tà Lang”"):
        service.add_village(staff, "Hải Vân", "tà lang", "thôn")
    with pytest.raises(PlaceError, match="chọn “thôn” hoặc “tổ dân phố”"):
        service.add_village(staff, "Hải Vân", "Mới", "huyện")
    with pytest.raises(PlaceError, match="Hãy nhập tên"):
        service.add_village(staff, "Hải Vân", "   ", "thôn")


def test_rename_keeps_the_former_name(store: Store, staff: Actor) -> None:
    seed_places(store)
    service = PlaceService(store)
    old_id = _ta_lang(store)
    renamed = service.rename_village(staff, old_id, "Tà Lang Mới", date(2026, 4, 1))
    assert renamed.former_names == ("Tà Lang",)
    assert renamed.valid_from == date(2026, 4, 1)
    before = [v.name for v in villages(store, "Hải Vân", date(2026, 3, 31))]
    after = {v.name: v for v in villages(store, "Hải Vân", date(2026, 4, 1))}
    assert "Tà Lang" in before
    assert "Tà Lang Mới" not in before
    assert "Tà Lang" not in after
    assert after["Tà Lang Mới"].former_names == ("Tà Lang",)
    assert service.get(old_id).valid_to == date(2026, 3, 31)
    again = service.rename_village(staff, renamed.id, "Tà Lang", date(2026, 5, 1))
    assert again.former_names == ("Tà Lang", "Tà Lang Mới")
    assert [a for _, _, a in audit.entries(store)].count("place.village_rename") == 2


def test_rename_rejects_bad_dates_and_clashes(store: Store, staff: Actor) -> None:
    seed_places(store)
    service = PlaceService(store)
    village = _ta_lang(store)
    with pytest.raises(PlaceError, match=r"phải sau ngày tên cũ bắt đầu dùng \(01/07/2025\)"):
        service.rename_village(staff, village, "Tên Khác", date(2025, 7, 1))
    with pytest.raises(PlaceError, match="đã có thôn “Giàn Bí”"):
        service.rename_village(staff, village, "Giàn Bí", TODAY)
    with pytest.raises(PlaceError, match="Tên mới giống tên cũ"):
        service.rename_village(staff, village, "tà  lang", TODAY)


def test_retire_village(store: Store, staff: Actor) -> None:
    seed_places(store)
    service = PlaceService(store)
    village = _ta_lang(store)
    service.retire_village(staff, village, date(2026, 6, 30))
    assert "Tà Lang" in [v.name for v in villages(store, "Hải Vân", date(2026, 6, 30))]
    assert "Tà Lang" not in [v.name for v in villages(store, "Hải Vân", date(2026, 7, 1))]
    with pytest.raises(PlaceError, match="đã ngừng dùng sau ngày 30/06/2026"):
        service.retire_village(staff, village, date(2026, 8, 1))
    other = next(v.id for v in villages(store, "Hải Vân") if v.name == "Giàn Bí")
    with pytest.raises(PlaceError, match=r"không được trước ngày bắt đầu \(01/07/2025\)"):
        service.retire_village(staff, other, date(2025, 1, 1))
    assert "place.village_retire" in [a for _, _, a in audit.entries(store)]


# -- the command line -----------------------------------------------------------------------
def test_cli_check_ok_and_broken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "d"), "places", "check"]) == 0
    out = capsys.readouterr().out
    assert "Danh sách hợp lệ" in out
    assert "94 đơn vị cấp xã (23 phường, 70 xã, 1 đặc khu)" in out
    broken = write(tmp_path, "c.toml", HEAD + '\n[[unit]]\nname = "Bà Nà"\nkind = "huyện"\n')
    assert main(["--data-dir", str(tmp_path / "d"), "places", "check",
                 "--communes", str(broken)]) == 1
    out = capsys.readouterr().out
    assert f"{broken} [unit[1].kind]: loại “huyện” là cấp quận/huyện" in out
    assert "Có " in out


def test_cli_list(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "places", "list", "--on", "2026-03-10"]) == 0
    out = capsys.readouterr().out
    assert "Đã nạp danh sách địa danh lần đầu: 94 đơn vị cấp xã, 5 thôn/tổ dân phố." in out
    assert "Đơn vị cấp xã ngày 10/03/2026: 94 (23 phường, 70 xã, 1 đặc khu)" in out
    assert "  phường Hải Vân — trước đây: phường Hòa Hiệp Bắc" in out
    assert main(["--data-dir", str(data_dir), "places", "list", "--commune", "Hải Vân"]) == 0
    out = capsys.readouterr().out
    assert "Thôn/tổ dân phố của phường Hải Vân" in out
    assert "  thôn Tà Lang" in out
    assert "Đã nạp" not in out
    assert main(["--data-dir", str(data_dir), "places", "list", "--commune", "Hòa Bắc"]) == 1
    assert "Lỗi: “Hòa Bắc” là tên trước 1/7/2025; nay thuộc phường Hải Vân." in (
        capsys.readouterr().err)
    assert main(["--data-dir", str(data_dir), "places", "list", "--on", "10/3/2026"]) == 0
    assert "Đơn vị cấp xã ngày 10/03/2026" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "places", "list", "--on", "2026-02-30"]) == 1
    assert "Lỗi: Ngày “2026-02-30” không có trên lịch" in capsys.readouterr().err


# -- official codes ---------------------------------------------------------------------------
def test_every_shipped_unit_has_a_unique_five_digit_code() -> None:
    result, problems = load_communes(COMMUNES)
    assert problems == [] and result is not None
    codes = [u.code for u in result.units]
    assert len(codes) == 94 == len(set(codes))
    assert all(len(c) == 5 and c.isdigit() for c in codes)
    by_name = {u.name: u.code for u in result.units}
    # Spot checks against the source named in the file's header.
    assert (by_name["Hải Châu"], by_name["Hòa Vang"], by_name["Hoàng Sa"],
            by_name["Tam Mỹ"]) == ("20242", "20320", "20333", "21004")


def test_bad_and_duplicate_codes_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", HEAD + """
[[unit]]
name = "Hải Vân"
kind = "phường"
code = "20194"

[[unit]]
name = "Bà Nà"
kind = "xã"
code = "20194"

[[unit]]
name = "Hòa Vang"
kind = "xã"
code = "2032"

[[unit]]
name = "Hòa Tiến"
kind = "xã"
code = 20332
""")
    result, problems = load_communes(path)
    assert messages(problems) == [
        f"{path} [unit[2].code]: mã “20194” bị trùng với unit[1]",
        f"{path} [unit[3].code]: mã “2032” phải gồm đúng 5 chữ số (ví dụ \"20194\")",
        f"{path} [unit[4].code]: “code” có kiểu sai: cần chuỗi chữ",
    ]
    assert result is not None and [u.code for u in result.units] == ["20194"]


@pytest.mark.parametrize(("typed", "code"), [
    ("Hòa Vang", "20320"), ("xã Hoà  vang", "20320"), ("phường Hải Châu", "20242"),
    ("Hòa Bắc (cũ)", "20194"),  # a former name: xã Hòa Bắc is in phường Hải Vân now
    ("Atlantis", None), ("", None)])
def test_code_for_commune_uses_the_commune_matching_rule(typed: str, code: str | None) -> None:
    assert code_for_commune(typed) == code
