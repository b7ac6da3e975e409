"""Response models shared across routes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class Neo4jInfo(BaseModel):
    name: str
    version: str
    edition: str


class Health(BaseModel):
    status: Literal["ok"]
    neo4j: Neo4jInfo
