"""A family tree file imported through the API into a young person's network, again and
otherwise than the first time: the young person's own xref, a corrected file, another source
name. Real Neo4j."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from service.gedcom import parse_gedcom
from tests.cases import (
    ADMIN_TOKEN,
    Family,
    add_user,
    allocate,
    boy_of_2012,
    built_once,
    import_file,
    ok,
    open_case,
    rules,
    staffed_case,
)
from tests.conftest import Target, app_client, settings_for

HEAD = "0 HEAD\n1 SOUR GRAMPS\n1 GEDC\n2 VERS 5.5.1\n2 FORM LINEAGE-LINKED\n1 CHAR UTF-8\n"
# Kit (@I1@), the young person, with his mother Anne (@I2@), father Bob (@I3@), sister Lily (@I6@).
KIT = """0 @I1@ INDI
1 NAME Kit /Smith/
1 SEX M
1 BIRT
2 DATE 3 MAR 2012
1 FAMC @F1@
0 @I2@ INDI
1 NAME Anne /Smith/
1 SEX F
1 BIRT
2 DATE 12 MAR 1985
1 FAMS @F1@
0 @I3@ INDI
1 NAME Bob /Jones/
1 SEX M
1 FAMS @F1@
0 @I6@ INDI
1 NAME Lily /Smith/
1 SEX F
1 FAMC @F1@
0 @F1@ FAM
1 HUSB @I3@
1 WIFE @I2@
1 CHIL @I1@
1 CHIL @I6@
"""


def ged(body: str = KIT) -> bytes:
    return (HEAD + body + "0 TRLR\n").encode()


@pytest.fixture
def family(db: Driver, neo4j_target: Target) -> Iterator[Family]:
    with app_client(settings_for(neo4j_target, admin_token=ADMIN_TOKEN)) as client:
        yield built_once(boy_of_2012, client, db)


def network(db: Driver, f: Family) -> list[str]:
    """The given names of the young person's network, sorted."""
    return sorted(
        r["g"]
        for r in db.execute_query(
            "MATCH (p:Person)-[:IN_NETWORK_OF]->(:YoungPerson {id: $yp}) RETURN p.given_name AS g",
            yp=f.young_person_id,
        ).records
    )


def answer(response: Any, status: int = 201) -> dict[str, Any]:
    assert response.status_code == status, response.text
    found: dict[str, Any] = response.json()
    return found


# 1. The young person's own xref.


def test_a_file_imported_again_without_the_young_persons_xref_finds_them(
    family: Family, db: Driver
) -> None:
    """A second reader: a file imported again without `young_person_xref`, after an earlier
    import had given the young person @I1@, made a second Kit, shown as his own brother."""
    answer(import_file(family, ged(), source="tree", young_person_xref="@I1@"))
    before = network(db, family)
    again = answer(import_file(family, ged(), source="tree"))
    assert (again["people_created"], again["relationships_created"]) == (0, 0)
    assert again["people_matched"] == 3
    assert network(db, family) == before == ["Anne", "Bob", "Lily"]
    terms = {r["name"]: r["term"] for r in family.relatives()["data"]}
    assert "Kit Smith" not in terms
    assert terms["Lily Smith"] == "sister"
    assert not any("young_person_xref" in n for n in again["notes"]), again["notes"]


def test_a_file_joined_to_nobody_says_so_and_what_to_do(family: Family, db: Driver) -> None:
    said = answer(import_file(family, ged(), source="tree"))["notes"]
    assert said[0] == (
        "No one in the file is the young person or tied to them: the file's people were added to "
        "the network unlinked. Import it again with young_person_xref (the young person's own "
        "xref in the file, such as @I1@), or link someone to the young person by hand."
    ), said
    # Someone already tied to the young person whom the file holds joins it: nothing said.
    params = {"external_id": "@I2@", "system": "gedcom:tree"}
    found = answer(family.client.get("/people", headers=family.headers, params=params), 200)
    family.ids["anne"] = found["data"][0]["id"]
    family.child("anne", "me")
    again = answer(import_file(family, ged(), source="tree"))["notes"]
    assert not any("young_person_xref" in n for n in again), again


