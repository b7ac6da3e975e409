"""Strict input and documented answers, through the real API on a real Neo4j: unknown fields,
values of the wrong JSON type, control characters and padding refused with 422 naming the field;
bodies over the limit refused with 413 before they are parsed; the headers every answer
carries; the API's own pages served without a CDN; the OpenAPI document's error answers."""

from __future__ import annotations

import asyncio
import logging
import re
import traceback
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from service import __main__ as service_main
from service.app import MAX_BODY_BYTES, create_app
from service.data.people import PersonCreate
from service.gedcom import MAX_NAME, GedcomError, parse_gedcom
from service.middleware import Unhandled
from service.settings import Settings
from tests.cases import ADMIN_TOKEN, BOOT, Actor, Family, add_user, allocate, ok, open_case
from tests.conftest import Target, settings_for, wipe

GEDCOM_MAX = 3_000_000
GEDCOM_MAX_PEOPLE = 3


@dataclass
class Case:
    client: TestClient
    manager: Actor
    coordinator: Actor
    family: Family

    @property
    def young_person_id(self) -> str:
        return self.family.young_person_id


@pytest.fixture(scope="module")
def case(neo4j_driver: Driver, neo4j_target: Target) -> Iterator[Case]:
    """One case for the whole module: each test makes what it needs under names of its own,
    and most of them are refused anyway."""
    wipe(neo4j_driver)
    settings = settings_for(neo4j_target, admin_token=ADMIN_TOKEN, gedcom_max_bytes=GEDCOM_MAX,
                            gedcom_max_people=GEDCOM_MAX_PEOPLE)  # fmt: skip
    with TestClient(create_app(settings)) as client:
        manager = add_user(client, "manager1", "manager")
        coordinator = add_user(client, "coordinator1", "coordinator")
        young_person = open_case(client, manager)
        allocate(client, manager, young_person, coordinator)
        yield Case(client, manager, coordinator, Family(client, coordinator.headers, young_person))


def refused(response: Any, field: str, status: int = 422) -> dict[str, Any]:
    """The one error shape, naming `field` in its details."""
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert ["body", field] in [d["loc"][:2] for d in error["details"]], error
    return error


def tokens_of(case: Case, user: Actor) -> int:
    listed = ok(case.client.get(f"/users/{user.user_id}/tokens", headers=BOOT))
    return int(listed["count"])


# --- strict request bodies ----------------------------------------------------------------


def test_an_unknown_field_is_refused_not_ignored(case: Case) -> None:
    before = tokens_of(case, case.coordinator)
    path = f"/users/{case.coordinator.user_id}/tokens"
    # Was: a 90-day token, the misspelt field silently dropped.
    refused(case.client.post(path, headers=BOOT, json={"days": 30}), "days")
    assert tokens_of(case, case.coordinator) == before
    person = case.family.person("gran", "female")
    refused(
        case.client.patch(f"/people/{person}", headers=case.coordinator.headers,
                          json={"given_name": "Ann", "nickname": "Nan"}),
        "nickname",
    )  # fmt: skip


def test_numbers_and_booleans_must_be_json_numbers_and_booleans(case: Case) -> None:
    path = f"/users/{case.coordinator.user_id}/tokens"
    refused(case.client.post(path, headers=BOOT, json={"expires_in_days": "3"}), "expires_in_days")
    refused(case.client.post(path, headers=BOOT, json={"expires_in_days": 3.0}), "expires_in_days")
    issued = ok(case.client.post(path, headers=BOOT, json={"expires_in_days": 3}), 201)
    assert issued["expires_at"] > issued["created_at"]
    person = case.family.person("gran", "female")
    for value in ("yes", "true", 1):
        refused(
            case.client.patch(f"/people/{person}", headers=case.coordinator.headers,
                              json={"living": value}),
            "living",
        )  # fmt: skip
    ok(case.client.patch(f"/people/{person}", headers=case.coordinator.headers,
                         json={"living": False}))  # fmt: skip


