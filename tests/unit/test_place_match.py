"""One rule for "which commune (or village) is this name?": current name, then former name."""

from __future__ import annotations

import pytest

from kiosk.places import PlaceService, match_commune, match_place, seed_places, without_brackets
from kiosk.store import Store


@pytest.fixture
def service(store: Store) -> PlaceService:
    seed_places(store)
    return PlaceService(store)


@pytest.mark.parametrize(("text", "label", "by_former"), [
    ("Hải Vân", "phường Hải Vân", False),
    ("  phường   hải vân ", "phường Hải Vân", False),
    ("xã Hoà Vang", "xã Hòa Vang", False),  # old tone placement
    ("Hòa Bắc (cũ)", "phường Hải Vân", True),
    ("xã Hòa Bắc", "phường Hải Vân", True),
])
def test_current_name_first_then_former(service: PlaceService, text: str, label: str,
                                        by_former: bool) -> None:
    found = match_place(service.communes(), text)
    assert found is not None
    assert (found.place.label, found.by_former) == (label, by_former)
    assert match_commune(service.communes(), text) == found.place


@pytest.mark.parametrize("text", ["Atlantis", "", "   ", "()"])
def test_unknown_or_empty_names_match_nothing(service: PlaceService, text: str) -> None:
    assert match_place(service.communes(), text) is None


def test_villages_match_the_same_way(service: PlaceService) -> None:
    hai_van = match_commune(service.communes(), "Hải Vân")
    assert hai_van is not None
    villages = service.villages(hai_van.id)
    found = match_place(villages, "thôn Tà Lang")
    assert found is not None and found.place.name == "Tà Lang"


def test_brackets_are_a_note_not_part_of_the_name() -> None:
    assert without_brackets("Hòa Bắc (cũ)") == "Hòa Bắc"
    assert without_brackets("Hải Vân") == "Hải Vân"
