"""The answers the service gives on a generated council, against the answers recorded in
`tests/data/recorded/council-7-6.json.gz`: every young person's relatives (four generations), gaps,
suggestions and safeguarding chains (two to four ties out), read as their social worker on
the council's reference date. A change to the code that alters any of them fails here, saying
what differs; a change meant to alter them is recorded again, on purpose and in the same commit,
with `LL_RECORD_OUTPUTS=1 .venv/bin/python -m pytest tests/test_recorded_outputs.py`."""

from __future__ import annotations

import gzip
import json
import os
from datetime import UTC, datetime, time
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from seed.council import REFERENCE_DATE, generate
from tests.cases import ADMIN_TOKEN, build_council, ok, token_for
from tests.conftest import REPO, Target, app_client, settings_for

pytestmark = pytest.mark.slow

RECORDED = REPO / "tests" / "data" / "recorded" / "council-7-6.json.gz"
SEED, YOUNG_PEOPLE = 7, 6


def _answers(client: TestClient, young_person: str, headers: dict[str, str]) -> dict[str, Any]:
    def get(path: str) -> Any:
        return ok(client.get(path, headers=headers))

    relatives = get(f"/people/{young_person}/relatives?max_generations=4")["data"]
    gaps = get(f"/people/{young_person}/gaps")["data"]
    suggestions = get(f"/young-people/{young_person}/suggestions")["data"]
    safeguarding = {
        steps: get(f"/young-people/{young_person}/safeguarding?max_steps={steps}")
        for steps in (2, 3, 4)
    }
    chains = {steps: found["chains"] for steps, found in safeguarding.items()}
    # Each list in a fixed order, so that only a change in what is said counts.
    return {
        "relatives": sorted(relatives, key=lambda r: r["person_id"]),
        "gaps": sorted(gaps, key=json.dumps),
        "suggestions": sorted(suggestions, key=json.dumps),
        "chains_2": sorted(chains[2], key=json.dumps),
        "chains_3": sorted(chains[3], key=json.dumps),
        "chains_4": sorted(chains[4], key=json.dumps),
        # The network's flagged people (the same at every length of chain).
        "flagged": sorted(safeguarding[2]["flagged_in_network"], key=json.dumps),
    }


def _differences(recorded: dict[str, Any], now: dict[str, Any]) -> list[str]:
    said = []
    for young_person in sorted(set(recorded) | set(now)):
        before, after = recorded.get(young_person, {}), now.get(young_person, {})
        for part in sorted(set(before) | set(after)):
            was = {json.dumps(item, sort_keys=True) for item in before.get(part, [])}
            is_ = {json.dumps(item, sort_keys=True) for item in after.get(part, [])}
            for item in sorted(was - is_)[:3]:
                said.append(f"{young_person} {part}: no longer {item[:300]}")
            for item in sorted(is_ - was)[:3]:
                said.append(f"{young_person} {part}: now {item[:300]}")
            if len(before.get(part, [])) != len(after.get(part, [])):
                said.append(f"{young_person} {part}: {len(before.get(part, []))} recorded, "
                            f"{len(after.get(part, []))} now")  # fmt: skip
    return said


def test_the_answers_are_the_recorded_ones(db: Driver, neo4j_target: Target) -> None:
    build_council(neo4j_target, YOUNG_PEOPLE, SEED)
    council = generate(seed=SEED, young_people=YOUNG_PEOPLE)
    workers = {a["young_person_id"]: a["user_id"] for a in council.allocations
               if a["until"] is None and a["id"].endswith("-social-worker")}  # fmt: skip
    now: dict[str, Any] = {}
    with app_client(settings_for(neo4j_target, admin_token=ADMIN_TOKEN)) as client:
        # The council's own day, so that nothing said depends on when the test runs.
        noon = datetime.combine(REFERENCE_DATE, time(12), tzinfo=UTC)
        client.app.state.clock = lambda: noon  # type: ignore[attr-defined]
        for young_person in (y["id"] for y in council.young_people):
            headers = token_for(client, workers[young_person])
            now[young_person] = _answers(client, young_person, headers)
    if os.environ.get("LL_RECORD_OUTPUTS"):
        RECORDED.parent.mkdir(parents=True, exist_ok=True)
        # One answer a line (zcat shows them); the same bytes for the same answers.
        text = json.dumps(now, indent=1, sort_keys=True) + "\n"
        RECORDED.write_bytes(gzip.compress(text.encode(), mtime=0))
    recorded = json.loads(gzip.decompress(RECORDED.read_bytes()))
    # What was recorded covers every part for every young person, and says something.
    assert sorted(recorded) == sorted(now)
    assert sum(len(answers["relatives"]) for answers in recorded.values()) > 500
    assert sum(len(answers["suggestions"]) for answers in recorded.values()) > 100
    # (Chains to the flagged partners and other parents of relatives went when those became
    # members of the network: the network's flagged people, 20, with four chains and more.)
    assert sum(len(answers["chains_4"]) for answers in recorded.values()) >= 4
    assert sum(len(answers["flagged"]) for answers in recorded.values()) > 10
    assert _differences(recorded, now) == []


def test_a_difference_is_said() -> None:
    recorded = {"yp": {"relatives": [{"person_id": "a", "term": "aunt"}], "gaps": []}}
    now = {"yp": {"relatives": [{"person_id": "a", "term": "uncle"}], "gaps": []}}
    said = _differences(recorded, now)
    assert said == ['yp relatives: no longer {"person_id": "a", "term": "aunt"}',
                    'yp relatives: now {"person_id": "a", "term": "uncle"}']  # fmt: skip
    assert _differences(recorded, recorded) == []
