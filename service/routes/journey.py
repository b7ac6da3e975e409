"""The journey book: the young person's own book of their Lifelong Links, with what they agreed
to put in it, as a page and as a PDF; and the messages people write for it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from service.auth.access import CaseAccess, CaseDep, PathId, YoungPersonReach
from service.data import connections, journey, network
from service.data.journey import ChoicesSet, MessageCreate, MessagePublic
from service.data.network import Filters
from service.drawing import draw
from service.journey import Book, without_side
from visualise import documents, picture

router = APIRouter(tags=["journey book"])
_HTML: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "The book as a page to read and print."}
}
_PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}}, "description": "The book as a PDF."}
}


@router.put("/young-people/{young_person_id}/journey-book", status_code=204)
async def set_book_choices(body: ChoicesSet, reach: YoungPersonReach, access: CaseDep) -> Response:
    """Record what the young person agreed to put in their book: their own words, which
    sections, and anyone to leave out. Nothing goes in a book before this."""
    for index, person_id in enumerate(body.leave_out):
        await access.named(person_id, loc=("leave_out", index), action="set_book_choices",
                           case=reach.person_id)  # fmt: skip
    await journey.set_choices(access.db, actor=access.principal,
                              young_person_id=reach.person_id, body=body)  # fmt: skip
    return Response(status_code=204)


async def _book(access: CaseAccess, young_person_id: str) -> tuple[Book, str]:
    """The book and the SVG of its family picture (without anyone the book leaves out)."""
    graph = await network.network(access.db, young_person_id=young_person_id, view="tree",
                                  filters=Filters(scope="close"))  # fmt: skip
    book, out = await journey.book(access.db, young_person_id=young_person_id,
                                   today=access.today.isoformat(),
                                   picture=[n.id for n in graph.nodes])  # fmt: skip
    if "family_picture" not in book.sections:
        return book, ""
    graph.nodes = [n for n in graph.nodes if n.id not in out]
    graph.edges = [e for e in graph.edges if e.source not in out and e.target not in out]
    await run_in_threadpool(draw, graph)
    labels = {n.id: without_side(n.relation or "") for n in graph.nodes}
    labels[young_person_id] = "you"
    svg = picture.genogram_svg(
        [n.model_dump() for n in graph.nodes], [ln.model_dump() for ln in graph.lines],
        young_person_id=young_person_id, labels=labels, title=f"{book.name}'s close family",
    )  # fmt: skip
    return book, svg


@router.get("/young-people/{young_person_id}/journey-book", response_model=Book)
async def read_book(reach: YoungPersonReach, access: CaseDep) -> Book:
    """What the book holds, for the worker to check with the young person (and how many people
    it leaves out). A 409 until their choices are recorded."""
    book, _ = await _book(access, reach.person_id)
    return book


@router.get("/young-people/{young_person_id}/journey-book/document",
            response_class=HTMLResponse, responses=_HTML)  # fmt: skip
async def book_page(reach: YoungPersonReach, access: CaseDep) -> HTMLResponse:
    book, svg = await _book(access, reach.person_id)
    page = documents.render_book(book.model_dump(), picture_svg=svg)
    return HTMLResponse(page.html, headers=documents.headers(page.nonce))


@router.get("/young-people/{young_person_id}/journey-book/document.pdf",
            response_class=Response, responses=_PDF)  # fmt: skip
async def book_pdf(reach: YoungPersonReach, access: CaseDep) -> Response:
    """The same book as a PDF, made from the same page."""
    book, svg = await _book(access, reach.person_id)
    page = documents.render_book(book.model_dump(), picture_svg=svg)
    pdf = await run_in_threadpool(documents.to_pdf, page.html)
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": 'inline; filename="journey-book.pdf"',
        "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
    })  # fmt: skip


@router.post("/connections/{connection_id}/messages", status_code=201,
             response_model=MessagePublic)  # fmt: skip
async def add_message(connection_id: PathId, body: MessageCreate, access: CaseDep) -> MessagePublic:
    """A message for the young person from the connection's person (often someone who could not
    commit to more), for the journey book."""
    young_person_id = await connections.connection_young_person(access.db, cid=connection_id)
    reach = await access.case_of(
        young_person_id, missing="No connection with this id is within your allocations.",
        action="add_message", record_allowed=False,
    )  # fmt: skip
    return await journey.add_message(access.db, actor=access.principal,
                                     young_person_id=reach.person_id, cid=connection_id,
                                     body=body)  # fmt: skip