def test_the_young_persons_xref_held_by_another_says_what_to_do(family: Family, db: Driver) -> None:
    answer(import_file(family, ged(), source="tree"))  # Kit came in as someone else
    refused = answer(import_file(family, ged(), source="tree", young_person_xref="@I1@"), 409)
    message = refused["error"]["message"]
    assert message.startswith("Another person in this network already holds @I1@ in gedcom:tree")
    assert "GET /people?external_id=" in message, message
    assert "import again" in message, message
    # What it says to do works: the other Kit taken out, the young person takes @I1@.
    params = {"external_id": "@I1@", "system": "gedcom:tree"}
    (other,) = answer(family.client.get("/people", headers=family.headers, params=params), 200)[
        "data"
    ]
    gone = family.client.delete(f"/people/{other['id']}", headers=family.headers)
    assert gone.status_code in (200, 204), gone.text
    joined = answer(import_file(family, ged(), source="tree", young_person_xref="@I1@"))
    assert joined["people_created"] == 0
    assert {r["name"]: r["term"] for r in family.relatives()["data"]}["Lily Smith"] == "sister"


# 2. Brothers and sisters in a family that names no parents.

SIBLINGS = """0 @I1@ INDI
1 NAME Kit /Smith/
1 SEX M
1 FAMC @F1@
0 @I2@ INDI
1 NAME Lily /Smith/
1 SEX F
1 FAMC @F1@
0 @I3@ INDI
1 NAME Sam /Smith/
1 SEX M
1 FAMC @F1@
0 @F1@ FAM
1 CHIL @I1@
1 CHIL @I2@
1 CHIL @I3@
"""


def test_children_of_a_family_with_no_parents_are_brothers_and_sisters(family: Family) -> None:
    """A second reader: a family record whose parents an export left out gave its children
    as no relation of each other, without a word."""
    first = answer(import_file(family, ged(SIBLINGS), source="sibs", young_person_xref="@I1@"))
    assert first["relationships_created"] == 2
    terms = {r["name"]: r["term"] for r in family.relatives()["data"]}
    assert terms == {"Lily Smith": "sister", "Sam Smith": "brother"}
    lily = next(r for r in family.relatives()["data"] if r["name"] == "Lily Smith")
    family.ids["lily"] = lily["person_id"]
    of_lily = {r["name"]: r["term"] for r in family.relatives("lily")["data"]}
    assert of_lily["Sam Smith"] == "brother"
    again = answer(import_file(family, ged(SIBLINGS), source="sibs", young_person_xref="@I1@"))
    assert (again["people_created"], again["relationships_created"]) == (0, 0)


def test_siblings_whose_recorded_parents_differ_are_said_not_tied(family: Family) -> None:
    """Kit and Lily each have both parents in the file, none shared: the family of the two
    with no parents cannot make them full siblings; said, and the rest imported."""
    parents = (
        "0 @I4@ INDI\n1 SEX F\n1 FAMS @F2@\n0 @I5@ INDI\n1 SEX M\n1 FAMS @F2@\n"
        "0 @I6@ INDI\n1 SEX F\n1 FAMS @F3@\n0 @I7@ INDI\n1 SEX M\n1 FAMS @F3@\n"
        "0 @F2@ FAM\n1 HUSB @I5@\n1 WIFE @I4@\n1 CHIL @I1@\n"
        "0 @F3@ FAM\n1 HUSB @I7@\n1 WIFE @I6@\n1 CHIL @I2@\n"
    )
    body = SIBLINGS.replace("1 CHIL @I3@\n", "").replace("0 @I3@ INDI\n1 NAME Sam /Smith/\n"
                                                          "1 SEX M\n1 FAMC @F1@\n", "")  # fmt: skip
    done = answer(import_file(family, ged(body + parents), source="sibs",
                              young_person_xref="@I1@"))  # fmt: skip
    assert done["relationships_created"] == 6  # the four parent links and two couples
    assert (
        "@I1@ and @I2@: the file gives them as brothers or sisters in @F1@, which names no "
        "parents, but they share no recorded birth parent: correct their parents, or record how "
        "they are tied another way. Not recorded as siblings: record how they are tied by hand."
    ) in done["notes"], done["notes"]
    assert "Lily Smith" not in {r["name"] for r in family.relatives()["data"]}


