"""What a young person takes away: their journey book (their own book of their Lifelong Links,
with what they agreed to put in it, and the messages people write for it) and, as a care
leaver, their own record; each as JSON, a page and a PDF."""

from __future__ import annotations

import threading
from typing import Any

from fastapi import APIRouter, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from service.auth.access import CaseAccess, CaseDep, DeciderCaseDep, PathId, YoungPersonReach
from service.data import connections, journey, network, record
from service.data.journey import ChoicesSet, MessageCreate, MessagePublic
from service.data.network_graph import Filters
from service.drawing import draw
from service.errors import DocumentTooLong, DocumentUnavailable, LayoutUnavailable
from service.journey import Book, without_side
from service.models import ListOf
from service.openapi import CONFLICT
from service.record import OwnRecord
from visualise import documents, picture

router = APIRouter(tags=["journey book and own record"])
_HTML: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "The book as a page to read and print."}
}
_PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}}, "description": "The book as a PDF."}
}
# Each view of the book answers 409 until the young person's choices are recorded.
_NOT_CHOSEN: dict[int | str, dict[str, Any]] = {
    409: {
        **CONFLICT[409],
        "description": "The young person's choices are not yet recorded (PUT .../journey-book).",
    }
}


@router.put("/young-people/{young_person_id}/journey-book", status_code=204)
async def set_book_choices(body: ChoicesSet, reach: YoungPersonReach, access: CaseDep) -> Response:
    """Record what the young person agreed to put in their book: their own words, which
    sections, and anyone to leave out (any person's id: leaving someone out reads nothing about
    them, and a brother or sister in another child's case can be left out too). Nothing goes in
    a book before this."""
    await journey.set_choices(access.db, actor=access.principal,
                              young_person_id=reach.person_id, body=body)  # fmt: skip
    return Response(status_code=204)


async def _book(access: CaseAccess, young_person_id: str, *, drawn: bool) -> tuple[Book, str]:
    """The book and, when `drawn`, the SVG of its family picture (without anyone the book
    leaves out; "" when the young person left it out or the layout engine is not available:
    the book is printed without it)."""
    graph = await network.network(access.db, young_person_id=young_person_id, view="tree",
                                  filters=Filters(scope="close"))  # fmt: skip
    book, out = await journey.book(access.db, young_person_id=young_person_id,
                                   today=access.today.isoformat(),
                                   picture=[n.id for n in graph.nodes])  # fmt: skip
    if not drawn or "family_picture" not in book.sections:
        return book, ""
    graph.nodes = [n for n in graph.nodes if n.id not in out]
    graph.edges = [e for e in graph.edges if e.source not in out and e.target not in out]
    try:
        await run_in_threadpool(draw, graph)
    except LayoutUnavailable:
        return book, ""
    labels = {n.id: without_side(n.relation or "") for n in graph.nodes}
    labels[young_person_id] = "you"
    svg = picture.genogram_svg(
        [n.model_dump() for n in graph.nodes], [ln.model_dump() for ln in graph.lines],
        young_person_id=young_person_id, labels=labels, title=f"{book.name}'s close family",
    )  # fmt: skip
    return book, svg


async def _book_page(access: CaseAccess, young_person_id: str) -> documents.Document:
    book, svg = await _book(access, young_person_id, drawn=True)
    return documents.render_book(book.model_dump(), picture_svg=svg)


@router.get("/young-people/{young_person_id}/journey-book", response_model=Book,
            responses=_NOT_CHOSEN)  # fmt: skip
async def read_book(reach: YoungPersonReach, access: CaseDep) -> Book:
    """What the book holds, for the worker to check with the young person (and how many people
    it leaves out). A 409 until their choices are recorded."""
    book, _ = await _book(access, reach.person_id, drawn=False)
    return book


@router.get("/young-people/{young_person_id}/journey-book/document",
            response_class=HTMLResponse, responses=_HTML | _NOT_CHOSEN)  # fmt: skip
async def book_page(reach: YoungPersonReach, access: CaseDep) -> HTMLResponse:
    page = await _book_page(access, reach.person_id)
    return HTMLResponse(page.html, headers=documents.headers(page.nonce))


@router.get("/young-people/{young_person_id}/journey-book/document.pdf",
            response_class=Response, responses=_PDF | _NOT_CHOSEN)  # fmt: skip
