"""The query loader: the real cypher folder loads, and broken folders stop start-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.app import create_app
from service.queries import QueryLoadError, load_queries
from tests.conftest import REPO, IsolatedSettings


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_project_cypher_folder_loads() -> None:
    queries = load_queries(REPO / "cypher")
    files = sorted(p.stem for p in (REPO / "cypher").rglob("*.cypher")
                   if p.parent.name != "fragments")  # fmt: skip
    assert sorted(queries) == files
    # The household is written once, and every query that looks for risks in it has it whole.
    for name in ("get_household_risks", "get_plan", "get_book_facts", "list_held_back",
                 "get_contact_holds"):  # fmt: skip
        assert "// fragment:" not in queries[name]
        assert "coalesce(r.kind IN ['separated', 'divorced'], false)" in queries[name], name
        if name != "list_held_back":  # it reads the household's connections, not its risks
            assert "'a child known to the council'" in queries[name], name
    assert "get_components" in queries
    schema = [q.name for q in queries.group("schema")]
    assert schema == sorted(schema)
    assert schema, "the schema folder must not be empty"


def test_queries_keep_text_and_groups(tmp_path: Path) -> None:
    write(
        tmp_path,
        "schema/002_b.cypher",
        "// second\nCREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.x);\n",
    )
    write(tmp_path, "schema/001_a.cypher", "CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)")
    write(tmp_path, "people/get_person.cypher", "// Doc line\nMATCH (p:Person {id: $id}) RETURN p")
    queries = load_queries(tmp_path)
    assert [q.name for q in queries.group("schema")] == ["001_a", "002_b"]
    assert queries["get_person"] == "// Doc line\nMATCH (p:Person {id: $id}) RETURN p"
    assert not queries["002_b"].endswith(";")
    assert len(queries) == 3
    with pytest.raises(KeyError, match="no query named 'missing'"):
        queries["missing"]
    with pytest.raises(TypeError):
        queries._queries["x"] = queries._queries["001_a"]  # type: ignore[index]


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n", "// only a comment\n// and another\n", ";\n"],
    ids=["empty", "blank", "comments-only", "semicolon-only"],
)
def test_empty_file_fails(tmp_path: Path, text: str) -> None:
    write(tmp_path, "ok.cypher", "RETURN 1")
    write(tmp_path, "people/empty_one.cypher", text)
    with pytest.raises(QueryLoadError, match=r"people/empty_one\.cypher holds no Cypher"):
        load_queries(tmp_path)


def test_duplicate_name_fails_naming_both_files(tmp_path: Path) -> None:
    write(tmp_path, "people/get_person.cypher", "RETURN 1")
    write(tmp_path, "other/get_person.cypher", "RETURN 2")
    with pytest.raises(
        QueryLoadError,
        match=r"'get_person' is used twice: other/get_person\.cypher and people/get_person\.cypher",
    ):
        load_queries(tmp_path)


def test_missing_or_empty_folder_fails(tmp_path: Path) -> None:
    with pytest.raises(QueryLoadError, match="does not exist"):
        load_queries(tmp_path / "nope")
    with pytest.raises(QueryLoadError, match=r"holds no \.cypher files"):
        load_queries(tmp_path)


def test_app_refuses_to_start_on_a_broken_folder(tmp_path: Path) -> None:
    write(tmp_path, "a/x.cypher", "RETURN 1")
    write(tmp_path, "b/x.cypher", "RETURN 2")
    settings = IsolatedSettings.model_validate(
        {"neo4j_uri": "bolt://127.0.0.1:1", "neo4j_password": "unused", "cypher_dir": tmp_path}
    )
    with pytest.raises(QueryLoadError, match="used twice"):
        create_app(settings)


def test_a_fragment_is_written_into_each_query_that_names_it(tmp_path: Path) -> None:
    write(tmp_path, "fragments/people.cypher", "// Doc\nMATCH (p:Person)\n\nRETURN p")
    write(tmp_path, "a/count_people.cypher",
          "RETURN COUNT {\n    // fragment: people\n} AS n")  # fmt: skip
    queries = load_queries(tmp_path)
    assert list(queries) == ["count_people"]
    assert queries["count_people"] == (
        "RETURN COUNT {\n    // Doc\n    MATCH (p:Person)\n\n    RETURN p\n} AS n"
    )


def test_a_fragment_may_name_another(tmp_path: Path) -> None:
    write(tmp_path, "fragments/adults.cypher", "MATCH (p:Person)\n  // fragment: grown\nRETURN p")
    write(tmp_path, "fragments/grown.cypher", "WHERE p.age >= 18")
    write(tmp_path, "a/count_adults.cypher", "RETURN COUNT {\n  // fragment: adults\n} AS n")
    assert load_queries(tmp_path)["count_adults"] == (
        "RETURN COUNT {\n  MATCH (p:Person)\n    WHERE p.age >= 18\n  RETURN p\n} AS n"
    )


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"a/x.cypher": "RETURN COUNT {\n  // fragment: loop\n} AS n",
          "fragments/loop.cypher": "MATCH (n)\n// fragment: round\nRETURN n",
          "fragments/round.cypher": "// fragment: loop"},
         r"fragments/loop\.cypher names itself, through fragments/round\.cypher"),
        ({"a/x.cypher": "RETURN COUNT {\n  // fragment: nobody\n} AS n"},
         r"a/x\.cypher names fragments/nobody\.cypher, which does not exist"),
        ({"a/x.cypher": "RETURN 1", "fragments/spare.cypher": "MATCH (n) RETURN n"},
         r"fragments/spare\.cypher is named by no query"),
    ],
)  # fmt: skip
def test_a_fragment_missing_or_unused_fails(
    tmp_path: Path, files: dict[str, str], message: str
) -> None:
    for rel, text in files.items():
        write(tmp_path, rel, text)
    with pytest.raises(QueryLoadError, match=message):
        load_queries(tmp_path)
