"""Who is asking: roles and the principal every guarded route receives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal

# What a username may be: the admin's users and the names taken from an identity provider's
# claims alike (no spaces, marks or control characters that would pass for another name).
USERNAME = r"^[A-Za-z0-9._@-]{2,100}$"


class Role(StrEnum):
    coordinator = "coordinator"
    # Social workers, leaving care advisors and IROs: they approve or refuse contact.
    social_worker = "social_worker"
    manager = "manager"
    admin = "admin"


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: str
    username: str
    role: Role
    team: str | None
    via: Literal["token", "oidc", "bootstrap", "cli", "embed"]
    # The API token the request signed in with (`via == "token"`): an embed link made with it
    # stops working when it is revoked or expires.
    api_token_id: str | None = None
    # When what the request signed in with expires (an API token, an identity token's `exp`):
    # an embed link made with it expires no later.
    signed_in_until: datetime | None = None


BOOTSTRAP_ADMIN = Principal(
    user_id="bootstrap-admin",
    username="bootstrap-admin",
    role=Role.admin,
    team=None,
    via="bootstrap",
)

# Changes made from the command line on the server are audited under this name.
COMMAND_LINE_ADMIN = Principal(
    user_id="command-line", username="command-line", role=Role.admin, team=None, via="cli"
)