def test_dates_are_iso_strings_never_numbers(case: Case) -> None:
    worker = add_user(case.client, "social.dates", "social_worker")
    path = f"/young-people/{case.young_person_id}/allocations"
    for value in (0, 1_700_000_000, "2026-01-01T00:00:00", "2026-02-30", " 2026-01-01",
                  "0001-01-01", "0202-05-01", "1899-12-31"):  # fmt: skip
        refused(
            case.client.post(path, headers=case.manager.headers,
                             json={"user_id": worker.user_id, "from": value}),
            "from",
        )  # fmt: skip
    # Nothing was allocated by any of them (0 was taken for 1970-01-01).
    assert ok(case.client.get(path, headers=case.manager.headers))["count"] == 1
    ok(case.client.post(path, headers=case.manager.headers,
                        json={"user_id": worker.user_id, "from": "2026-01-01"}), 201)  # fmt: skip


def test_a_date_of_the_work_before_1900_or_after_2099_is_refused_as_a_slip(case: Case) -> None:
    """A contact dated `0202-05-01` (for 2025) was taken, and made the connection lapsed."""
    aunt = case.family.person("aunt.dates", "female")
    connection = ok(case.client.post(f"/young-people/{case.young_person_id}/connections",
                                     headers=case.coordinator.headers, json={"person_id": aunt}),
                    201)["id"]  # fmt: skip
    path = f"/connections/{connection}/contacts"
    for value in ("0202-05-01", "1899-12-31"):
        response = case.client.post(path, headers=case.coordinator.headers,
                                    json={"on": value, "mode": "call"})  # fmt: skip
        refused(response, "on")
        assert "before 1900: check the year" in response.text
    ok(case.client.post(path, headers=case.coordinator.headers,
                        json={"on": "1900-01-01", "mode": "call"}), 201)  # fmt: skip
    # And after them: a commitment from 9999-12-31 was taken.
    # Approved and agreed: a commitment is made only then (`check_commitment`).
    for stage in ("located", "awaiting_safety_check", "approved", "young_person_agreed"):
        who = case.manager if stage == "approved" else case.coordinator
        ok(case.client.post(f"/connections/{connection}/stage", headers=who.headers,
                            json={"stage": stage}))  # fmt: skip
    path = f"/connections/{connection}/commitments"
    calls = {"what": "Calls", "every_days": 14}
    for value in ("9999-12-31", "2100-01-01"):
        response = case.client.post(path, headers=case.coordinator.headers,
                                    json=calls | {"since": value})  # fmt: skip
        refused(response, "since")
        assert "after 2099: check the year" in response.text
    ok(case.client.post(path, headers=case.coordinator.headers,
                        json=calls | {"since": "2099-12-31"}), 201)  # fmt: skip


def test_a_partial_date_with_a_trailing_newline_is_refused(case: Case) -> None:
    body = {"young_person_id": case.young_person_id, "given_name": "Ann", "birth_date": "1950\n"}
    refused(case.client.post("/people", headers=case.coordinator.headers, json=body), "birth_date")


def test_dates_are_written_in_ascii_digits(case: Case) -> None:
    """Another script's digits were read as numbers ("٢٠١٠" as 2010) and kept as written, and
    sorted after every date, so a timeline entry could end before it began; or were refused as
    "in the future"."""
    path = f"/young-people/{case.young_person_id}/timeline"
    for until in ("\u0662\u0660\u0661\u0660", "\uff12\uff10\uff10\uff10-\uff10\uff11"):
        entry = {"kind": "event", "title": "Moved", "since": "2015", "until": until}
        error = refused(case.client.post(path, headers=case.coordinator.headers, json=entry),
                        "until")  # fmt: skip
        assert "use YYYY, YYYY-MM or YYYY-MM-DD" in str(error)
    body = {"young_person_id": case.young_person_id, "given_name": "Ann",
            "birth_date": "\u0967\u096f\u096e\u0966"}  # fmt: skip
    error = refused(case.client.post("/people", headers=case.coordinator.headers, json=body),
                    "birth_date")  # fmt: skip
    assert "use YYYY, YYYY-MM or YYYY-MM-DD" in str(error)
    contact = {"kind": "event", "title": "Moved", "since": "2015", "until": "2016"}
    ok(case.client.post(path, headers=case.coordinator.headers, json=contact), 201)


def test_a_role_is_taken_from_its_string_value(case: Case) -> None:
    body = {"username": "someone", "display_name": "Some One", "role": "coordinator"}
    assert ok(case.client.post("/users", headers=BOOT, json=body), 201)["role"] == "coordinator"
    body = {"username": "someone2", "display_name": "Some One", "role": "boss"}
    refused(case.client.post("/users", headers=BOOT, json=body), "role")


