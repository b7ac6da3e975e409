"""Response models shared across routes."""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


class Neo4jInfo(BaseModel):
    name: str
    version: str
    edition: str


class Health(BaseModel):
    status: Literal["ok"]
    neo4j: Neo4jInfo


class ListOf(BaseModel, Generic[T]):
    """The list envelope every collection answers with."""

    data: list[T]
    count: int
