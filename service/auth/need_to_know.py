"""Need-to-know: the one place that decides which fields a role may see.

A response model marks a field as sensitive with `Annotated[..., Sensitive.notes]` and derives
from `Shaped`. Whenever such a model is serialised, in any response, the fields the viewer's
role may not see are left out of the body (absent, not null). The viewer is set by the case
guard for the request; with no viewer set, every sensitive field is left out, so a route that
forgets the guard leaks nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from enum import StrEnum
from functools import cache

from pydantic import BaseModel, SerializerFunctionWrapHandler, model_serializer

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
    hidden = set()
    for name, field in model.model_fields.items():
        for kind in (m for m in field.metadata if isinstance(m, Sensitive)):
            if not may_see(role, kind):
                hidden.add(field.serialization_alias or field.alias or name)
    return frozenset(hidden)


class Shaped(BaseModel):
    """A response model whose sensitive fields follow `POLICY` for the current viewer."""

    # No return annotation on purpose: pydantic would take it as the serialised schema and
    # the OpenAPI document would lose the model's fields.
    @model_serializer(mode="wrap")
    def _need_to_know(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]
        data = handler(self)
        if isinstance(data, dict):
            for name in hidden_fields(type(self), _viewer.get()):
                data.pop(name, None)
        return data
