"""The OpenAPI document: every status a route can answer with, in the one error shape.

FastAPI documents the success answer of each route and a 422 in its own `{"detail": [...]}`
shape, which this service never sends. `document_errors` completes the document from what the
routes depend on, so that the rules live in one place rather than in each decorator:

- every route reads the database: 503 (with `Retry-After`);
- a route behind the guard (it depends on `authenticate`): 401 and 429 (with `Retry-After`);
  403 too when a role or case check stands between the guard and the route;
- a route with ids in its path: 404;
- a route with a request body: 400 (unreadable), 413 and 422; a route with parameters: 422
  (FastAPI's own entry, in the service's shape);
- 409 where a route declares it (`responses=CONFLICT`), since only the data says when.

The 422 of FastAPI (`HTTPValidationError`) is replaced by the service's `ErrorResponse`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from service.auth.guard import authenticate
from service.errors import ErrorResponse

DESCRIPTIONS = {
    400: "The body cannot be read: not JSON in UTF-8, or not a well-formed form.",
    401: "No valid credentials: the token is missing, unknown, expired or revoked.",
    403: "The caller's role may not do this.",
    404: "Nothing with this id is within the caller's reach.",
    409: "The change conflicts with the data as it stands; `message` says how.",
    413: "The request body is larger than the service takes.",
    422: "The request is not valid; `details` says where and why (never the value sent).",
    429: "Too many failed sign-ins from this client; wait `Retry-After` seconds.",
    503: "The database is not answering; try again after `Retry-After` seconds.",
}
_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer", "minimum": 1},
    }
}
_REF = "#/components/schemas/ErrorResponse"


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route decorator: these statuses, in the one error shape."""
    return {code: {"model": ErrorResponse, "description": DESCRIPTIONS[code]} for code in codes}


CONFLICT = error_responses(409)


def _error(code: int, description: str | None = None) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "description": description or DESCRIPTIONS[code],
        "content": {"application/json": {"schema": {"$ref": _REF}}},
    }
    if code in (429, 503):
        answer["headers"] = _RETRY_AFTER
    return answer


def _calls(dependant: Dependant, depth: int = 0) -> Iterator[tuple[Any, int]]:
    for dependency in dependant.dependencies:
        yield dependency.call, depth
        yield from _calls(dependency, depth + 1)


def error_codes(route: APIRoute) -> set[int]:
    """The error statuses `route` can answer with, from what it depends on."""
    codes = {503}
    depths = [depth for call, depth in _calls(route.dependant) if call is authenticate]
    if depths:
        codes |= {401, 429}
        if max(depths) > 0:  # a role or case check between the guard and the route
            codes.add(403)
    if route.param_convertors:
        codes.add(404)
    if route.body_field is not None:
        codes |= {400, 413, 422}
    return codes


def api_routes(routes: Iterable[BaseRoute]) -> Iterator[APIRoute]:
    """The API routes of an application, through the routers it includes (FastAPI 0.16x keeps
    an included router as one entry of `app.routes`; earlier versions copied its routes).
    The routers here are included without a prefix, so each route's path is its path in the
    document."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from api_routes(included.routes)
        elif isinstance(route, APIRoute):
            yield route


def document_errors(schema: dict[str, Any], routes: Iterable[BaseRoute]) -> dict[str, Any]:
    """Complete `schema` (FastAPI's OpenAPI document of `routes`) in place; returns it."""
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    found = ErrorResponse.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in found.pop("$defs", {}).items():
        schemas.setdefault(name, definition)
    schemas.setdefault("ErrorResponse", found)
    components.setdefault("securitySchemes", {})["bearer"] = {
        "type": "http",
        "scheme": "bearer",
        "description": "An API token (`llt_...`) or an OpenID Connect access token.",
    }
    for route in api_routes(routes):
        if not route.include_in_schema:
            continue
        codes = error_codes(route)
        for method in sorted(route.methods or ()):
            operation = schema["paths"][route.path_format].get(method.lower())
            if operation is None:
                continue
            answers = operation.setdefault("responses", {})
            if "422" in answers:  # FastAPI's, for a route with parameters: not the one shape
                answers["422"] = _error(422)
            for code in sorted(codes):
                answers.setdefault(str(code), _error(code))
            for code, answer in answers.items():
                if code[0] in "45":
                    # JSON in the one shape even from a route whose answer is a page.
                    answer["content"] = {"application/json": {"schema": {"$ref": _REF}}}
            if 401 in codes:
                operation["security"] = [{"bearer": []}]
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    return schema
