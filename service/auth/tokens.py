"""API tokens: 256 random bits shown once; only their SHA-256 is kept.

A fast hash is right here (unlike for passwords): the token is random and long, so there is
nothing to guess, and a look-up by hash needs a deterministic digest.
"""

from __future__ import annotations

import hashlib
import secrets

PREFIX = "llt_"


def new_token() -> tuple[str, str]:
    """A fresh token and the hash to store."""
    token = PREFIX + secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
