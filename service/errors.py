"""The service's errors and the one JSON shape every error response has.

    {"error": {"code": "not_found", "message": "...", "details": [...]}}

Messages never carry personal data; the application log records the error code, the route
and the exception type, not request values.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired, TransientError
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

log = logging.getLogger("service.errors")


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody


class ServiceError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(
        self,
        message: str,
        *,
        details: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        self.headers = headers


class NotFound(ServiceError):
    status_code = 404
    code = "not_found"


class Conflict(ServiceError):
    status_code = 409
    code = "conflict"


class Forbidden(ServiceError):
    status_code = 403
    code = "forbidden"


class Unauthorized(ServiceError):
    status_code = 401
    code = "unauthorized"


class InvalidInput(ServiceError):
    status_code = 422
    code = "invalid_input"


class TooManyRequests(ServiceError):
    """Too many of something (failed sign-ins) from one caller; `Retry-After` says how long
    to wait, in whole seconds."""

    status_code = 429
    code = "too_many_requests"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, headers={"Retry-After": str(max(1, retry_after))})
        self.retry_after = max(1, retry_after)


class PayloadTooLarge(ServiceError):
    status_code = 413
    code = "payload_too_large"


# Neo4j refuses a transaction that would use more memory than transactions may, all together
# (`dbms.memory.transaction.total.max`, by default 70% of the heap) or each
# (`db.memory.transaction.max`): not worth retrying.
TRANSACTION_TOO_LARGE = (
    "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
    "Neo.TransientError.General.TransactionMemoryLimit",
)


class DatabaseUnavailable(ServiceError):
    status_code = 503
    code = "database_unavailable"


class DocumentUnavailable(ServiceError):
    """A PDF could not be made (its typesetter, WeasyPrint with Pango, failed)."""

    status_code = 503
    code = "document_unavailable"


class DocumentTooLong(ServiceError):
    """A document's text is longer than a PDF is made of (`documents.PDF_MAX_CHARS`)."""

    status_code = 422
    code = "document_too_long"


class LayoutUnavailable(ServiceError):
    """The family tree's layout engine (Graphviz) is missing or failed."""

    status_code = 503
    code = "layout_unavailable"


# Case data must not be kept by browsers or proxies, and no answer may be sniffed into HTML.
# Every answer carries these (service.middleware.AnswerHeaders); errors carry them themselves,
# since a 500 is sent from outside every middleware of the application's own.
ANSWER_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


def error_response(
    status_code: int,
    code: str,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorResponse(error=ErrorBody(code=code, message=message, details=details))
    headers = {**ANSWER_HEADERS, **(headers or {})}
    if status_code == 503:
        headers["Retry-After"] = "5"
    return JSONResponse(
        status_code=status_code,
        content=jsonable_encoder(body, exclude_none=True),
        headers=headers,
    )


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
}


def route_of(scope: Scope) -> str:
    """The method and the route's template ("GET /people/{person_id}/relatives"), never the
    path: paths carry the ids of the people a case is about, and anything a caller typed. What
    log lines and audit records name a request by."""
    route = getattr(scope.get("route"), "path", None)
    return f"{scope.get('method', '')} {route or 'an unmatched path'}"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def _service_error(request: Request, exc: ServiceError) -> JSONResponse:
        if exc.status_code >= 500:
            log.warning("%s on %s", exc.code, route_of(request.scope))
        return error_response(exc.status_code, exc.code, exc.message, exc.details, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        # Keep where and why, drop the submitted value: it may be a child's name.
        details = [
            {
                "loc": list(err.get("loc", ())),
                "msg": err.get("msg", ""),
                "type": err.get("type", ""),
            }
            for err in exc.errors()
        ]
        return error_response(422, "invalid_input", "The request is not valid.", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else "Request failed."
        headers = dict(exc.headers) if exc.headers else None
        return error_response(exc.status_code, code, message, headers=headers)

    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(SessionExpired)
    # Transient errors (the database stopping under a running transaction, ...) are worth
    # retrying: a 503 with Retry-After, not a 500.
    @app.exception_handler(TransientError)
    async def _db_down(request: Request, exc: Exception) -> JSONResponse:
        log.warning("database unavailable on %s", route_of(request.scope))
        return error_response(
            503, "database_unavailable", "The database is not answering; try again shortly."
        )

    @app.exception_handler(ClientError)
    async def _gone(request: Request, exc: ClientError) -> JSONResponse:
        # A record deleted by another request while this one waited for its lock (a flag
        # raised on someone being deleted): no such record now, as for any request about no one.
        if exc.code != "Neo.ClientError.Statement.EntityNotFound":
            raise exc  # any other: a bug, answered by service.middleware.Unhandled
        log.info("a record went while %s waited for it", route_of(request.scope))
        return error_response(404, "not_found", "No such record: it was removed meanwhile.")

    # An exception no handler answers: service.middleware.Unhandled (not a handler here, which
    # Starlette would answer and then raise again for the server to log with its text).