# --- text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("given_name", "Ann\x00"),
        ("given_name", "Ann\x00Marie"),
        ("family_name", "Lee\x1b[2J"),
        ("given_name", "Ann\nMarie"),
        ("given_name", "Ann\tMarie"),
        ("known_as", "Nan\x85"),
        ("given_name", " Ann"),
        ("family_name", "Lee "),
        ("notes", "Met at school.\x00"),
        ("notes", "Met at school.\x07"),
        ("notes", "\nMet at school."),
        # Nothing that can be seen, or what is no character at all (or a byte order mark,
        # which hides inside a name: "\ufeffSmith" is not found as Smith).
        ("given_name", "\u200b"),
        ("family_name", "\u200b\u200d"),
        ("known_as", "\U000e0001"),
        ("given_name", "\ufeffAnn"),
        ("family_name", "\u3164"),  # a Hangul filler: a letter drawn blank
        ("given_name", "Ann\U0001fffe"),
        ("family_name", "Lee\uffff"),
        ("notes", "Met\ufdd0 at school."),
    ],
)
def test_control_characters_and_padding_are_refused(case: Case, field: str, value: str) -> None:
    body = {"young_person_id": case.young_person_id, "given_name": "Ann", field: value}
    error = refused(case.client.post("/people", headers=case.coordinator.headers, json=body), field)
    assert value not in str(error)  # where and why, never the value


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("given_name", "Bob\u202e", "U+202E"),
        ("family_name", "Lee\u202aX", "U+202A"),
        ("known_as", "\u2066Nan", "U+2066"),
        ("given_name", "Ann\u2069", "U+2069"),
        ("notes", "Met at\u202b school.", "U+202B"),
    ],
)
def test_direction_controls_are_refused(case: Case, field: str, value: str, code: str) -> None:
    """A right-to-left override (U+202E) after "Bob" would turn ", uncle" round in "From Bob,
    uncle" on the page and in the PDF: refused, with the other marks that set a direction."""
    body = {"young_person_id": case.young_person_id, "given_name": "Ann", field: value}
    error = refused(case.client.post("/people", headers=case.coordinator.headers, json=body), field)
    said = [d["msg"] for d in error["details"] if d["loc"][:2] == ["body", field]]
    assert said == [f"Value error, direction control character {code} is not allowed"]
    entry = {"kind": "event", "title": value, "since": "2020"}
    path = f"/young-people/{case.young_person_id}/timeline"
    refused(case.client.post(path, headers=case.coordinator.headers, json=entry), "title")


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("given_name", "Kit\u2028Marlow", "U+2028"),
        ("known_as", "ZQ\u2029KA", "U+2029"),
        ("notes", "Agreed:\u20281. Gran calls", "U+2028"),
    ],
)
def test_line_separators_are_refused(case: Case, field: str, value: str, code: str) -> None:
    """A second reader: a name holding U+2028 (pasted from a word processor or a PDF) broke
    over two lines in the journey book's heading, printed as the fonts' empty box, and read
    back garbled from the PDF's text. A name is one line; a note's lines are LF."""
    body = {"young_person_id": case.young_person_id, "given_name": "Ann", field: value}
    error = refused(case.client.post("/people", headers=case.coordinator.headers, json=body), field)
    said = [d["msg"] for d in error["details"] if d["loc"][:2] == ["body", field]]
    assert said == [f"Value error, line separator character {code} is not allowed"]


def test_names_of_every_script_and_newer_emoji_are_kept(case: Case) -> None:
    """Joiners inside Persian and Devanagari names, emoji sequences, and emoji newer than this
    Python's Unicode (U+1FA77) are text that can be seen."""
    for value in ("\u0645\u062d\u200c\u0645\u062f", "\u0915\u094d\u200d\u0937",
                  "\U0001f469\u200d\U0001f467", "\U0001fa77"):  # fmt: skip
        body = {"young_person_id": case.young_person_id, "given_name": "Ann", "known_as": value}
        assert ok(case.client.post("/people", headers=case.coordinator.headers, json=body),
                  201)["known_as"] == value  # fmt: skip


