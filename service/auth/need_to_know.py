"""Need-to-know: the one place that decides which fields a role may see.

A response model marks a field as sensitive with `Annotated[..., Sensitive.notes]` and derives
from `Shaped`. Whenever such a model is serialised, in any response, the fields the viewer's
role may not see are left out of the body (absent, not null). The viewer is set by the case
guard for the request; with no viewer set, every sensitive field is left out, so a route that
forgets the guard leaks nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, PlainSerializer, TypeAdapter, WrapSerializer
from pydantic.fields import FieldInfo

from service.auth.principal import Role


class Sensitive(StrEnum):
    # Free-text notes on people and ties: what a worker wrote down.
    notes = "notes"
    # Where someone lives: never to be handed on without need.
    address = "address"
    # What a safety flag says: kind, level, source, details. Everyone sees that a flag
    # exists and whom to ask; only those who decide on contact see what it says.
    flag_details = "flag_details"


_CASE_WORKERS = frozenset({Role.coordinator, Role.social_worker, Role.manager})

POLICY: Mapping[Sensitive, frozenset[Role]] = {
    Sensitive.notes: _CASE_WORKERS,
    Sensitive.address: _CASE_WORKERS,
    Sensitive.flag_details: frozenset({Role.social_worker, Role.manager}),
}

_viewer: ContextVar[Role | None] = ContextVar("need_to_know_viewer", default=None)


def set_viewer(role: Role) -> None:
    """Set the role whose view this request's responses take (a request runs in its own task)."""
    _viewer.set(role)


def may_see(role: Role | None, kind: Sensitive) -> bool:
    return role is not None and role in POLICY[kind]


@cache
def hidden_fields(model: type[BaseModel], role: Role | None) -> frozenset[str]:
    """The serialised names of `model`'s own fields that `role` may not see."""
    return frozenset(
        field.serialization_alias or field.alias or name
        for name, field in model.model_fields.items()
        if _hidden_from(field, role)
    )


def _hidden_from(field: FieldInfo, role: Role | None) -> bool:
    return not all(may_see(role, kind) for kind in _marks(field))


def shown(model: BaseModel) -> dict[str, Any]:
    """`model.model_dump()` for the current viewer, with its fields' values as the model holds
    them rather than copied: for code that reads the fields of hundreds of models in turn (the
    map page: 1.0 ms of a map's 3.7 went on dumping its people) and changes none. The fields
    the viewer may not see are left out, as a dump leaves them; a field that holds models is
    dumped, so theirs are left out too."""
    cls = type(model)
    out = dict(model.__dict__)
    for name in _hidden_attributes(cls, _viewer.get()):
        out.pop(name, None)
    for name, adapter in _holding_models(cls):
        if out.get(name):
            out[name] = adapter.dump_python(out[name])
    return out


@cache
def _hidden_attributes(model: type[BaseModel], role: Role | None) -> tuple[str, ...]:
    """The attribute names of `model`'s fields that `role` may not see, or that a dump leaves
    out for everyone (`exclude`)."""
    _check_shown(model)
    return tuple(
        name for name, field in model.model_fields.items()
        if field.exclude or _hidden_from(field, role)
    )  # fmt: skip


def _check_shown(model: type[BaseModel]) -> None:
    """Refuse a model whose dump the fields as held would not match: computed fields, which a
    dump adds; serializers, which change what it writes; a field left out by a rule other than
    need-to-know's."""
    decorators = model.__pydantic_decorators__
    if model.model_computed_fields or decorators.field_serializers or decorators.model_serializers:
        raise TypeError(f"{model.__name__}: its dump is not its fields as held; dump it")
    for name, field in model.model_fields.items():
        ours = bool(_marks(field))
        if (field.exclude_if is not None and not ours) or any(
            isinstance(m, PlainSerializer | WrapSerializer) for m in field.metadata
        ):
            raise TypeError(f"{model.__name__}.{name}: its dump is not its value as held; dump it")


@cache
def _holding_models(model: type[BaseModel]) -> tuple[tuple[str, TypeAdapter[Any]], ...]:
    """`model`'s fields whose type holds models, each with what dumps its value."""
    return tuple((name, TypeAdapter(field.annotation)) for name, field in model.model_fields.items()
                 if field.annotation is not None and _holds_model(field.annotation))  # fmt: skip


def _holds_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(arg) for arg in get_args(annotation))


def _marks(field: FieldInfo) -> frozenset[Sensitive]:
    """The kinds a field is marked sensitive with."""
    return frozenset(m for m in field.metadata if isinstance(m, Sensitive))


class Shaped(BaseModel):
    """A response model whose sensitive fields follow `POLICY` for the current viewer.

    pydantic's core leaves each field marked `Sensitive` out as it serialises the model
    (`exclude_if`, which asks the viewer's role), in every response and every dump; nothing
    else of the model runs Python, which counts on a map of hundreds of people (dumping a map
    of 440 took 2.2 ms with a wrap serializer on each model, 1.2 ms this way)."""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        # A field whose type is not yet defined has not been read: its marks would be missed,
        # and pydantic would read it again later without them. Refused, never left open.
        if not getattr(cls, "__pydantic_fields_complete__", False):
            raise TypeError(
                f"{cls.__name__}: a Shaped model's field types must be defined before it, so "
                "that its sensitive fields are known when it is made."
            )
        marked = False
        for name, field in cls.__pydantic_fields__.items():
            if _marked_within(field.annotation):
                # Only a field's own marks are followed: one on a list's items would be missed.
                raise TypeError(
                    f"{cls.__name__}.{name}: mark the field itself Sensitive, not a type within it."
                )
            kinds = _marks(field)
            if kinds:
                field.exclude_if = _hidden_from_viewer(kinds)
                marked = True
        if marked:
            cls.model_rebuild(force=True)


def _marked_within(annotation: Any) -> bool:
    """Whether a `Sensitive` mark sits anywhere inside a field's type."""
    if get_origin(annotation) is Annotated and any(
        isinstance(m, Sensitive) for m in annotation.__metadata__
    ):
        return True
    return any(_marked_within(arg) for arg in get_args(annotation))


@cache
def _hidden_from_viewer(kinds: frozenset[Sensitive]) -> Callable[[Any], bool]:
    """Whether the current viewer may not see a field marked with `kinds`."""

    # Asked for each such field of each model serialised (a relatives list of 200 asks 400
    # times): answered by a lookup, worked out once for each role and for no viewer.
    refused = {role: not all(may_see(role, kind) for kind in kinds) for role in (*Role, None)}

    def hidden(_value: Any) -> bool:
        return refused[_viewer.get()]

    return hidden
