"""Need-to-know on its own, without a database: which fields of a shaped model each role's
responses carry, however the model is serialised."""

from __future__ import annotations

import contextvars
import json
from collections.abc import Callable
from typing import Annotated, TypeVar

import pytest
from pydantic import BaseModel, Field, PlainSerializer, TypeAdapter, computed_field

from service.auth.need_to_know import Sensitive, Shaped, hidden_fields, set_viewer, shown
from service.auth.principal import Role
from service.data.network_graph import MapFlag, MapFlagContent, MapNode


class Flag(Shaped):
    ask: str
    details: Annotated[str | None, Sensitive.flag_details] = None


class Someone(Shaped):
    name: str
    notes: Annotated[str | None, Sensitive.notes] = None
    flags: list[Flag] = Field(default_factory=list)


class Page(BaseModel):
    """Not shaped itself: the shaped models inside it still are."""

    people: list[Someone]


def _page() -> Page:
    return Page(people=[Someone(name="Kai", notes="Met in May.",
                                flags=[Flag(ask="sw1", details="Named at MARAC.")])])  # fmt: skip


def _dumps(page: Page) -> list[dict[str, object]]:
    """The page as every way the service serialises a model gives it."""
    return [
        page.model_dump(),
        json.loads(page.model_dump_json()),
        json.loads(TypeAdapter(Page).dump_json(page)),
        # As FastAPI serialises a route's `response_model`.
        {"people": TypeAdapter(list[Someone]).dump_python(page.people, mode="json")},
        # As the map page reads its people, without copying their fields.
        {"people": [shown(person) for person in page.people]},
    ]


T = TypeVar("T")


def _fresh(work: Callable[[], T]) -> T:
    """`work` in a context of its own, as a request runs: no viewer set, and none left set for
    the tests after."""
    return contextvars.Context().run(work)


def _seen(role: Role | None) -> set[str]:
    """The sensitive fields `role` is given: notes and flag details."""
    return _fresh(lambda: _seen_here(role))


def _seen_here(role: Role | None) -> set[str]:
    if role is not None:
        set_viewer(role)
    seen: list[set[str]] = []
    for dumped in _dumps(_page()):
        person = dumped["people"][0]  # type: ignore[index]
        fields = {"notes"} & set(person) | {"details"} & set(person["flags"][0])
        seen.append(fields)
    assert all(s == seen[0] for s in seen), seen
    return seen[0]


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.coordinator, {"notes"}),
        (Role.social_worker, {"notes", "details"}),
        (Role.manager, {"notes", "details"}),
        (Role.admin, set()),
    ],
)
def test_each_role_is_given_what_it_may_see(role: Role, shown: set[str]) -> None:
    assert _seen(role) == shown
    assert hidden_fields(Someone, role) == {"notes"} - shown


def test_no_viewer_sees_no_sensitive_field() -> None:
    """A route that forgot the guard leaks nothing."""
    assert _seen(None) == set()


def test_shown_fields_keep_their_values() -> None:
    def dumped() -> dict[str, object]:
        set_viewer(Role.manager)
        return _page().model_dump()

    person = _fresh(dumped)["people"][0]  # type: ignore[index]
    assert person["notes"] == "Met in May."
    assert person["flags"][0] == {"ask": "sw1", "details": "Named at MARAC."}


def test_sensitive_fields_stay_in_the_documentation() -> None:
    assert {"name", "notes", "flags"} <= set(Someone.model_json_schema()["properties"])


def test_a_model_whose_types_come_later_is_refused() -> None:
    """Its marks could not be read when it is made: refused rather than left open."""
    with pytest.raises(TypeError, match="defined before it"):

        class Early(Shaped):
            later: Annotated[Later | None, Sensitive.notes] = None

    class Later(BaseModel):
        x: int


def test_a_mark_inside_a_type_is_refused() -> None:
    """Only a field's own marks are followed: a mark on a list's items would be missed."""
    with pytest.raises(TypeError, match="not a type within it"):

        class Inside(Shaped):
            notes: list[Annotated[str, Sensitive.notes]] = Field(default_factory=list)


def test_shown_refuses_a_model_whose_dump_it_would_not_match() -> None:
    class Computed(Shaped):
        name: str

        @computed_field  # type: ignore[prop-decorator]
        @property
        def initial(self) -> str:
            return self.name[:1]

    class Written(Shaped):
        name: Annotated[str, PlainSerializer(lambda name: name.upper())]

    class Own(Shaped):
        name: str = Field(exclude_if=lambda name: name == "Kai")

    for model in (Computed(name="Kai"), Written(name="Kai"), Own(name="Kai")):
        with pytest.raises(TypeError, match="dump it"):
            shown(model)


def test_shown_leaves_out_what_a_dump_leaves_out() -> None:
    class Held(Shaped):
        name: str
        in_care: bool = Field(default=False, exclude=True)
        notes: Annotated[str | None, Sensitive.notes] = None

    def seen() -> tuple[dict[str, object], dict[str, object]]:
        set_viewer(Role.coordinator)
        held = Held(name="Kai", in_care=True, notes="Met in May.")
        return shown(held), held.model_dump()

    view, dumped = _fresh(seen)
    assert view == dumped == {"name": "Kai", "notes": "Met in May."}


@pytest.mark.parametrize("role", [*Role, None])
def test_a_map_person_as_shown_is_as_dumped(role: Role | None) -> None:
    """The map page reads its people with `shown` (service.data.network_graph.for_page)."""
    node = MapNode(
        id="p1", name="Lee Test", group="maternal", relation="uncle by marriage", sex="male",
        living=True, birth_date="1980", death_date=None, birth_date_written="ABT 1980",
        birth_earliest="1980-01-01", generation=-1, kind="by_marriage", stage="approved",
        last_contact=None, lapsed=False, restricted=False, side="maternal", wish=None,
        flags=[MapFlag(ask="social worker 1",
                       content=MapFlagContent(kind="person_posing_risk_to_children", level=3))],
        path=[{"word": "mother", "person_id": "p2", "name": "Donna Test"}], x=1.5, y=-2.0,
    )  # fmt: skip

    def both() -> tuple[dict[str, object], dict[str, object]]:
        if role is not None:
            set_viewer(role)
        return shown(node), node.model_dump()

    view, dumped = _fresh(both)
    assert view == dumped