def test_marks_for_one_characters_direction_are_kept(case: Case) -> None:
    """Right-to-left keyboards and pasted Arabic or Hebrew carry LRM, RLM and ALM, which turn
    nothing round: a name with them is taken as written."""
    body = {"young_person_id": case.young_person_id, "given_name": "\u0633\u0627\u0631\u0629\u200f",
            "family_name": "Lee\u200e", "notes": "Met at\u061c school."}  # fmt: skip
    created = ok(case.client.post("/people", headers=case.coordinator.headers, json=body), 201)
    assert (created["given_name"], created["family_name"]) == (body["given_name"], "Lee\u200e")


def test_notes_keep_their_lines_and_tabs(case: Case) -> None:
    notes = "Met at school.\nCalls on Sundays.\r\n\tSee the 2019 review."
    body = {"young_person_id": case.young_person_id, "given_name": "Ann", "notes": notes}
    created = ok(case.client.post("/people", headers=case.coordinator.headers, json=body), 201)
    assert created["notes"] == notes


def test_nothing_with_a_nul_is_stored(case: Case, neo4j_driver: Driver) -> None:
    body = {"young_person_id": case.young_person_id, "given_name": "Ann\x00"}
    refused(case.client.post("/people", headers=case.coordinator.headers, json=body), "given_name")
    body = {"kind": "event", "title": "Moved\x00", "since": "2020"}
    path = f"/young-people/{case.young_person_id}/timeline"
    refused(case.client.post(path, headers=case.coordinator.headers, json=body), "title")
    found = neo4j_driver.execute_query(
        "MATCH (n) WHERE any(k IN keys(n) WHERE n[k] IS :: STRING AND n[k] CONTAINS $nul) "
        "RETURN count(n) AS n",
        nul="\x00",
    ).records[0]["n"]
    assert found == 0


# --- body size ----------------------------------------------------------------------------


def test_a_2_mb_body_is_refused_with_413_before_it_is_parsed(case: Case) -> None:
    # Not JSON at all: parsed, it would be a 422; unauthenticated, a 401. Neither happens.
    junk = b"x" * 2_000_000
    for headers in (case.coordinator.headers, {}):
        response = case.client.post(
            "/people", headers={**headers, "Content-Type": "application/json"}, content=junk
        )
        assert response.status_code == 413, response.text
        assert response.json()["error"]["code"] == "payload_too_large"
        assert response.headers["cache-control"] == "no-store"