# 3. A corrected file imported again.


def test_a_corrected_file_says_each_date_and_sex_kept_as_recorded(family: Family) -> None:
    """A second reader: Anne's birth date corrected from 12 to 21 March kept 12 March without a
    word, and Lily's sex corrected gave only the note on a program numbering afresh."""
    answer(import_file(family, ged(), source="tree", young_person_xref="@I1@"))
    same = answer(import_file(family, ged(), source="tree", young_person_xref="@I1@"))
    assert not any("kept as recorded (the file only" in n for n in same["notes"]), same["notes"]
    corrected = KIT.replace("12 MAR 1985", "21 MAR 1985").replace(
        "1 NAME Lily /Smith/\n1 SEX F", "1 NAME Lily /Smith/\n1 SEX M"
    )
    said = answer(import_file(family, ged(corrected), source="tree", young_person_xref="@I1@"))
    tail = (
        ": kept as recorded (the file only fills empty fields, and a worker may have checked "
        "the recorded one); change it by hand if the file is right"
    )
    assert (
        f"@I2@: the file gives the birth date 1985-03-21, recorded here as 1985-03-12{tail}"
        in (said["notes"])
    ), said["notes"]
    assert f"@I6@: the file gives the sex male, recorded here as female{tail}" in said["notes"]
    assert not any(n.startswith("@I3@") for n in said["notes"]), said["notes"]
    # A date a worker recorded by hand (the file's words gone) that names the same day: nothing.
    params = {"external_id": "@I2@", "system": "gedcom:tree"}
    anne = answer(family.client.get("/people", headers=family.headers, params=params), 200)
    changed = family.client.patch(f"/people/{anne['data'][0]['id']}", headers=family.headers,
                                  json={"birth_date": "1985-03-21"})  # fmt: skip
    assert changed.status_code == 200, changed.text
    again = answer(import_file(family, ged(corrected), source="tree", young_person_xref="@I1@"))
    assert not any(n.startswith("@I2@") for n in again["notes"]), again["notes"]


# 4. A couple the file gives no status.


def partnership_kinds(db: Driver, f: Family) -> list[str]:
    """The kinds of the partnerships between people of the young person's network."""
    return sorted(
        r["k"]
        for r in db.execute_query(
            "MATCH (a:Person)-[:IN_NETWORK_OF]->(:YoungPerson {id: $yp}) "
            "MATCH (a)-[t:PARTNER_OF]->(:Person) RETURN t.kind AS k",
            yp=f.young_person_id,
        ).records
    )


def test_a_couple_with_no_marriage_is_recorded_with_status_not_known(
    family: Family, db: Driver
) -> None:
    """A second reader: Bob and Anne's family, with no MARR (as in most files), made them a
    couple living together, a fact the file never gave; the export wrote
    `_LL_PARTNERSHIP cohabiting`. Their status is recorded as not known, the notes say so
    and what to do, and the export and import again keep it."""
    done = answer(import_file(family, ged(), source="tree", young_person_xref="@I1@"))
    assert partnership_kinds(db, family) == ["unknown"]
    assert any(
        n.startswith("1 couple with no marriage, divorce or end in the file (@I3@ and @I2@)")
        for n in done["notes"]
    ), done["notes"]
    exported = family.client.get(f"/people/{family.young_person_id}/gedcom", headers=family.headers)
    assert exported.status_code == 200, exported.text
    assert "cohabiting" not in exported.text


# 5. The service's own export imported back.


def export(f: Family, key: str = "me") -> str:
    found = f.client.get(f"/people/{f.ids[key]}/gedcom", headers=f.headers)
    assert found.status_code == 200, found.text
    return found.text


