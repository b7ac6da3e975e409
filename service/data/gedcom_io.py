"""GEDCOM import into a young person's network, and export of a person's family.

An import is one transaction: people (keyed by their xref within the import's system), then
parent links and partnerships, then a check of the graph as it now stands; any failure rolls
the whole file back. Importing the same file again creates nothing.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import TransientError
from pydantic import BaseModel, Field

from service import gedcom_again, gedcom_dates, gedcom_siblings
from service.auth.principal import Principal
from service.data.audit import Shared, record, record_in, record_in_others
from service.db import Db, in_write
from service.errors import (
    TRANSACTION_TOO_LARGE,
    Conflict,
    InvalidInput,
    NotFound,
    PayloadTooLarge,
)
from service.family import Family
from service.gedcom import (
    GedcomChild,
    GedcomFamily,
    GedcomPerson,
    GedcomTree,
    Pedigree,
    Sex,
    write_gedcom,
)
from service.gedcom_checks import ancestor_loop, couples
from service.gedcom_model import KINDS_OF_OUR_OWN

BATCH = 500
_KIND = {"birth": "birth", "adopted": "adoptive", "foster": "foster", "step": "step"}
_RANK = {"birth": 0, "adopted": 1, "step": 2, "foster": 3}


class ImportResult(BaseModel):
    young_person_id: str
    system: str
    preview: bool = Field(
        default=False, description="A dry run: what the import would do; nothing was written."
    )
    people_in_file: int
    families_in_file: int
    people_created: int
    people_matched: int = Field(
        description="People of the file already in the network from an earlier import of the "
        "same source (the file only fills their empty fields)."
    )
    relationships_created: int
    notes: list[str] = Field(
        default_factory=list,
        description="What the import changed or could not keep, by xref and line (never a "
        "name): control characters taken out of names, names cut to 100 characters, dates that "
        "are approximate, ranges, phrases or in another calendar, and how many people with no "
        "death recorded were counted as not living.",
    )


def _stable_id(type_: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"{type_}_{digest}"


def _links(tree: GedcomTree, ids: dict[str, str], system: str) -> list[dict[str, Any]]:
    links: list[dict[str, Any]] = []
    # No link to a parent the file ties the child to by a word that is not birth, adoption,
    # foster care or a step-parent (`GedcomFamily.ties`; the import's notes say so). A parent
    # and child in two of the file's families (a mother with the birth father, then with a
    # step-father) are one link: birth when either family says so (a birth way beats any other,
    # as in `service.family`).
    tied: dict[tuple[str, str], Pedigree] = {}
    for family in tree.families:
        for parent, child, tie in family.ties():
            before = tied.get((parent, child.xref))
            if before is None or _RANK[tie] < _RANK[before]:
                tied[(parent, child.xref)] = tie
    for (parent, child_xref), kind_of in tied.items():
        if parent not in ids or child_xref not in ids:  # someone the case took out
            continue
        # Keyed by the people, not the file's xrefs: the same file imported into two cases
        # makes two sets of people and ties, and reimporting makes none.
        props = {"id": _stable_id("parent", system, ids[parent], ids[child_xref]),
                 "kind": _KIND[kind_of]}  # fmt: skip
        links.append({"type": "parent", "from_id": ids[parent], "to_id": ids[child_xref],
                      "props": props})  # fmt: skip
    # A couple the file names in several families is one partnership, as it stands now
    # (`gedcom_checks.couples`): the import keeps one tie a couple.
    for family in couples(tree.families).values():
        if len(family.partners) == 2 and family.partnership:
            a, b = family.partners
            if a not in ids or b not in ids:
                continue
            # A family with no marriage, divorce or kind says they were a couple, not whether
            # they live together now (a second reader: every such couple, separated parents
            # and couples of the 1800s, were "living together", a household for the flags).
            kind = family.kind or (
                "divorced" if family.divorced else "married" if family.married else "unknown"
            )
            couple: dict[str, Any] = {"id": _stable_id("partner", system, ids[a], ids[b]),
                                      "kind": kind, "since": family.marriage_date,
                                      **gedcom_dates.written_fields(
                                          "since", family.marriage_written)}  # fmt: skip
            if family.until is not None:  # when the partnership ended
                couple["until"] = family.until
            # Else taken so: status not recorded contradicts no recorded kind.
            said = bool(family.kind or family.married or family.divorced) and kind != "unknown"
            links.append({"type": "partner", "from_id": ids[a], "to_id": ids[b],
                          "props": couple, "said": said})  # fmt: skip
    # A parentage the file says is ruled out makes no tie; one already recorded is told
    # (`gedcom_again.ties_recorded`).
    links += [{"type": "disproven", "from_id": ids[parent], "to_id": ids[child], "props": {}}
              for parent, child in tree.disproven if parent in ids and child in ids]  # fmt: skip
    return links


async def import_tree(
    db: Db,
    *,
    actor: Principal,
    young_person_id: str,
    tree: GedcomTree,
    system: str,
    young_person_xref: str | None = None,
    progress: Callable[[int], object] | None = None,
    preview: bool = False,
) -> ImportResult:
    """Import the tree in one transaction. `preview`: do all of it, checks included, then roll
    it back, and answer what it would have done; only the preview itself is audited."""
    xrefs = {p.xref for p in tree.people}
    if young_person_xref is not None and young_person_xref not in xrefs:
        raise InvalidInput(f"The file has no individual {young_person_xref}.")
    rows = [
        {"xref": p.xref, "id": str(uuid.uuid4()), "given_name": p.given_name,
         "family_name": p.family_name, "known_as": p.known_as, "sex": p.sex,
         "known_as_kind": p.known_as_kind,
         "birth_date": p.birth_date,
         "death_date": p.death_date, "living": not p.deceased,
         "living_inferred": p.living_inferred, "own_id": p.own_id,
         **gedcom_dates.written_fields("birth", p.birth_written),
         **gedcom_dates.written_fields("death", p.death_written)}
        for p in tree.people
    ]  # fmt: skip
    by_xref = {p.xref: (p.given_name, p.family_name, p.sex) for p in tree.people}
    row_of = {row["xref"]: row for row in rows}

    async def work(tx: AsyncManagedTransaction) -> ImportResult:
        # The case's lock first: a second import of the same file sent at once (a double
        # click) waits, then matches what the first wrote rather than writing it all again.
        await (await tx.run(db.queries["lock_people"], ids=[young_person_id])).consume()
        found = await (await tx.run(db.queries["get_person_dates"], id=young_person_id)).single()
        if found is None or not found["is_young_person"]:
            raise NotFound("No young person has this id.")
        ids: dict[str, str] = {}
        kept_out: list[str] = []  # deaths in the file for people recorded as living
        taken_out: list[str] = []  # people the case took out of its network: left out
        names_kept: list[str] = []  # names known by the file gives, where one is recorded
        elsewhere: list[str] = []  # xrefs the file gives to someone other than recorded
        doubted: list[str] = []  # xrefs whose person's names share nothing with the recorded
        differ: list[tuple[str, list[str]]] = []  # dates or sex the file gives otherwise
        # What other cases holding the people are told: fields filled in, ties made.
        shared: list[Shared] = []
        new = {row["id"] for row in rows}  # the ids of people the import may create
        made_parents: list[tuple[str, str]] = []  # the parent links the import made
        created_people = created_links = 0
        # The young person's own xref: the one given, else the file's record whose xref an
        # earlier import of this source gave them (a second reader: a file imported again
        # without it made a second Kit, shown as his own brother).
        own = young_person_xref
        if own is None:
            # The record carrying the young person's own id (this service's export).
            own = next((p.xref for p in tree.people if p.own_id == young_person_id), None)
        if own is None:
            held = (await (await tx.run(db.queries["young_person_xrefs"], system=system,
                young_person_id=young_person_id)).single(strict=True))["xrefs"]  # fmt: skip
            in_file = sorted(x for x in held if x in by_xref)
            own = in_file[0] if len(in_file) == 1 else None
        if own is not None:
            result = await tx.run(
                db.queries["merge_gedcom_young_person"], system=system,
                young_person_id=young_person_id, xref=own,
            )  # fmt: skip
            record = await result.single(strict=True)
            # The young person's own xref given to someone else (a later reader: Kit came in
            # again as his own brother, another person under his xref).
            if record["young_person"] is not None and gedcom_again.likeness(
                by_xref[own], record["young_person"]) == "other":  # fmt: skip
                elsewhere.append(own)
            if record["held_by_others"]:
                raise Conflict(gedcom_again.xref_held(own, system))
            ids[own] = young_person_id
        others = [row for row in rows if row["xref"] != own]
        for start in range(0, len(others), BATCH):
            batch = others[start : start + BATCH]
            result = await tx.run(db.queries["merge_gedcom_people"], people=batch, system=system,
                                  young_person_id=young_person_id)  # fmt: skip
            async for r in result:
                if r["taken_out"]:
                    taken_out.append(r["xref"])
                    continue
                if r["recorded"] is not None:
                    like = gedcom_again.likeness(by_xref[r["xref"]], r["recorded"])
                    if like != "same":
                        (elsewhere if like == "other" else doubted).append(r["xref"])
                ids[r["xref"]] = r["id"]
                if r["before"] is not None:
                    said = gedcom_again.differences(r["before"], row_of[r["xref"]])
                    if said:
                        differ.append((r["xref"], said))
                if r["death_kept_out"]:
                    kept_out.append(r["xref"])
                if r["name_kept"]:
                    names_kept.append(r["xref"])
                if r["filled"]:
                    shared.append(Shared("person.update", f"person:{r['id']}", (r["id"],),
                                         "changed by a family tree import: "
                                         + ", ".join(sorted(set(r["filled"])))))  # fmt: skip
            created_people += (await result.consume()).counters.nodes_created // 2
            if progress:
                progress(len(batch))
        if elsewhere:
            listed = ", ".join(elsewhere[:10]) + (
                f" and {len(elsewhere) - 10} more" if len(elsewhere) > 10 else "")  # fmt: skip
            raise InvalidInput(
                f"The file gives {listed} to someone other than the person imported under it "
                f"before from {system} (another sex, and given names with nothing in common): "
                "the program may have numbered its people afresh. Nothing was imported: check "
                "the file, or import it under a new source name and merge anyone it repeats by "
                "hand."
            )
        links = _links(tree, ids, system)
        # A disproven parentage makes no tie: it is only compared with what is recorded.
        to_make = [link for link in links if link["type"] != "disproven"]

        async def merge(to_make: list[dict[str, Any]]) -> None:
            nonlocal created_links, made_parents, shared
            for start in range(0, len(to_make), BATCH):
                result = await tx.run(
                    db.queries["merge_gedcom_links"], links=to_make[start : start + BATCH]
                )
                made = (await result.single(strict=True))["made"]
                created_links += len(made)
                made_parents += [(a, b) for _, a, b, parent in made if parent]
                # Someone the import created is in this case alone: only a tie between two
                # people already recorded can be another case's too.
                shared += [Shared("relationship.create", f"relationship:{tie}", (a, b),
                                  "added by a family tree import")
                           for tie, a, b, _ in made if a not in new and b not in new]  # fmt: skip

        await merge(to_make)
        # Brothers and sisters in a family that names no parents: after the parent links, so
        # that the parents the file gives them elsewhere are weighed too.
        pairs = gedcom_siblings.sibling_pairs(tree)
        wanted = [[ids[a], ids[b]] for _, a, b in pairs if a in ids and b in ids]
        sibling_notes: list[str] = []
        if wanted:
            facts = await (await tx.run(db.queries["sibling_facts"], pairs=wanted,
                                        young_person_id=young_person_id)).data()  # fmt: skip
            siblings, sibling_notes = gedcom_siblings.decide(
                pairs, ids, {(r["a"], r["b"]): r for r in facts}
            )
            await merge([{"type": "sibling", "from_id": a, "to_id": b,
                          "props": {"id": _stable_id("sibling", system, *sorted((a, b))),
                                    "half": False}} for a, b in siblings])  # fmt: skip
        back = {v: k for k, v in ids.items()}  # person id -> the file's xref
        # The ties recorded between the people the file matched (someone it created has none
        # but those just made): where the file gives them otherwise, or no longer gives one an
        # earlier import of this source made, said and kept.
        matched = [pid for pid in ids.values() if pid not in new]
        recorded = (await (await tx.run(db.queries["recorded_ties"], ids=matched)).single(
            strict=True))["ties"] if len(matched) > 1 else []  # fmt: skip
        made_here = {_stable_id("parent" if parent else "partner", system, a, b)
                     for _, a, b, parent, *_ in recorded}  # fmt: skip
        gone = gedcom_again.ties_gone(links, recorded, made_here, back)
        crowded = await (
            await tx.run(
                db.queries["check_imported_people"],
                ids=list(ids.values()),
                young_person_id=young_person_id,
                system=system,
            )
        ).values()
        if crowded:
            raise InvalidInput(gedcom_again.too_many_parents(
                [back[row[0]] for row in crowded], any(row[1] for row in crowded)))  # fmt: skip
        # The file has nobody their own ancestor (`check_shape`); with the ties already
        # recorded it may (a corrected file giving a parent and child the other way round).
        linked = await (
            await tx.run(db.queries["case_parent_links"], young_person_id=young_person_id)
        ).single(strict=True)  # fmt: skip
        loop = ancestor_loop(linked["links"], made_parents)
        if loop:
            named = [back.get(i, f"person {i}") for i in loop]  # xrefs; ids for the others
            raise InvalidInput(
                f"With this file, {named[0]} would be their own ancestor "
                f"({' -> '.join(named)}): "
                "the file gives a parent and child the other way round from a tie already "
                "recorded. Correct the file or the recorded tie; nothing was imported."
            )
        # A file that names no young person and joins none of its people to them.
        unlinked: list[str] = []
        if own is None and not (await (await tx.run(
                db.queries["tied_to_young_person"], young_person_id=young_person_id,
                ids=list(ids.values()))).single(strict=True))["tied"]:  # fmt: skip
            unlinked.append(gedcom_again.UNLINKED)
        answer = ImportResult(
            young_person_id=young_person_id, system=system, preview=preview,
            people_in_file=len(tree.people), families_in_file=len(tree.families),
            people_created=created_people,
            people_matched=len(others) - created_people - len(taken_out),
            relationships_created=created_links,
            notes=[*unlinked, *gedcom_again.doubted(doubted), *tree.notes,
                   *gedcom_again.ties_recorded(links, recorded, back),
                   *gedcom_again.status_not_recorded(links, recorded, back), *gone, *sibling_notes,
                   *gedcom_again.kept_as_recorded(differ),
                   *gedcom_again.kept_out(kept_out), *gedcom_again.taken_out(taken_out),
                   *gedcom_again.names_kept(names_kept)],
        )  # fmt: skip
        if preview:
            raise _DryRun(answer)  # the transaction is rolled back: nothing is written
        await record_in(tx, db.queries, principal=actor, action="gedcom.import",
                        resource=f"import:{system}", outcome="allowed",
                        young_person_id=young_person_id,
                        reason=f"{created_people} people, {created_links} ties")  # fmt: skip
        # A person or tie other cases hold too is theirs as well, as for a change by hand.
        await record_in_others(tx, db.queries, principal=actor,
                               young_person_id=young_person_id, changes=shared)  # fmt: skip
        return answer

    async def whole(tx: AsyncManagedTransaction) -> ImportResult:
        try:
            return await work(tx)
        except TransientError as exc:
            if exc.code in TRANSACTION_TOO_LARGE:  # retrying would only fail again
                raise _too_large(len(tree.people)) from None
            raise

    try:
        result: ImportResult = await in_write(db, whole)
    except TransientError as exc:  # at commit, after the driver's retries
        if exc.code not in TRANSACTION_TOO_LARGE:
            raise
        raise _too_large(len(tree.people)) from None
    except _DryRun as dry:
        await record(db, principal=actor,
                     action="gedcom.preview", resource=f"import:{system}", outcome="allowed",
                     young_person_id=young_person_id,
                     reason=f"{dry.answer.people_created} people, "
                            f"{dry.answer.relationships_created} ties")  # fmt: skip
        return dry.answer
    return result


def _too_large(people: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"The file's {people} people are more than this server can import in one transaction "
        "(the database ran out of the memory one transaction may use); nothing was imported. "
        "Import a branch of the tree, or give Neo4j more memory (LL_NEO4J_HEAP)."
    )


class _DryRun(Exception):
    """Raised inside a preview's transaction with its answer, so that the driver rolls it
    back."""

    def __init__(self, answer: ImportResult) -> None:
        super().__init__("preview")
        self.answer = answer


def _sex(value: object) -> Sex:
    return "female" if value == "female" else "male" if value == "male" else "unknown"


def _parent_families(
    parents: list[str], couples: dict[tuple[str, ...], dict[str, Any]]
) -> list[tuple[str, ...]]:
    """The families a child's parents of one kind are written in: recorded partners together;
    two others together, as GEDCOM links two parents to a child (written with NO_PARTNERSHIP,
    so that reading the file back makes them no couple); more than two others, one family each
    (three foster carers are not paired at random, nor any left out)."""
    left = list(parents)
    found: list[tuple[str, ...]] = []
    for a in parents:
        if a not in left:
            continue
        partner = next((b for b in left if b != a and tuple(sorted((a, b))) in couples), None)
        if partner is not None:
            found.append(tuple(sorted((a, partner))))
            left = [p for p in left if p not in (a, partner)]
    if len(left) == 2:
        return [*found, (left[0], left[1])]
    return [*found, *((p,) for p in left)]


def export_family(family: Family, person_ids: Sequence[str]) -> str:
    """The people given (a person and their relatives, from their loaded family) and the ties
    among them, as GEDCOM. Step links are not parentage in GEDCOM and are left out."""
    chosen = set(person_ids)
    records: list[dict[str, Any]] = [
        {
            "person": {
                "id": p.id, "given_name": p.given_name, "family_name": p.family_name,
                "known_as": p.known_as, "known_as_kind": p.known_as_kind,
                "sex": p.sex, "birth_date": p.birth_date, "death_date": p.death_date,
                "living": p.living, "birth_written": p.birth_written,
                "death_written": p.death_written,
            },
            "children": [{"child": link.child, "kind": link.kind}
                         for link in family.children.get(pid, ())
                         if link.child in chosen and link.kind != "step"],
            "partners": [{"partner": t.b, "kind": t.kind, "since": t.since,
                          "since_written": t.since_written, "until": t.until}
                         for t in family.partners.get(pid, ()) if t.a == pid and t.b in chosen],
        }
        for pid in person_ids
        if (p := family.people.get(pid)) is not None
    ]  # fmt: skip
    xref = {r["person"]["id"]: f"@I{i + 1}@" for i, r in enumerate(records)}
    people = [
        GedcomPerson(
            xref=xref[p["id"]], given_name=p["given_name"] or "",
            family_name=p["family_name"] or "",
            sex=_sex(p["sex"]),
            birth_date=p["birth_date"], death_date=p["death_date"],
            deceased=p["living"] is False or p["death_date"] is not None,
            birth_written=gedcom_dates.from_words(p["birth_written"]),
            death_written=gedcom_dates.from_words(p["death_written"]),
            known_as=p["known_as"] or None, own_id=p["id"],
            known_as_kind=p["known_as_kind"] if p["known_as"] else None,
        )
        for p in (r["person"] for r in records)
    ]  # fmt: skip
    # One family per set of parents of a child, and one per partnership.
    parents_of: dict[str, list[tuple[str, str]]] = {}
    for r in records:
        for c in r["children"]:
            parents_of.setdefault(c["child"], []).append((r["person"]["id"], c["kind"]))
    couples: dict[tuple[str, ...], dict[str, Any]] = {}
    for r in records:
        for p in r["partners"]:
            key = tuple(sorted((r["person"]["id"], p["partner"])))
            couples[key] = {"married": p["kind"] in ("married", "civil_partnership", "divorced"),
                            "divorced": p["kind"] == "divorced", "date": p["since"],
                            "words": p["since_written"], "until": p["until"], "children": [],
                            "partnership": True, "kind": p["kind"]}  # fmt: skip
    pedigree: dict[str, Pedigree] = {"birth": "birth", "adoptive": "adopted", "foster": "foster"}
    for child, parents in parents_of.items():
        pair = tuple(sorted(pid for pid, _ in parents))
        if len(parents) == 2 and pair in couples and parents[0][1] != parents[1][1]:
            # A couple tied to the child each their own way (a step-parent adoption: the
            # mother's husband adopted her son): one family, each parent's tie said alone, as
            # programs write it (a second reader: the couple was split into three families,
            # the child in two one-parent families and the couple in one with no child).
            said = tuple((xref[pid], pedigree.get(kind, "birth")) for pid, kind in parents)
            couples[pair]["children"].append(GedcomChild(xref[child], "birth", said))
            continue
        by_kind: dict[str, list[str]] = {}
        for pid, kind in parents:
            by_kind.setdefault(kind, []).append(pid)
        for kind, pids in by_kind.items():
            for key in _parent_families(sorted(pids), couples):
                couple = couples.setdefault(key, {
                    "married": False, "divorced": False, "date": None, "children": [],
                    "partnership": len(key) < 2,
                })  # fmt: skip
                couple["children"].append(GedcomChild(xref[child], pedigree.get(kind, "birth")))

    def dated(couple: dict[str, Any]) -> bool:
        """Whether the couple's start is written: a marriage's, or a kind GEDCOM has no word
        for (`PARTNERSHIP_KIND`)."""
        return bool(couple["married"] or couple.get("kind") in KINDS_OF_OUR_OWN)

    families = [
        GedcomFamily(
            xref=f"@F{i + 1}@", partners=tuple(xref[pid] for pid in key), married=f["married"],
            divorced=f["divorced"], marriage_date=f["date"] if dated(f) else None,
            children=tuple(f["children"]),
            marriage_written=gedcom_dates.from_words(f.get("words")) if dated(f) else None,
            partnership=f["partnership"], kind=f.get("kind"),
            until=f.get("until") if f["partnership"] else None,
        )
        for i, (key, f) in enumerate(sorted(couples.items()))
    ]  # fmt: skip
    return write_gedcom(GedcomTree(people=tuple(people), families=tuple(families)))