def test_a_body_without_a_length_is_counted_as_it_streams(case: Case) -> None:
    def chunks(total: int) -> Iterator[bytes]:
        for _ in range(total // 100_000):
            yield b" " * 100_000

    headers = {**case.coordinator.headers, "Content-Type": "application/json"}
    response = case.client.post("/people", headers=headers, content=chunks(2_000_000))
    assert response.status_code == 413, response.text
    assert response.json()["error"]["code"] == "payload_too_large"
    # Under the limit, the same kind of body is parsed: whitespace alone is not JSON.
    response = case.client.post("/people", headers=headers, content=chunks(900_000))
    assert response.status_code == 422, response.text


def test_the_limit_is_one_megabyte(case: Case) -> None:
    headers = {**case.coordinator.headers, "Content-Type": "application/json"}
    at_limit = case.client.post("/people", headers=headers, content=b" " * MAX_BODY_BYTES)
    assert at_limit.status_code == 422  # parsed: not JSON
    over = case.client.post("/people", headers=headers, content=b" " * (MAX_BODY_BYTES + 1))
    assert over.status_code == 413


def _gedcom_of(size: int) -> bytes:
    """A valid GEDCOM file of about `size` bytes: one person with long notes."""
    note = "1 NOTE " + "n" * 20_000 + "\n"
    head = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n2 FORM LINEAGE-LINKED\n1 CHAR UTF-8\n"
    body = "0 @I1@ INDI\n1 NAME Ann /Lee/\n" + note * (size // len(note))
    return (head + body + "0 TRLR\n").encode()


def test_a_tree_of_more_people_than_one_import_takes_is_refused_and_told_what_to_do(
    case: Case,
) -> None:
    people = "".join(f"0 @I{i}@ INDI\n1 NAME P{i} /Lee/\n" for i in range(GEDCOM_MAX_PEOPLE + 1))
    data = f"0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n{people}0 TRLR\n".encode()
    response = case.client.post(
        "/imports/gedcom", headers=case.coordinator.headers,
        files={"file": ("tree.ged", data, "text/x-gedcom")},
        data={"young_person_id": case.young_person_id, "source": "many"},
    )  # fmt: skip
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert f"more than {GEDCOM_MAX_PEOPLE} individuals" in error["message"]
    assert "LL_GEDCOM_MAX_PEOPLE" in error["message"]
    assert "branch" in error["message"]


def test_the_gedcom_upload_keeps_its_own_larger_limit(case: Case) -> None:
    def upload(data: bytes) -> Any:
        return case.client.post(
            "/imports/gedcom", headers=case.coordinator.headers,
            files={"file": ("tree.ged", data, "text/x-gedcom")},
            data={"young_person_id": case.young_person_id, "source": "big"},
        )  # fmt: skip

    assert ok(upload(_gedcom_of(1_500_000)), 201)["people_created"] == 1
    for size in (GEDCOM_MAX + 30_000, GEDCOM_MAX * 2):  # the route's check, the middleware's
        response = upload(_gedcom_of(size))
        assert response.status_code == 413, response.text[:200]
        assert response.json()["error"]["code"] == "payload_too_large"


# --- imported values ----------------------------------------------------------------------


def test_the_import_holds_names_to_the_apis_limits() -> None:
    limits = PersonCreate.model_fields["given_name"].metadata
    assert [m.max_length for m in limits if hasattr(m, "max_length")] == [MAX_NAME]
    data = (
        "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"
        f"0 @I1@ INDI\n1 NAME An\x07n /{'L' * 150}/\n"
        "0 @I2@ INDI\n1 NAME Bob\u202e /Lee\u2066/\n"
        "0 @I3@ INDI\n1 NAME \u200b /\ufeffHill/\n0 TRLR\n"
    ).encode()
    tree = parse_gedcom(data)
    assert (tree.people[0].given_name, tree.people[0].family_name) == ("Ann", "L" * MAX_NAME)
    assert tree.notes == (
        "@I1@ (line 5): control characters taken out of the given name",
        "@I1@ (line 5): family name cut to 100 characters",
        "@I2@ (line 7): control characters taken out of the given name",
        "@I2@ (line 7): control characters taken out of the family name",
        "@I3@ (line 9): the given name holds nothing that can be seen: left out",
        "@I3@ (line 9): control characters taken out of the family name",
    )
    assert (tree.people[1].given_name, tree.people[1].family_name) == ("Bob", "Lee")
    assert (tree.people[2].given_name, tree.people[2].family_name) == ("", "Hill")
    plain = data.replace(b"L" * 150, b"Lee").replace(b"\x07", b"")
    for mark in ("\u202e", "\u2066", "\u200b", "\ufeff"):
        plain = plain.replace(mark.encode(), b"")
    assert parse_gedcom(plain).notes == ()
    with pytest.raises(GedcomError, match="line 5: xref longer than 200"):
        parse_gedcom(data.replace(b"@I1@ INDI", b"@" + b"I" * 250 + b"@ INDI"))
    # A line or paragraph separator, refused by the API in a name, is a space between words.
    pasted = (
        "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"
        "0 @I1@ INDI\n1 NAME Mary\u2028Ann /Lee/\n0 TRLR\n"
    )
    tree = parse_gedcom(pasted.encode())
    assert tree.people[0].given_name == "Mary Ann"


def test_an_imported_long_name_is_cut_with_a_note(case: Case) -> None:
    data = (
        "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"
        f"0 @I1@ INDI\n1 NAME {'A' * 120} /Lee\x01/\n0 TRLR\n"
    ).encode()
    result = ok(
        case.client.post(
            "/imports/gedcom", headers=case.coordinator.headers,
            files={"file": ("tree.ged", data, "text/x-gedcom")},
            data={"young_person_id": case.young_person_id, "source": "long"},
        ),
        201,
    )  # fmt: skip
    assert result["notes"] == [
        # The file names no young person (`service.gedcom_again.UNLINKED`).
        "No one in the file is the young person or tied to them: the file's people were added "
        "to the network unlinked. Import it again with young_person_xref (the young person's "
        "own xref in the file, such as @I1@), or link someone to the young person by hand.",
        "@I1@ (line 5): given name cut to 100 characters",
        "@I1@ (line 5): control characters taken out of the family name",
    ]
    query = {"external_id": "@I1@", "system": "gedcom:long"}
    found = ok(case.client.get("/people", headers=case.coordinator.headers, params=query))
    assert [(p["given_name"], p["family_name"]) for p in found["data"]] == [("A" * 100, "Lee")]


# --- headers on every answer --------------------------------------------------------------


def test_every_answer_says_nosniff_and_no_store(case: Case) -> None:
    answers = [
        case.client.get("/me", headers=case.coordinator.headers),  # JSON, 200
        case.client.get("/people/nobody", headers=case.coordinator.headers),  # 404
        case.client.get("/me"),  # 401
        case.client.get("/no/such/route"),  # 404 from routing
        case.client.post("/people", headers=case.coordinator.headers, json={}),  # 422
        case.client.get("/health"),
        case.client.get("/openapi.json"),
        case.client.get("/docs"),
    ]
    assert [a.status_code for a in answers] == [200, 404, 401, 404, 422, 200, 200, 200]
    for answer in answers:
        assert answer.headers["x-content-type-options"] == "nosniff", answer.request.url
        assert answer.headers["cache-control"] == "no-store", answer.request.url
    # The maps keep their own headers, sent once.
    page = case.client.get(
        f"/young-people/{case.young_person_id}/map", headers=case.coordinator.headers
    )
    assert page.status_code == 200
    assert "frame-ancestors" in page.headers["content-security-policy"]
    assert page.headers.get_list("cache-control") == ["no-store"]


# --- documentation ------------------------------------------------------------------------


def _urls(html: str) -> list[str]:
    return re.findall(r"""(?:src|href|url|spec-url)\s*[=:]\s*["']([^"']+)["']""", html)


def test_the_docs_fetch_nothing_from_another_host(case: Case) -> None:
    for page in ("/docs", "/redoc"):
        html = case.client.get(page).text
        urls = _urls(html)
        assert urls, html
        assert not re.search(r"(?i)(https?:)?//[a-z0-9]", html), page
        for url in urls:
            assert url.startswith("/"), url
            if url != "/openapi.json":
                asset = case.client.get(url)
                assert asset.status_code == 200, url
                assert len(asset.content) > 1000, url
    swagger = case.client.get("/docs").text
    assert "/docs/assets/swagger-ui-bundle.js" in swagger
    assert '"validatorUrl": null' in swagger


def test_the_openapi_document_lists_the_errors_in_the_one_shape(case: Case) -> None:
    schema = case.client.get("/openapi.json").json()
    assert "HTTPValidationError" not in str(schema)
    error = {"$ref": "#/components/schemas/ErrorResponse"}
    assert schema["components"]["schemas"]["ErrorResponse"]["required"] == ["error"]
    operations = {
        (method.upper(), path): op
        for path, item in schema["paths"].items()
        for method, op in item.items()
    }
    assert len(operations) > 50
    for (method, path), op in operations.items():
        answers = op["responses"]
        for code, answer in answers.items():
            if code[0] in "45":
                assert answer["content"]["application/json"]["schema"] == error, (path, code)
        assert "503" in answers, (method, path)
        if "{" in path:
            assert "404" in answers, (method, path)
        if "requestBody" in op:
            assert {"400", "413", "422"} <= set(answers), (method, path)
        if path not in ("/health", "/embed"):
            assert {"401", "429"} <= set(answers), (method, path)
            assert op["security"] == [{"bearer": []}]
    assert "403" not in operations[("GET", "/me")]["responses"]
    assert "403" in operations[("GET", "/young-people")]["responses"]
    assert "409" in operations[("POST", "/users")]["responses"]
    assert "409" in operations[("POST", "/connections/{connection_id}/stage")]["responses"]
    assert "Retry-After" in operations[("GET", "/me")]["responses"]["503"]["headers"]


def test_an_unhandled_error_is_a_500_whose_log_line_carries_no_data(
    db: Driver, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """A bug answers 500 in the service's shape, and its log line names the exception's type,
    the route and the code it passed through: not its text, nor the path, which can carry a
    child's name or id. The client raises any exception that leaves the app, as uvicorn would
    log it, text and all."""
    app = create_app(settings)
    name, person = "Kai Marsh-Okafor", "a-young-persons-id-93c2"

    async def fails(person_id: str) -> None:
        raise ValueError(f"no tie for {name} ({person_id})")

    app.add_api_route("/people/{person_id}/fails", fails)
    caplog.set_level(logging.WARNING, logger="service")
    with TestClient(app) as client:
        response = client.get(f"/people/{person}/fails")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert response.headers["cache-control"] == "no-store"
    logged = [record.getMessage() for record in caplog.records]
    unhandled = [line for line in logged if line.startswith("unhandled ValueError on ")]
    assert len(unhandled) == 1, logged
    assert unhandled[0].startswith("unhandled ValueError on GET /people/{person_id}/fails\n")
    assert "raise ValueError" in unhandled[0]  # where: the line of code, not the values
    assert not [line for line in logged if name in line or person in line], logged


def test_the_driver_never_logs_a_query_s_parameters_whatever_the_logging_set_up(
    db: Driver, neo4j_target: Target, caplog: pytest.LogCaptureFixture
) -> None:
    """The driver logs each query with its parameters (a child's name) at DEBUG. A second
    reader: an app served under a root logger at DEBUG wrote names to the log."""
    driver_log = logging.getLogger("neo4j")
    was = driver_log.level
    driver_log.setLevel(logging.NOTSET)
    caplog.set_level(logging.DEBUG)
    try:
        app = create_app(settings_for(neo4j_target, admin_token=ADMIN_TOKEN))
        with TestClient(app) as client:
            made = client.post("/users", headers=BOOT,
                               json={"username": "zeldaquery", "display_name": "Zeldaquery N",
                                     "role": "coordinator", "team": "north"})  # fmt: skip
            assert made.status_code == 201, made.text
        assert driver_log.getEffectiveLevel() >= logging.WARNING
        assert not [r for r in caplog.records if "Zeldaquery" in r.getMessage()]
    finally:
        driver_log.setLevel(was)


def test_only_a_record_gone_meanwhile_is_a_404_any_other_database_refusal_is_a_500(
    db: Driver, settings: Settings
) -> None:
    """The handler that answers 404 for a record deleted while a request waited for it
    (`Neo.ClientError.Statement.EntityNotFound`) lets every other refusal of the database through
    as the bug it is."""
    app = create_app(settings)

    async def divides() -> None:
        await app.state.db.driver.execute_query("RETURN 1 / 0 AS n")

    app.add_api_route("/divides", divides)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/divides")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"


async def _answer_nothing(*_: Any) -> Any:
    return {"type": "http.request", "body": b"", "more_body": False}


@pytest.mark.parametrize("grouped", [False, True])
def test_a_cancelled_request_passes_on_without_the_data_it_carried(
    grouped: bool, caplog: pytest.LogCaptureFixture
) -> None:
    """Cancellation goes on to the server (it must stop the request), but stripped of the
    exceptions it was raised while handling, or grouped with, whose text the server would log."""
    name = "Kai Marsh-Okafor"

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if grouped:
            raise BaseExceptionGroup("tasks", [ValueError(name), asyncio.CancelledError()])
        try:
            raise ValueError(name)
        except ValueError:
            raise asyncio.CancelledError()  # noqa: B904 - its context is what must not reach the log

    scope = {"type": "http", "method": "GET", "path": f"/people/{name}/relatives"}

    async def run() -> BaseException:
        try:
            await Unhandled(app)(scope, _answer_nothing, _answer_nothing)
        except BaseException as passed_on:  # what reaches the server
            return passed_on
        raise AssertionError("the cancellation was not passed on")

    caplog.set_level(logging.WARNING, logger="service")
    passed_on = asyncio.run(run())
    shown = "".join(traceback.format_exception(passed_on))
    assert "CancelledError" in shown
    assert name not in shown, shown
    logged = [record.getMessage() for record in caplog.records]
    assert not [line for line in logged if name in line], logged
    if grouped:
        assert isinstance(passed_on, BaseExceptionGroup)
        assert [type(e) for e in passed_on.exceptions] == [asyncio.CancelledError]
        assert logged
        assert logged[0].startswith("unhandled ExceptionGroup(ValueError) on GET ")


def test_a_warning_is_logged_by_its_kind_and_place_never_its_text(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """`python -m service run` logs warnings so (pydantic's quote the value they were given)."""
    caplog.set_level(logging.WARNING, logger="service")
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = service_main._warned
        warnings.warn("Expected `str` but got `int` - input_value='Kai Marsh-Okafor'", stacklevel=1)
    logged = [record.getMessage() for record in caplog.records]
    assert logged == [f"UserWarning at {__file__}:{logged[0].rsplit(':', 1)[1]}"], logged


def test_a_contact_event_or_home_before_a_birth_is_refused_as_a_slip(case: Case) -> None:
    """A contact in 1950 with someone born a few years ago, an event in 1901 for a child born
    in 2012 and a home from 1990 for a child born in 2015 were taken (an events reader). Each
    is refused as a slip of the year; a day the birth date (as far as it is known) allows is
    taken."""
    manager = add_user(case.client, "manager.births", "manager")
    worker = add_user(case.client, "coordinator.births", "coordinator")
    child = open_case(case.client, manager, birth_date="2012-05-01")
    allocate(case.client, manager, child, worker)
    family = Family(case.client, worker.headers, child)
    born = family.person("born.late", "female", birth_date="2015-06")
    connection = ok(case.client.post(f"/young-people/{child}/connections",
                                     headers=worker.headers, json={"person_id": born}),
                    201)["id"]  # fmt: skip
    contacts = f"/connections/{connection}/contacts"
    for on, status in (("1950-01-01", 422), ("2015-05-31", 422), ("2015-06-01", 201)):
        answer = case.client.post(contacts, headers=worker.headers,
                                  json={"on": on, "mode": "call"})  # fmt: skip
        if status == 422:
            assert "before the young person or the person was born" in refused(answer, "on")[
                "message"]  # fmt: skip
        else:
            ok(answer, 201)
    homes = f"/people/{born}/addresses"
    home = {"line1": "1 Late Lane", "town": "Leeds", "postcode": "LS1 1AA"}
    refused(case.client.post(homes, headers=worker.headers,
                             json=home | {"since": "1990-01-01"}), "since")  # fmt: skip
    ok(case.client.post(homes, headers=worker.headers, json=home | {"since": "2016-01-01"}), 204)
    events = f"/young-people/{child}/events"
    refused(case.client.post(events, headers=worker.headers, json={"on": "1901-01-01"}), "on")
    ok(case.client.post(events, headers=worker.headers, json={"on": "2012-05-01"}), 201)


@pytest.mark.parametrize("after", ["root at DEBUG", "the driver's own logger at DEBUG"])
def test_the_driver_logs_no_parameters_when_logging_is_set_up_after_the_app_is_made(
    db: Driver, neo4j_target: Target, caplog: pytest.LogCaptureFixture, after: str
) -> None:
    """A second reader: a host that made the app first (the usual order: the app imported, then
    logging set up) and then turned its root logger to DEBUG got every query's parameters,
    names included, from the driver (`neo4j.io`: "C: RUN ... {'given_name': ...}"); so would
    one that turned the driver's loggers down on purpose."""
    logs = [logging.getLogger(name) for name in ("neo4j", "neo4j.io", "neo4j.pool")]
    was = [(log, log.level, list(log.filters)) for log in logs]
    for log in logs:
        log.setLevel(logging.NOTSET)
    try:
        app = create_app(settings_for(neo4j_target, admin_token=ADMIN_TOKEN))
        if after == "root at DEBUG":
            caplog.set_level(logging.DEBUG)
        else:
            caplog.set_level(logging.DEBUG)
            for log in logs:
                log.setLevel(logging.DEBUG)
        with TestClient(app) as client:
            made = client.post("/users", headers=BOOT,
                               json={"username": "quillonia", "display_name": "Quillonia F",
                                     "role": "coordinator", "team": "north"})  # fmt: skip
            assert made.status_code == 201, made.text
        assert not [r for r in caplog.records if "Quillonia" in r.getMessage()]
        # What the driver warns of still comes through.
        logging.getLogger("neo4j.io").warning("a warning of the driver's")
        assert [r for r in caplog.records if r.getMessage() == "a warning of the driver's"]
    finally:
        for log, level, filters in was:
            log.setLevel(level)
            log.filters[:] = filters
