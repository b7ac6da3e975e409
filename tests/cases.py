"""Helpers that build users, young people and families through the real API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient

ADMIN_TOKEN = "bootstrap-admin-token-for-tests-0123456789"
BOOT = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@dataclass(frozen=True)
class Actor:
    user_id: str
    token_id: str
    headers: dict[str, str]


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def add_user(client: TestClient, username: str, role: str, team: str | None = "north") -> Actor:
    user = ok(
        client.post(
            "/users",
            headers=BOOT,
            json={"username": username, "display_name": username, "role": role, "team": team},
        ),
        201,
    )
    issued = ok(client.post(f"/users/{user['id']}/tokens", headers=BOOT, json={}), 201)
    return Actor(user["id"], issued["id"], {"Authorization": f"Bearer {issued['token']}"})


def open_case(client: TestClient, manager: Actor, **fields: Any) -> str:
    """A manager opens a young person's record; returns its id."""
    body = {"given_name": "Kit", "family_name": "Marlow", "sex": "male", "status": "in_care"}
    return str(
        ok(client.post("/young-people", headers=manager.headers, json=body | fields), 201)["id"]
    )


def allocate(
    client: TestClient,
    manager: Actor,
    young_person_id: str,
    worker: Actor,
    *,
    ended: bool = False,
    days_ago: int = 0,
) -> str:
    period: dict[str, str] = {"from": (date.today() - timedelta(days=days_ago)).isoformat()}
    if ended:
        period = {
            "from": (date.today() - timedelta(days=400)).isoformat(),
            "until": (date.today() - timedelta(days=1)).isoformat(),
        }
    created = ok(
        client.post(
            f"/young-people/{young_person_id}/allocations",
            headers=manager.headers,
            json={"user_id": worker.user_id, **period},
        ),
        201,
    )
    return str(created["id"])


@dataclass
class Family:
    """Builds a purpose-made family in one young person's network, by short keys."""

    client: TestClient
    headers: dict[str, str]
    young_person_id: str
    ids: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ids["me"] = self.young_person_id

    def person(self, key: str, sex: str = "unknown", **fields: Any) -> str:
        body = {"given_name": key, "family_name": "Test", "sex": sex,
                "young_person_id": self.young_person_id, **fields}  # fmt: skip
        self.ids[key] = ok(self.client.post("/people", headers=self.headers, json=body), 201)["id"]
        return self.ids[key]

    def people(self, **sexes: str) -> None:
        for key, sex in sexes.items():
            self.person(key, sex)

    def link(self, type_: str, a: str, b: str, **fields: Any) -> str:
        body = {"type": type_, "from_id": self.ids[a], "to_id": self.ids[b], **fields}
        return str(
            ok(self.client.post("/relationships", headers=self.headers, json=body), 201)["id"]
        )

    def child(self, parent: str, *children: str, kind: str = "birth") -> None:
        for child in children:
            self.link("parent", parent, child, kind=kind)

    def partners(self, a: str, b: str, kind: str = "married", **fields: Any) -> None:
        self.link("partner", a, b, kind=kind, **fields)

    def relatives(self, key: str = "me", **params: Any) -> dict[str, Any]:
        found: dict[str, Any] = ok(
            self.client.get(
                f"/people/{self.ids[key]}/relatives", headers=self.headers, params=params
            )
        )
        return found

    def terms(self, key: str = "me", **params: Any) -> dict[str, tuple[str, str | None]]:
        """Relative key -> (term, side), for the keys this family made."""
        names = {v: k for k, v in self.ids.items()}
        return {
            names.get(r["person_id"], r["person_id"]): (r["term"], r["side"])
            for r in self.relatives(key, **params)["data"]
        }
