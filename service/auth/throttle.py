"""Failed sign-ins, counted per client and per user, in this process's memory.

Only failures are counted: a valid token never adds to a count. Counts use the `limits`
library's moving window (the last 60 seconds, not a calendar minute, so there is no burst at
the turn of a minute) in an in-memory store. The store lives on `app.state`, one per app: each
API process counts for itself, so with several processes behind a balancer a client gets up to
that many times the limit, and a restart forgets every count.

Clients are counted by address; IPv6 addresses by their /64, the block a single home or site
is given (one machine can use any address in it). Behind a reverse proxy the address is the
proxy's unless the server trusts its forwarded headers (uvicorn's `--forwarded-allow-ips`).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import secrets
import time

from limits import RateLimitItem, RateLimitItemPerMinute
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter
from starlette.requests import HTTPConnection


def client_address(connection: HTTPConnection) -> str:
    """The address failures are counted by: the client's IPv4 address, or its IPv6 /64."""
    host = connection.client.host if connection.client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host or "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


class SignInThrottle:
    """Counts failed sign-ins per client and per user, and says how long one must wait."""

    def __init__(self, *, per_client: int, per_user: int) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._client = RateLimitItemPerMinute(per_client, namespace="signin-client")
        self._user = RateLimitItemPerMinute(per_user, namespace="signin-user")
        # One "throttled" record per client (or user) and minute, however many requests wait.
        self._notice = RateLimitItemPerMinute(1, namespace="signin-throttled")
        # Keys the client tags in log lines: a plain hash of an IPv4 address is undone by
        # hashing all 2^32 of them; a keyed one is not. Tags change when the process restarts.
        self._tag_key = secrets.token_bytes(32)

    async def client_wait(self, client: str) -> int | None:
        """Seconds until `client` may try again, or None when it is under its limit."""
        return await self._wait(self._client, client)

    async def user_wait(self, user_id: str) -> int | None:
        """Seconds until failures of `user_id` are answered again, or None."""
        return await self._wait(self._user, user_id)

    async def failed(self, client: str, user_id: str | None) -> None:
        """Count one failure of `client`, and of `user_id` when the failure identified one."""
        await self._limiter.hit(self._client, client)
        if user_id is not None:
            await self._limiter.hit(self._user, user_id)

    async def first_notice(self, kind: str, key: str) -> bool:
        """True once a minute for each throttled (kind, key): when to record the throttling."""
        return await self._limiter.hit(self._notice, kind, key)

    def tag(self, client: str) -> str:
        """A short, stable-per-process tag for `client` that log lines may carry."""
        return hmac.new(self._tag_key, client.encode(), hashlib.sha256).hexdigest()[:12]

    async def _wait(self, item: RateLimitItem, key: str) -> int | None:
        if await self._limiter.test(item, key):
            return None
        stats = await self._limiter.get_window_stats(item, key)
        return max(1, math.ceil(stats.reset_time - time.time()))