def test_the_services_export_imported_back_matches_everyone_by_their_id(
    family: Family, db: Driver
) -> None:
    """A second reader: the service's own export could not be imported back into the case it
    came from: it gave new @I1@ numbers only, nobody was matched, and the refusal (more than two
    birth parents) said to import it under the source name used before, in a case that had
    never imported a file. The export writes each person's id (`REFN` of `TYPE
    lifelong-links`); a record carrying one is that person. An aunt added to the file in a
    family tree program is added, nobody else is made again, and again nothing changes."""
    f = family
    f.people(mum="female", dad="male", gran="female")
    f.child("mum", "me")
    f.child("dad", "me")
    f.child("gran", "mum")
    f.partners("mum", "dad")
    text = export(f)
    assert f"1 REFN {f.ids['mum']}\n2 TYPE lifelong-links\n" in text
    tree = parse_gedcom(text.encode())
    xref = {p.own_id: p.xref for p in tree.people}
    (grans,) = [x.xref for x in tree.families if x.partners == (xref[f.ids["gran"]],)]
    edited = text.replace(f"0 {grans} FAM\n", f"0 {grans} FAM\n1 CHIL @I99@\n").replace(
        "0 TRLR", f"0 @I99@ INDI\n1 NAME Aunt /Test/\n1 SEX F\n1 FAMC {grans}\n0 TRLR"
    )
    before = network(db, f)
    done = answer(import_file(f, edited.encode(), source="edited",
                              young_person_xref=xref[f.young_person_id]))  # fmt: skip
    assert (done["people_created"], done["people_matched"]) == (1, 3), done
    assert done["relationships_created"] == 1  # the aunt's tie to her mother
    assert network(db, f) == sorted([*before, "Aunt"])
    assert {r["name"]: r["term"] for r in f.relatives()["data"]}["Aunt Test"] == "maternal aunt"
    for form in ({"young_person_xref": xref[f.young_person_id]}, {}):
        again = answer(import_file(f, edited.encode(), source="edited", **form))
        assert (again["people_created"], again["relationships_created"]) == (0, 0), again
        assert network(db, f) == sorted([*before, "Aunt"])
    # Under another source name, as the plain export: the same people again.
    plain = answer(import_file(f, text.encode(), source="export"))
    assert (plain["people_created"], plain["relationships_created"]) == (0, 0), plain
    assert network(db, f) == sorted([*before, "Aunt"])


def test_an_id_of_someone_outside_the_case_matches_nobody(family: Family, db: Driver) -> None:
    """A file carrying the id of a person of another case (sent on, or typed in) neither
    matches them, nor changes them, nor says they exist: the record is a new person of this
    case."""
    manager = add_user(family.client, "manager2", "manager")
    worker = add_user(family.client, "coordinator2", "coordinator")
    other_case = open_case(family.client, manager, given_name="Zara")
    allocate(family.client, manager, other_case, worker)
    other = Family(family.client, worker.headers, other_case)
    zed = other.person("zed", "male")
    body = (f"0 @I1@ INDI\n1 NAME Kit /Smith/\n1 FAMC @F1@\n"
            f"0 @I2@ INDI\n1 NAME Zed /Stranger/\n1 SEX M\n1 BIRT\n2 DATE 1970\n"
            f"1 REFN {zed}\n2 TYPE lifelong-links\n1 FAMS @F1@\n"
            "0 @F1@ FAM\n1 HUSB @I2@\n1 CHIL @I1@\n")  # fmt: skip
    done = answer(import_file(family, ged(body), source="t", young_person_xref="@I1@"))
    assert (done["people_created"], done["people_matched"]) == (1, 0), done
    assert network(db, family) == ["Zed"]
    (row,) = db.execute_query(
        "MATCH (p:Person {id: $id}) RETURN p.family_name AS f, p.birth_date AS b, "
        "EXISTS { (p)-[:IN_NETWORK_OF]->(:YoungPerson {id: $yp}) } AS here, "
        "COUNT { (p)-[:PARENT_OF]->() } AS children", id=zed, yp=family.young_person_id,
    ).records  # fmt: skip
    assert (row["f"], row["b"], row["here"], row["children"]) == ("Test", None, False, 0)
    assert not any(zed in note for note in done["notes"]), done["notes"]