async def book_pdf(reach: YoungPersonReach, access: CaseDep) -> Response:
    """The same book as a PDF, made from the same page."""
    page = await _book_page(access, reach.person_id)
    return await _pdf(page.html, "journey-book.pdf")


# Setting a PDF takes a core for a second or more: at most two at once.
_TYPESETTING = threading.BoundedSemaphore(2)


def _typeset(html: str) -> bytes:
    with _TYPESETTING:
        return documents.to_pdf(html)


async def _pdf(html: str, filename: str) -> Response:
    try:
        pdf = await run_in_threadpool(_typeset, html)
    except documents.TooLongForPdf as exc:
        raise DocumentTooLong(
            f"This document has {exc.chars:,} characters of text, more than a PDF is made of "
            f"here ({documents.PDF_MAX_CHARS:,}): print its page (the same address without "
            "'.pdf') from the browser instead, which holds everything."
        ) from None
    except Exception as exc:  # WeasyPrint and Pango raise many kinds; none names a person
        raise DocumentUnavailable("The PDF cannot be made now; the page works.") from exc
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{filename}"',
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
        action="add_message", record_allowed=False, resource=f"connection:{connection_id}",
    )  # fmt: skip
    return await journey.add_message(access.db, actor=access.principal,
                                     young_person_id=reach.person_id, cid=connection_id,
                                     body=body)  # fmt: skip


@router.get("/connections/{connection_id}/messages", response_model=ListOf[MessagePublic])
async def list_messages(connection_id: PathId, access: CaseDep) -> ListOf[MessagePublic]:
    """The messages written for the young person by the connection's person, oldest first:
    what the journey book may hold of them."""
    young_person_id = await connections.connection_young_person(access.db, cid=connection_id)
    await access.case_of(
        young_person_id, missing="No connection with this id is within your allocations.",
        action="list_messages", record_allowed=True, resource=f"connection:{connection_id}",
    )  # fmt: skip
    found = await journey.list_messages(access.db, cid=connection_id)
    return ListOf[MessagePublic](data=found, count=len(found))


@router.delete("/connections/{connection_id}/messages/{message_id}", status_code=204)
async def delete_message(connection_id: PathId, message_id: PathId, access: CaseDep) -> Response:
    """Take a message back (typed to the wrong connection, or one its writer or the young
    person no longer wants kept): gone from the book and the own record; audited, never its
    words."""
    young_person_id = await connections.connection_young_person(access.db, cid=connection_id)
    reach = await access.case_of(
        young_person_id, missing="No connection with this id is within your allocations.",
        action="delete_message", record_allowed=False, resource=f"connection:{connection_id}",
    )  # fmt: skip
    await journey.delete_message(access.db, actor=access.principal,
                                 young_person_id=reach.person_id, cid=connection_id,
                                 message_id=message_id)  # fmt: skip
    return Response(status_code=204)


@router.get("/young-people/{young_person_id}/record", response_model=OwnRecord)
async def read_own_record(access: DeciderCaseDep, reach: YoungPersonReach) -> OwnRecord:
    """Everything the service holds about the young person, for a subject access request (a care
    leaver's right to their own record): other people's information withheld and marked. For
    the social worker or manager who answers the request."""
    return await record.own_record(access.db, young_person_id=reach.person_id, today=access.today)


async def _record_page(access: CaseAccess, young_person_id: str) -> documents.Document:
    found = await record.own_record(access.db, young_person_id=young_person_id, today=access.today)
    return documents.render_record(found.model_dump())


@router.get("/young-people/{young_person_id}/record/document",
            response_class=HTMLResponse, responses=_HTML)  # fmt: skip
async def own_record_page(access: DeciderCaseDep, reach: YoungPersonReach) -> HTMLResponse:
    page = await _record_page(access, reach.person_id)
    return HTMLResponse(page.html, headers=documents.headers(page.nonce))


@router.get("/young-people/{young_person_id}/record/document.pdf",
            response_class=Response, responses=_PDF)  # fmt: skip
async def own_record_pdf(access: DeciderCaseDep, reach: YoungPersonReach) -> Response:
    page = await _record_page(access, reach.person_id)
    return await _pdf(page.html, "record.pdf")
