"""Named Cypher queries, read once from `cypher/**/*.cypher`.

Each file holds one statement; its name (the file name without `.cypher`) is how code refers
to it. The folder a file sits in groups it: `schema/` files are applied in name order at
start-up, and `migrations/` files run once each, in name order, on a database that has not
run them (`db.apply_migrations`). Loading fails on an empty file or a name used twice, so a
mistake stops the service at start-up rather than at the first request that needs the query.

Files under `fragments/` are not statements but parts of several, written once: a query's line
`// fragment: <name>` is replaced by that fragment, indented as the line is (the household a
flag or a court order is looked for in, read by five queries, and the flags and orders found in
it, by four, are each one rule in one place); a fragment may name another. A fragment named
nowhere, a name with no fragment, or a fragment that names itself stops the loading as a broken
file does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

_COMMENT = re.compile(r"^\s*//.*$", re.MULTILINE)
_FRAGMENT = re.compile(r"^(?P<indent>[ ]*)// fragment: (?P<name>[a-z_]+)[ ]*$", re.MULTILINE)
FRAGMENTS = "fragments"


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
    fragments = {path.stem: path.read_text(encoding="utf-8").strip("\n")
                 for path in sorted((root / FRAGMENTS).glob("*.cypher"))}  # fmt: skip
    used: set[str] = set()
    for path in sorted(root.rglob("*.cypher")):
        rel = path.relative_to(root)
        if rel.parts[0] == FRAGMENTS:
            continue
        name = path.stem
        text = _with_fragments(path.read_text(encoding="utf-8").strip(), fragments, used, rel)
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
    unused = sorted(set(fragments) - used)
    if unused:
        raise QueryLoadError(f"{FRAGMENTS}/{unused[0]}.cypher is named by no query")
    return Queries(found)


def _with_fragments(
    text: str, fragments: Mapping[str, str], used: set[str], rel: Path, within: tuple[str, ...] = ()
) -> str:
    """`text` with each `// fragment: <name>` line replaced by the fragment, at its indent; a
    fragment may name others (`within`: the fragments being filled in, to stop a loop)."""

    def fill(match: re.Match[str]) -> str:
        name, indent = match["name"], match["indent"]
        if name in within:
            path = [f"{FRAGMENTS}/{n}.cypher" for n in within[within.index(name) + 1 :]]
            through = f", through {', '.join(path)}" if path else ""
            raise QueryLoadError(f"{FRAGMENTS}/{name}.cypher names itself{through}")
        if name not in fragments:
            raise QueryLoadError(f"{rel} names {FRAGMENTS}/{name}.cypher, which does not exist")
        used.add(name)
        body = _with_fragments(fragments[name], fragments, used, rel, (*within, name))
        return "\n".join(indent + line if line else line for line in body.split("\n"))

    return _FRAGMENT.sub(fill, text)