def test_a_married_name_from_a_file_is_exported_as_a_married_name(family: Family) -> None:
    """A second reader: Anne's married name (MyHeritage's `_MARNM`) was exported as her
    nickname. It is a NAME of `TYPE married`; once a worker records the name she is known by,
    that is a nickname again."""
    body = KIT.replace("1 NAME Anne /Smith/\n", "1 NAME Anne /Smith/\n2 _MARNM Brown\n")
    answer(import_file(family, ged(body), source="tree", young_person_xref="@I1@"))
    text = export(family)
    assert "1 NAME Anne /Smith/\n1 NAME Anne /Brown/\n2 TYPE married\n" in text, text
    assert "NICK" not in text
    params = {"external_id": "@I2@", "system": "gedcom:tree"}
    anne = answer(family.client.get("/people", headers=family.headers, params=params), 200)
    changed = family.client.patch(f"/people/{anne['data'][0]['id']}", headers=family.headers,
                                  json={"known_as": "Annie"})  # fmt: skip
    assert changed.status_code == 200, changed.text
    text = export(family)
    assert "1 NAME Anne /Smith/\n2 NICK Annie\n" in text, text
    assert "TYPE married" not in text


def test_the_export_keeps_a_relatives_foster_tie_and_leaves_out_other_carers(
    family: Family,
) -> None:
    """A second reader: a foster tie imported from a file was missing from the export, while
    the README said only step links were left out. The export is the person's family: a
    grandmother who fosters him (kinship care) is written with her foster tie (`PEDI
    foster`); a foster carer who is no relative is not in it at all, as the README says (who
    looks after a child in care is not for a family tree file that may leave the council)."""
    f = family
    f.people(mum="female", gran="female", carer="female")
    f.child("mum", "me")
    f.child("gran", "mum")
    f.child("gran", "me", kind="foster")
    f.child("carer", "me", kind="foster")
    text = export(f)
    assert "carer" not in text
    tree = parse_gedcom(text.encode())
    xref = {p.own_id: p.xref for p in tree.people}
    ties = {
        (parent, child.xref, kind) for fam in tree.families for parent, child, kind in fam.ties()
    }
    assert ties == {(xref[f.ids["mum"]], xref[f.ids["me"]], "birth"),
                    (xref[f.ids["gran"]], xref[f.ids["mum"]], "birth"),
                    (xref[f.ids["gran"]], xref[f.ids["me"]], "foster")}  # fmt: skip


# 6. The same file under another source name.


def test_the_same_file_under_another_source_says_why_and_what_to_do(
    family: Family, db: Driver
) -> None:
    """A second reader: the same file imported again under another source name was refused as
    giving Kit more than two birth parents, without saying why or what to do."""
    answer(import_file(family, ged(), source="tree", young_person_xref="@I1@"))
    before = network(db, family)
    refused = answer(import_file(family, ged(), source="other-tree", young_person_xref="@I1@"), 422)
    assert refused["error"]["message"] == (
        "With this file, @I1@ would have more than two birth parents; nothing was imported. The "
        "case already records birth parents for them: perhaps an earlier import of this file, "
        "or of another export of the same tree, under another source name (the people of each "
        "source name are imported as people of their own). Import it under the source name used "
        "before, or correct the file or the recorded parents."
    )
    assert network(db, family) == before


def test_parents_recorded_by_hand_are_not_blamed_on_an_earlier_import(
    family: Family, db: Driver
) -> None:
    """A second reader: a case that had never imported a file was told to import it "under
    the source name used before". Where no earlier import under another source name gave the
    parents, the refusal says the case records other birth parents, and what to do."""
    family.people(mum="female", dad="male")
    family.child("mum", "me")
    family.child("dad", "me")
    refused = answer(import_file(family, ged(), source="tree", young_person_xref="@I1@"), 422)
    message = refused["error"]["message"]
    assert "source name used before" not in message, message
    assert message == (
        "With this file, @I1@ would have more than two birth parents; nothing was imported. The "
        "case already records other birth parents for them than the file gives, not from an "
        "earlier import of a file: the file's people are matched to those recorded only when "
        "they come from an earlier import under the same source name, or carry their ids as "
        "this service's export (GET /people/{id}/gedcom) writes them. Check which parents are "
        "right, and correct the file or the recorded parents; or import it without "
        "young_person_xref and link its people by hand."
    )
    assert network(db, family) == ["dad", "mum"]


