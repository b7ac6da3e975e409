"""ASGI middleware around every request: the size of request bodies, the headers every answer
carries, and the last resort for an exception nothing else answered."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import ANSWER_HEADERS, error_response, route_of

log = logging.getLogger(__name__)


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than {limit} bytes.")


class BodyLimit:
    """Request bodies are refused with 413 above `default` bytes, or above the limit of their
    path in `paths` (the GEDCOM upload takes files far larger than any JSON body).

    Checked before anything parses the body: a declared `Content-Length` over the limit is
    answered at once, before authentication and before the body is read; a body without one
    (chunked) is counted as it streams in, and reading it fails at the first byte over. The
    route's body parsing lets the 413 through, so it has the one error shape."""

    def __init__(self, app: ASGIApp, *, default: int, paths: Mapping[str, int]) -> None:
        self.app = app
        self.default = default
        self.paths = dict(paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.paths.get(scope["path"], self.default)
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            too_large = BodyTooLarge(limit)
            response = error_response(413, "payload_too_large", str(too_large.detail))
            await response(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted, send)


class AnswerHeaders:
    """Adds `ANSWER_HEADERS` to every answer that does not set them itself (the maps set
    their own, stricter set)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in ANSWER_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Unhandled:
    """An exception that no handler answered: a 500 in the service's shape, and one log line
    with the exception's type, the route and the lines of code it passed through, never its
    text, which can quote a name or a Cypher parameter.

    Outermost of the service's middleware. Starlette's own last resort answers such an
    exception and then raises it again for the server, and uvicorn logs it with its text."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:  # the last resort: answered and logged here
            _log(exc, scope)
            if not started:  # else the answer is cut short: the client sees it fail
                response = error_response(
                    500, "internal_error", "Something went wrong on our side."
                )
                await response(scope, receive, send)
        except BaseException as exc:
            # Cancellation (and exit) goes on to the server, but without the exceptions it
            # carries or was raised while handling, whose text the server would log.
            if isinstance(exc, BaseExceptionGroup):
                errors, rest = exc.split(Exception)
                if errors is not None:
                    _log(errors, scope)
                if rest is not None:
                    _strip(rest)
                    raise rest from None
            _strip(exc)
            raise


def _log(exc: BaseException, scope: Scope) -> None:
    """One line: the exception's type (with those it groups or was raised from), the route and
    the lines of code each passed through."""
    log.error("unhandled %s on %s\n%s", _kinds(exc), route_of(scope), _where(exc).rstrip())


def _kinds(exc: BaseException) -> str:
    if isinstance(exc, BaseExceptionGroup):
        return f"{type(exc).__name__}({', '.join(_kinds(e) for e in exc.exceptions)})"
    cause = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    return type(exc).__name__ + (f" from {_kinds(cause)}" if cause is not None else "")


def _where(exc: BaseException) -> str:
    frames = "".join(traceback.format_tb(exc.__traceback__))
    if isinstance(exc, BaseExceptionGroup):
        frames += "".join(f"[{type(e).__name__}]\n{_where(e)}" for e in exc.exceptions)
    return frames


def _strip(exc: BaseException) -> None:
    """Drops what an exception carries that could hold data: its arguments, and the exceptions
    chained to it or grouped in it."""
    exc.args = ()
    exc.__cause__ = exc.__context__ = None
    exc.__suppress_context__ = True
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            _strip(inner)
