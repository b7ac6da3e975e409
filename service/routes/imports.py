"""GEDCOM: import a family tree into a young person's network, export a person's family."""

from __future__ import annotations

import re
from typing import Annotated

import anyio
from fastapi import APIRouter, File, Form, Request, Response, UploadFile

from service.auth.access import CaseDep, PersonReach
from service.data import gedcom_io, relatives
from service.data.gedcom_io import ImportResult
from service.db import SettingsDep
from service.errors import InvalidInput, NotFound, PayloadTooLarge
from service.gedcom import GedcomError, parse_gedcom
from service.gedcom_model import MAX_XREF
from service.openapi import CONFLICT

router = APIRouter(tags=["gedcom"])
_FIELDS = ("file", "young_person_id", "source", "young_person_xref", "preview")
_SOURCE = re.compile(r"^[A-Za-z0-9._-]+$")
_XREF = re.compile(r"^@[^@]+@$")
# What each field's pattern asks for, in words with an example.
_AS_TYPED = {
    "source": (_SOURCE, "source: a name for the file's tree in letters, digits, '.', '_' and "
               "'-' only, with no spaces, such as smith-family-tree."),
    "young_person_xref": (_XREF, "young_person_xref: the young person's xref as the file "
                          "writes it, with its @ signs, such as @I1@."),
}  # fmt: skip


@router.post("/imports/gedcom", status_code=201, response_model=ImportResult, responses=CONFLICT)
async def import_gedcom(
    request: Request,
    access: CaseDep,
    settings: SettingsDep,
    response: Response,
    file: Annotated[UploadFile, File(description="A GEDCOM 5.5.1 file.")],
    young_person_id: str = Form(min_length=1, max_length=100),
    source: str | None = Form(
        default=None,
        min_length=1,
        max_length=50,
        # Checked below, to answer in words (a second reader got the regular expression).
        json_schema_extra={"pattern": _SOURCE.pattern},
        description="A name for the file's tree; its xrefs are kept as external ids in the "
        "system gedcom:<source>. Defaults to the young person's id.",
    ),
    young_person_xref: str | None = Form(
        default=None,
        # As long as a file's xrefs may be (`gedcom_model.MAX_XREF`): a tree with long xrefs
        # (UUIDs) imported, but its young person could not be named (a second reader).
        max_length=MAX_XREF,
        json_schema_extra={"pattern": _XREF.pattern},
        description="The young person's own xref in the file, if they are in it.",
    ),
    preview: bool = Form(
        default=False,
        description="A dry run: everything the import would do, its checks included, answered "
        "with 200 and written nowhere, so a coordinator can check a file first.",
    ),
) -> ImportResult:
    """Import individuals, families and child links; importing the same file again is a no-op.
    A broken or hostile file gets a 422 that says what is wrong, and nothing is written. With
    `preview`, the same answer (201 becomes 200) and nothing written."""
    # A field sent twice (two files, two young people) would be taken as its last: refused.
    form = await request.form()
    twice = [name for name in _FIELDS if len(form.getlist(name)) > 1]
    if twice:
        raise InvalidInput(f"Each field is sent once; sent more than once: {', '.join(twice)}.")
    for name, value in (("source", source), ("young_person_xref", young_person_xref)):
        pattern, message = _AS_TYPED[name]
        if value is not None and not pattern.fullmatch(value):
            raise InvalidInput(message, details=[{"loc": ["body", name], "msg": message}])
    reach = await access.named(
        young_person_id, loc=("young_person_id",), action="import_gedcom", young=True
    )
    data = await file.read(settings.gedcom_max_bytes + 1)
    if len(data) > settings.gedcom_max_bytes:
        raise PayloadTooLarge(f"The file is larger than {settings.gedcom_max_bytes} bytes.")
    try:
        tree = await anyio.to_thread.run_sync(
            lambda: parse_gedcom(
                data, max_bytes=settings.gedcom_max_bytes, max_people=settings.gedcom_max_people
            )
        )
    except GedcomError as exc:
        raise InvalidInput(f"The GEDCOM file was not imported: {exc}") from exc
    if preview:
        response.status_code = 200
    return await gedcom_io.import_tree(access.db, actor=access.principal,
        young_person_id=reach.person_id, tree=tree,
        system=f"gedcom:{source or reach.person_id}", young_person_xref=young_person_xref,
        preview=preview,
    )  # fmt: skip


# The export holds the person's relatives this many generations each way.
EXPORT_GENERATIONS = 4


@router.get(
    "/people/{person_id}/gedcom",
    response_class=Response,
    responses={200: {"content": {"text/x-gedcom": {}}}},
)
async def export_gedcom(reach: PersonReach, access: CaseDep) -> Response:
    """The person and their relatives (four generations each way) as GEDCOM 5.5.1."""
    within = reach.within
    family = await relatives.load_family(access.db, person_id=reach.person_id,
        within=within, max_generations=EXPORT_GENERATIONS,
    )  # fmt: skip
    if family is None:
        raise NotFound("No person with this id is within your allocations.")
    found = relatives.relatives_of(family, within, EXPORT_GENERATIONS)
    ids = [reach.person_id, *(r.person_id for r in found.data if r.kind != "by_marriage")]
    text = gedcom_io.export_family(family, ids)
    return Response(
        content=text.encode(),
        media_type="text/x-gedcom; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="family.ged"'},
    )