# 7. The form's fields as typed.


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"source": "Smith family tree"}, "source",
         "source: a name for the file's tree in letters, digits, '.', '_' and '-' only, with no "
         "spaces, such as smith-family-tree."),
        ({"young_person_xref": "I1"}, "young_person_xref",
         "young_person_xref: the young person's xref as the file writes it, with its @ signs, "
         "such as @I1@."),
    ],
)  # fmt: skip
def test_a_form_field_typed_otherwise_says_what_to_type(
    family: Family, db: Driver, form: dict[str, str], field: str, message: str
) -> None:
    """A second reader: "Smith family tree" and "I1" were answered with the regular
    expressions they did not match."""
    refused = answer(import_file(family, ged(), **form), 422)
    assert refused["error"]["message"] == message
    assert refused["error"]["details"][0]["loc"] == ["body", field]
    assert network(db, family) == []


def test_a_family_with_no_marriage_is_a_couple_whose_status_is_not_recorded(
    api: TestClient,
) -> None:
    """A second reader: a family with two partners and no marriage, divorce or end (as
    programs write most families) was recorded as living together: Bob had two current
    partners at once, and a flag on Anne refused his approval as a risk in his household, on a
    fact no file gave, unsaid. Such a couple is now a partnership whose status is not recorded,
    said in the import's notes; the safety rules still count them as together (a flag on her
    holds him) until a worker records what they are, which settles it."""
    case = staffed_case(api)
    f = case.family
    liz = "0 @I7@ INDI\n1 NAME Liz /Brown/\n1 SEX F\n0 @F2@ FAM\n1 HUSB @I3@\n1 WIFE @I7@\n"
    answer = ok(import_file(f, ged(KIT + liz), system="ancestry", young_person_xref="@I1@"), 201)
    said = [n for n in answer["notes"] if "no marriage, divorce or end" in n]
    assert len(said) == 1, answer["notes"]
    assert said[0].startswith("2 couples"), said
    assert "@I3@ and @I2@" in said[0] or "@I2@ and @I3@" in said[0], said
    people = {r["name"]: r["person_id"]
              for r in ok(api.get(f"/people/{f.young_person_id}/relatives",
                                  headers=f.headers))["data"]}  # fmt: skip
    bob, anne = people["Bob Jones"], people["Anne Smith"]
    ties = ok(api.get(f"/people/{bob}/relationships", headers=f.headers))["data"]
    couples = [t for t in ties if t["type"] == "partner"]
    assert sorted(t["kind"] for t in couples) == ["unknown", "unknown"], couples
    ok(api.post(f"/people/{anne}/flags", headers=case.social_worker.headers,
                json={"kind": "person_posing_risk_to_children", "level": 3,
                      "source": "Police disclosure"}), 201)  # fmt: skip
    cid = ok(api.post(f"/young-people/{f.young_person_id}/connections", headers=f.headers,
                      json={"person_id": bob}), 201)["id"]  # fmt: skip
    case.walk(cid, "located", "awaiting_safety_check")
    refused = case.move(cid, case.social_worker, "approved", reason="checked")
    assert [rule for rule, _ in rules(refused)] == ["flagged"], refused.text
    # Recorded as separated (the worker found out), her flag is no longer in his household.
    (with_anne,) = [t for t in couples if anne in (t["from_id"], t["to_id"])]
    ok(api.patch(f"/relationships/{with_anne['id']}", headers=f.headers,
                 json={"kind": "separated"}))  # fmt: skip
    assert case.move(cid, case.social_worker, "approved", reason="checked").status_code == 200
    # Imported again: nothing more said, the worker's kind kept.
    again = ok(import_file(f, ged(KIT + liz), system="ancestry", young_person_xref="@I1@"), 201)
    assert not [n for n in again["notes"] if "no marriage, divorce or end" in n], again["notes"]
    ties = ok(api.get(f"/people/{bob}/relationships", headers=f.headers))["data"]
    kinds = {t["to_id"] if t["from_id"] == bob else t["from_id"]: t["kind"]
             for t in ties if t["type"] == "partner"}  # fmt: skip
    assert kinds[anne] == "separated"
