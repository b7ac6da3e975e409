"""Named Cypher queries, read once from `cypher/**/*.cypher`.

Each file holds one statement; its name (the file name without `.cypher`) is how code refers
to it. The folder a file sits in groups it: `schema/` files are applied in name order at
start-up, and `migrations/` files run once each, in name order, on a database that has not
run them (`db.apply_migrations`). Loading fails on an empty file or a name used twice, so a
mistake stops the service at start-up rather than at the first request that needs the query.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

_COMMENT = re.compile(r"^\s*//.*$", re.MULTILINE)


class QueryLoadError(RuntimeError):
    """The cypher folder cannot be loaded; the message names the file."""


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    group: str
    text: str
    path: Path


class Queries(Mapping[str, str]):
    """An immutable name -> query text map, with the files grouped by folder."""

    def __init__(self, queries: Mapping[str, NamedQuery]) -> None:
        self._queries = MappingProxyType(dict(queries))

    def __getitem__(self, name: str) -> str:
        try:
            return self._queries[name].text
        except KeyError:
            raise KeyError(f"no query named {name!r} in the cypher folder") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._queries)

    def __len__(self) -> int:
        return len(self._queries)

    def group(self, group: str) -> list[NamedQuery]:
        """The queries of one folder, in name order (schema files are numbered for that)."""
        return sorted((q for q in self._queries.values() if q.group == group), key=lambda q: q.name)


def load_queries(root: Path) -> Queries:
    if not root.is_dir():
        raise QueryLoadError(f"cypher folder {root} does not exist")
    found: dict[str, NamedQuery] = {}
    for path in sorted(root.rglob("*.cypher")):
        rel = path.relative_to(root)
        name = path.stem
        text = path.read_text(encoding="utf-8").strip()
        body = _COMMENT.sub("", text).strip().rstrip(";").strip()
        if not body:
            raise QueryLoadError(f"{rel} holds no Cypher statement")
        if name in found:
            raise QueryLoadError(
                f"query name {name!r} is used twice: {found[name].path.relative_to(root)} and {rel}"
            )
        group = rel.parent.as_posix() if rel.parent != Path(".") else ""
        found[name] = NamedQuery(name=name, group=group, text=text.rstrip().rstrip(";"), path=path)
    if not found:
        raise QueryLoadError(f"cypher folder {root} holds no .cypher files")
    return Queries(found)
