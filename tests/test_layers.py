"""The layers run one way: routes -> guard -> data layer -> named queries, and the pure modules
(kinship, the workflow rules, the family graph, the layout) do no I/O. Read from the source, no
database needed."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from tests.conftest import REPO

PACKAGES = ("service", "visualise", "seed")
PURE = {
    "service.kinship",
    "service.workflow",
    "service.family",
    "service.family_paths",
    "service.ties",
    "service.gedcom_again",
    "service.lifespan",
    "service.gedcom_kinds",
    "visualise.genogram",
    "visualise.genogram_rows",
    "visualise.connectors",
    "visualise.sibships",
    "visualise.nesting",
    "visualise.dot_text",
    "visualise.ecomap",
    "visualise.map_items",
}
# Pure too, with their answers as pydantic models (which do no I/O); the dates, with their
# pydantic types.
PURE_WITH_MODELS = {"service.plan", "service.journey", "service.record", "service.dates"}


def _module(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports() -> dict[str, set[str]]:
    """Each project module and what it imports at module level (not inside functions)."""
    found: dict[str, set[str]] = {}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names: set[str] = set()
            for node in tree.body:
                if isinstance(node, ast.Import):
                    names |= {a.name for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names.add(node.module)
                    names |= {f"{node.module}.{a.name}" for a in node.names}
            found[_module(path)] = names
    return found


IMPORTS = _imports()


def _project(name: str) -> str | None:
    """The project module an imported name refers to, if any."""
    while name:
        if name in IMPORTS:
            return name
        name = name.rpartition(".")[0]
    return None


def test_the_service_imports_neither_seed_nor_bench() -> None:
    wrong = {
        (module, name)
        for module, names in IMPORTS.items()
        if module.startswith(("service", "visualise"))
        for name in names
        if name.split(".")[0] in ("seed", "bench", "tests")
    }
    assert wrong == set()


def test_visualise_imports_no_database_code() -> None:
    wrong = {
        (module, name)
        for module, names in IMPORTS.items()
        if module.startswith("visualise")
        for name in names
        if name.split(".")[0] == "neo4j"
        or name.startswith(("service.data", "service.db", "service.auth", "service.routes"))
    }
    assert wrong == set()


def _pure(module: str | None, among: set[str]) -> bool:
    """A module listed in `among`, or one of a listed package's modules."""
    return module is not None and any(module == p or module.startswith(p + ".") for p in among)


def test_pure_modules_import_only_the_standard_library_and_each_other() -> None:
    every = PURE | PURE_WITH_MODELS
    checked = [module for module in IMPORTS if _pure(module, every)]
    assert "service.workflow.stages" in checked
    for module in checked:
        for name in IMPORTS[module]:
            top = name.split(".")[0]
            pure = _pure(_project(name), every)  # a module, or a name from one
            models = _pure(module, PURE_WITH_MODELS) and top == "pydantic"
            assert top in sys.stdlib_module_names or pure or models or top == "__future__", (
                module,
                name,
            )


def test_no_import_cycles() -> None:
    graph = {
        module: {p for name in names if (p := _project(name)) and p != module}
        for module, names in IMPORTS.items()
    }
    # A package's __init__ re-exporting its modules is not a cycle of layers.
    graph = {m: {p for p in ps if not m.startswith(p + ".")} for m, ps in graph.items()}
    cycles = []
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for nxt in sorted(graph[module]):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []
