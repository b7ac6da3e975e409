"""docker-compose.yml, checked without a Docker engine: valid against the Compose
specification's JSON schema (as vendored by check-jsonschema) and wired as the README says."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import yaml
from pydantic import AliasChoices

from service.settings import Settings
from tests.conftest import REPO


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    return data


def compose_schema() -> dict[str, Any]:
    schema_file = resources.files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    schema: dict[str, Any] = json.loads(schema_file.read_text())
    return schema


def setting_names() -> set[str]:
    names = set()
    for field in Settings.model_fields.values():
        alias = field.validation_alias
        assert isinstance(alias, AliasChoices)
        names.add(str(alias.choices[0]))
    return names


def validator() -> jsonschema.protocols.Validator:
    schema = compose_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def test_compose_file_matches_the_specification() -> None:
    validator_ = validator()
    errors = sorted(validator_.iter_errors(compose()), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors]


def test_schema_rejects_a_broken_file() -> None:
    # The check above can fail: the same validator refuses a service with a misspelt key.
    broken = compose()
    broken["services"]["api"]["depends"] = broken["services"]["api"].pop("depends_on")
    messages = [e.message for e in validator().iter_errors(broken)]
    assert any("'depends' was unexpected" in m for m in messages), messages


def test_neo4j_service() -> None:
    neo4j = compose()["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:?")
    assert neo4j["environment"]["NEO4J_server_http_enabled"] == "false"
    assert "neo4j-data:/data" in neo4j["volumes"]
    assert "neo4j-data" in compose()["volumes"]
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert all(p.startswith("127.0.0.1:") for p in neo4j["ports"])


def test_api_service_waits_for_a_healthy_neo4j() -> None:
    api = compose()["services"]["api"]
    assert api["build"] == "."
    assert api["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    env = api["environment"]
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert env["NEO4J_PASSWORD"].startswith("${NEO4J_PASSWORD:?")
    assert env["LL_HOST"] == "0.0.0.0"  # noqa: S104 - inside the container, published on loopback
    assert set(env) <= setting_names(), set(env) - setting_names()
    assert api["ports"] == ["127.0.0.1:8000:8000"]
    assert "/health" in " ".join(api["healthcheck"]["test"])


def test_dockerfile_serves_the_api() -> None:
    dockerfile = (REPO / "Dockerfile").read_text()
    assert "FROM python:3.11" in dockerfile
    assert 'CMD ["python", "-m", "service", "run"]' in dockerfile
    assert "EXPOSE 8000" in dockerfile
    for folder in ("service", "seed", "cypher"):
        assert f"COPY {folder} ./{folder}" in dockerfile
