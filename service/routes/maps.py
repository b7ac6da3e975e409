"""Network maps: the JSON graph, the HTML ecomap and family tree, and embed links.

`/young-people/{id}/map` and `/graph` are for callers with a bearer token. A page inside another
council system's iframe cannot send one, so an allocated user mints an embed token
(`POST /young-people/{id}/embed-tokens`) and the system frames `/embed?token=...`; that page may
be framed only by the origin named in the token, which must be one the settings allow.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal, cast

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from service.auth import embed
from service.auth.access import CaseAccess, CaseDep, PathId, Reach, YoungPersonReach
from service.auth.guard import CHALLENGE
from service.auth.need_to_know import set_viewer
from service.auth.principal import Principal, Role
from service.data import audit, chains, network, network_graph, users
from service.data.network_graph import Filters, NetworkGraph, Scope, View
from service.dates import london_today
from service.db import Db, DbDep, SettingsDep, together
from service.drawing import draw
from service.errors import InvalidInput, NotFound, Unauthorized
from service.family import Family
from service.models import InputModel, Text, answer
from service.openapi import error_responses
from service.settings import Settings, normalise_origin
from service.workflow import Stage
from visualise import maps

router = APIRouter(tags=["maps"])

_HTML: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "The map as an HTML page."}
}


def map_filters(
    side: Annotated[
        Literal["maternal", "paternal"] | None,
        Query(description="Only this side of the family (and relatives on both)."),
    ] = None,
    living: Annotated[bool | None, Query(description="Only living, or only deceased.")] = None,
    stage: Annotated[Stage | None, Query(description="Only connections at this stage.")] = None,
    max_generations: Annotated[int, Query(ge=1, le=6)] = 4,
    scope: Annotated[
        Scope,
        Query(
            description="Family tree: `close` (the default: parents and their partners, "
            "brothers and sisters, grandparents) or `whole` (everyone in the generations asked)."
        ),
    ] = "close",
) -> Filters:
    return Filters(side=side, living=living, stage=stage, max_generations=max_generations,
                   scope=scope)  # fmt: skip


FiltersDep = Annotated[Filters, Depends(map_filters)]
ViewQuery = Annotated[View, Query(description="`ecomap` (default) or `tree` (a genogram).")]


def _asked(
    access: CaseAccess, young_person_id: str, view: View, filters: Filters
) -> tuple[Any, ...]:
    """What a map's answer depends on besides the data: whose map, which view and filters, and
    the day."""
    return (young_person_id, view, filters.model_dump_json(), access.today)


def _graph_key(
    access: CaseAccess, young_person_id: str, view: View, filters: Filters
) -> tuple[Any, ...]:
    """Where a drawn graph is kept: one key for `/graph` and the map pages, which share it."""
    return ("graph", *_asked(access, young_person_id, view, filters))


async def _drawn(
    access: CaseAccess, young_person_id: str, view: View, filters: Filters
) -> NetworkGraph:
    return await _drawn_from(access, await _load(access, young_person_id, filters), view, filters)


async def _load(access: CaseAccess, young_person_id: str, filters: Filters) -> network.Loaded:
    return await network.load(
        access.db, young_person_id=young_person_id, max_generations=filters.max_generations,
        today=access.today,
    )  # fmt: skip


async def _drawn_from(
    access: CaseAccess, loaded: network.Loaded, view: View, filters: Filters
) -> NetworkGraph:
    graph = network.assemble(loaded, view=view, filters=filters, today=access.today)
    if view == "tree":
        # Graphviz runs as a process: off the event loop.
        await run_in_threadpool(draw, graph)
    else:
        draw(graph)  # a millisecond of Python: a thread would only add the hand-over
    return graph


def _to_keep(graph: NetworkGraph) -> NetworkGraph:
    """A drawn graph as kept: without the loaded family (nearly half of what a kept graph
    holds): the page's chains are kept on their own, and chains worked out later read the
    family again."""
    stored = graph.model_copy()
    stored.family = None
    return stored


def _chains_key(access: CaseAccess, reach: Reach) -> tuple[Any, ...]:
    # With the cases read through, as `kept_for` compares them: nothing kept here varies with
    # them today, and nothing kept would be given through other cases if it ever did (a
    # second reader's point).
    return ("chains", reach.person_id, tuple(reach.within), SAFEGUARDING_STEPS, access.today)


async def _graph_and_chains(
    access: CaseAccess, reach: Reach, view: View, filters: Filters
) -> tuple[NetworkGraph, dict[str, list[str]]]:
    """The drawn graph of a young person already checked, and the safeguarding chains through
    each person, in words (never what a flag says), for the page's panel. Each is kept for the
    next read of the case while the data has not changed (service.readcache: worked out after
    the check, so no older than the revision it saw); the graph as `read_graph` keeps it. Who
    asks changes only how they are written.

    The chains' search starts as soon as the family and the network are read, and runs in
    Neo4j while the graph is worked out and drawn here (with the default four generations; with
    others the search loads the family to four generations first)."""
    key = _graph_key(access, reach.person_id, view, filters)
    kept = cast(NetworkGraph | None, access.kept_for(reach, key))
    kept_through = cast(dict[str, list[str]] | None,
                        access.kept.get(reach.revision, _chains_key(access, reach)))  # fmt: skip
    if kept is not None:
        if kept_through is not None:
            return kept, kept_through
        # A kept graph holds no family (`_to_keep`): the search loads its own.
        return kept, await _chains(access, reach, None, kept.connected)
    loaded = await _load(access, reach.person_id, filters)
    if kept_through is None:
        # The search first: its query is sent before the graph's Python work begins.
        through, graph = await together(
            _chains(access, reach, loaded.member_family, loaded.connected),
            _drawn_from(access, loaded, view, filters),
        )
    else:
        through, graph = kept_through, await _drawn_from(access, loaded, view, filters)
    access.keep_for(reach, key, _to_keep(graph))
    return graph, through


async def _chains(
    access: CaseAccess, reach: Reach, family: Family | None, connected: dict[str, str]
) -> dict[str, list[str]]:
    through = await chains.through_network(
        access.db, young_person_id=reach.person_id, max_steps=SAFEGUARDING_STEPS, family=family,
        connected=connected, today=access.today,
    )  # fmt: skip
    access.kept.put(reach.revision, _chains_key(access, reach), through)
    return through


def _title(graph: NetworkGraph) -> str:
    centre = graph.nodes[0].name if graph.nodes else "young person"
    return f"{centre}: {'family tree' if graph.view == 'tree' else 'network map'}"


# The chains the page's panel shows for each person: as /safeguarding answers by default.
SAFEGUARDING_STEPS = 2


async def _map_page(
    access: CaseAccess, reach: Reach, view: View, filters: Filters, *, parent_origin: str | None
) -> HTMLResponse:
    """The map's page. Kept as rendered for the caller's role (what it may see) and framing
    origin, and given again under a fresh nonce."""
    key = ("page", *_asked(access, reach.person_id, view, filters),
           access.principal.role.value, parent_origin, tuple(reach.within))  # fmt: skip
    kept = access.kept.get(reach.revision, key)
    if kept is not None:
        page = maps.renewed(kept)
    else:
        graph, through = await _graph_and_chains(access, reach, view, filters)
        page = _page(graph, through, parent_origin=parent_origin, filters=filters)
        access.kept.put(reach.revision, key, maps.keep(page))
    ancestors = [parent_origin] if parent_origin else []
    return HTMLResponse(page.body, headers=_page_headers(page.nonce, ancestors))


def _page_headers(nonce: str, ancestors: list[str]) -> dict[str, str]:
    """A map page's headers (and a refused embed link's page's): its policy, no referrer, not
    kept. `ancestors`: who may frame it (none when empty)."""
    return {
        "Content-Security-Policy": maps.content_security_policy(nonce, ancestors),
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


def _page(
    graph: NetworkGraph,
    through: dict[str, list[str]],
    *,
    parent_origin: str | None,
    filters: Filters | None = None,
) -> maps.Page:
    # Under the request's viewer, so the page carries only what that role may see.
    drawn = network_graph.for_page(graph, through)
    chosen = {} if filters is None else {
        "side": filters.side or "", "stage": filters.stage or "",
        "living": "" if filters.living is None else "living" if filters.living else "deceased",
    }  # fmt: skip
    return maps.render(drawn, title=_title(graph), parent_origin=parent_origin, chosen=chosen)


@router.get("/young-people/{young_person_id}/graph", response_model=NetworkGraph)
async def read_graph(
    young_person_id: PathId, access: CaseDep, filters: FiltersDep, view: ViewQuery = "ecomap"
) -> Response:
    """The network as nodes and edges with positions, for systems that draw their own map.
    Flag details follow need-to-know, as everywhere."""
    # Checked first (CaseAccess.read_person): a refusal reads nothing, and nobody can keep
    # Graphviz busy with trees they may not see.
    graph = await access.read_person(
        young_person_id,
        action="read_graph",
        young=True,
        fetch=lambda _cases: _drawn(access, young_person_id, view, filters),
        key=_graph_key(access, young_person_id, view, filters),
        keep_as=_to_keep,
    )
    return answer(graph)


@router.get("/young-people/{young_person_id}/map", response_class=HTMLResponse, responses=_HTML)
async def read_map(
    reach: YoungPersonReach, access: CaseDep, filters: FiltersDep, view: ViewQuery = "ecomap"
) -> HTMLResponse:
    """The ecomap (`view=ecomap`) or family tree (`view=tree`) as a self-contained page that
    fetches nothing. It may not be framed; use an embed token for that."""
    return await _map_page(access, reach, view, filters, parent_origin=None)


class EmbedTokenCreate(InputModel):
    view: View = "ecomap"
    origin: Text | None = Field(
        default=None,
        max_length=300,
        description="The origin of the page that will frame the map (one of LL_EMBED_ORIGINS): "
        "the link then opens only in a frame on that origin's page. Without it the link opens "
        "the map on its own and it cannot be framed.",
        examples=["https://case.example.gov.uk"],
    )
    minutes: int | None = Field(
        default=None, ge=1, le=60, description="Lifetime; at most LL_EMBED_MINUTES."
    )


class EmbedToken(BaseModel):
    token: str
    url: str = Field(description="The page to open or frame.")
    view: View
    origin: str | None
    expires_at: datetime


def embed_key(request: Request) -> bytes:
    key: bytes = request.app.state.embed_key
    return key


def mint_link(
    settings: Settings, key: bytes, *, user_id: str, young_person_id: str, view: View,
    origin: str | None, minutes: int, api_token_id: str | None = None,
    not_after: datetime | None = None,
) -> EmbedToken:  # fmt: skip
    token, claims = embed.mint(
        key, user_id=user_id, young_person_id=young_person_id, view=view, origin=origin,
        minutes=minutes, api_token_id=api_token_id, not_after=not_after,
    )  # fmt: skip
    return EmbedToken(
        token=token, url=f"{settings.base_url}/embed?token={token}", view=view, origin=origin,
        expires_at=claims.expires_at,
    )  # fmt: skip


@router.post(
    "/young-people/{young_person_id}/embed-tokens", status_code=201, response_model=EmbedToken
)
async def create_embed_token(
    body: EmbedTokenCreate,
    reach: YoungPersonReach,
    access: CaseDep,
    settings: SettingsDep,
    key: Annotated[bytes, Depends(embed_key)],
) -> EmbedToken:
    """A short-lived link to this young person's map, for you, for one view and one framing
    origin. Whoever opens it sees what you may see, for as long as you still may: it expires no
    later than the API token or identity token it was made with, and stops working if that API
    token is revoked."""
    origin = None
    if body.origin is not None:
        origin = normalise_origin(body.origin)
        if origin is None or origin not in settings.allowed_embed_origins:
            raise InvalidInput(
                "This origin may not embed maps; the allowed ones are set in LL_EMBED_ORIGINS.",
                details=[{"loc": ["body", "origin"], "msg": "origin not allowed"}],
            )
    minutes = min(body.minutes or settings.embed_minutes, settings.embed_minutes)
    link = mint_link(
        settings, key, user_id=access.principal.user_id, young_person_id=reach.person_id,
        view=body.view, origin=origin, minutes=minutes,
        api_token_id=access.principal.api_token_id,
        not_after=access.principal.signed_in_until,
    )  # fmt: skip
    # Capped by its API token's expiry, a link may be dead on arrival: refused, saying why,
    # rather than handed over.
    dead = link.expires_at <= datetime.now(UTC) + timedelta(seconds=1)
    await audit.record(access.db, principal=access.principal,
        action="create_embed_token", resource=f"young_person:{reach.person_id}",
        outcome="refused" if dead else "allowed", young_person_id=reach.person_id,
        reason="the token used expires within a second" if dead else
               f"{body.view} for {origin or 'direct viewing'} until {link.expires_at.isoformat()}",
    )  # fmt: skip
    if dead:
        raise Unauthorized(
            "The token used expires within a second; sign in with another.",
            headers=CHALLENGE,
        )
    return link


@router.get(
    "/embed",
    response_class=HTMLResponse,
    responses={**_HTML, **error_responses(401)},
    tags=["maps"],
)
async def read_embedded_map(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    filters: FiltersDep,
    key: Annotated[bytes, Depends(embed_key)],
    token: Annotated[str, Query(min_length=20, max_length=4000)],
) -> HTMLResponse:
    """The map an embed token names, for the user who minted it. Authenticated by the token,
    not a header; refused when it is expired or altered, when the user is disabled or no longer
    reaches the young person, when the API token it was made with is revoked or expired, or
    when its origin is no longer allowed. A link made for an origin opens only in a frame (the
    browser's `Sec-Fetch-Dest: iframe` or `frame`, sent to https addresses and localhost),
    never as a page of its own; one made without an origin only on its own. Every view is
    audited.

    A refusal is the usual JSON error for API clients; a browser loading a page (asking for
    HTML, or saying it loads a frame or a document) is given a short page saying what happened
    and what to do, which tells a framing page why with `postMessage` (`_refusal_page`)."""
    try:
        return await _embedded_map(request, db, settings, filters, key, token)
    except embed.EmbedRefused as exc:
        if not _wants_a_page(request):
            raise
        return _refusal_page(exc, settings)


async def _embedded_map(
    request: Request, db: Db, settings: Settings, filters: Filters, key: bytes, token: str
) -> HTMLResponse:
    try:
        claims = embed.verify(key, token)
    except embed.EmbedRefused as exc:
        if exc.reason == "expired" and exc.claims is not None:
            await _refuse(db, exc.claims, "embed token expired")
        raise
    if claims.origin is not None and claims.origin not in settings.allowed_embed_origins:
        await _refuse(db, claims, "origin no longer allowed")
        raise embed.EmbedRefused(
            "This embed link's origin is no longer allowed.", claims, reason="origin_not_allowed"
        )
    user = await _user(db, claims.user_id)
    if user is None or user.disabled or user.role == Role.admin:
        await _refuse(db, claims, "user disabled or not a case role")
        raise embed.EmbedRefused(
            "This embed link's user may no longer see this map.", claims, reason="no_access"
        )
    if user.last_disabled_at is not None and claims.issued_at <= user.last_disabled_at:
        # Made before the user was last disabled: enabled again, they are given new links, as
        # their API tokens were revoked then (a link that leaked meanwhile stays dead).
        await _refuse(db, claims, "made before the user was disabled")
        raise embed.EmbedRefused("This embed link was made before its user was disabled; ask "
                                 "for a new one.", claims, reason="revoked")  # fmt: skip
    if claims.api_token_id is not None and not await users.token_usable(
        db, token_id=claims.api_token_id, user_id=user.id
    ):
        await _refuse(db, claims, "the API token it was made with is revoked or expired")
        raise embed.EmbedRefused(
            "This embed link was made with a token that is revoked or has expired; "
            "ask for a new one.",
            claims,
            reason="revoked",
        )
    principal = Principal(user.id, user.username, user.role, user.team, via="embed")
    set_viewer(principal.role)
    access = CaseAccess(principal, db, london_today(request.app.state.clock()),
                        request.app.state.read_cache)  # fmt: skip
    misplaced = _misplaced(request, claims)
    # A second reader: a link whose user's allocation ended worked again when they were
    # allocated anew (and a manager's, when the case moved team and back).
    changed = await _access_changed_since(db, claims)
    try:
        # Audits the view, allowed or refused, under the user who minted the link; a link opened
        # where it may not be is recorded below as refused, not as a view (its more serious
        # reasons, a user or case it no longer reaches, are recorded first).
        reach = await access.young_person(
            claims.young_person_id, action="read_embedded_map",
            record_allowed=misplaced is None and not changed,
        )  # fmt: skip
    except NotFound as exc:
        raise embed.EmbedRefused(
            "This embed link's user may no longer see this map.", claims, reason="no_access"
        ) from exc
    if misplaced is not None:
        reason, message = misplaced
        await _refuse(db, claims, reason)
        raise embed.EmbedRefused(message, claims, reason="wrong_place")
    if changed:
        await _refuse(db, claims, "made before the user's access to the case last changed")
        raise embed.EmbedRefused("This embed link was made before your access to this case "
                                 "last changed; ask for a new one.", claims,
                                 reason="access_changed")  # fmt: skip
    return await _map_page(access, reach, claims.view, filters, parent_origin=claims.origin)


async def _access_changed_since(db: Db, claims: embed.EmbedClaims) -> bool:
    """Whether the user's allocation to the young person, or the case's team, changed after
    the link was made: more than a second after its `iat`, which is in whole seconds (an
    allocation made a moment before the link is not a change since)."""
    records = await db.read("access_changed", young_person_id=claims.young_person_id,
                            user_id=claims.user_id)  # fmt: skip
    changes = [t.to_native() for t in records[0]["changes"]] if records else []
    return any(t > claims.issued_at + timedelta(seconds=1) for t in changes)


# What a browser sends as Sec-Fetch-Dest when it loads a page into an iframe (or a frame).
_FRAMES = frozenset({"iframe", "frame"})


def _framed(request: Request) -> bool:
    """Whether the browser is loading the page into a frame: one Sec-Fetch-Dest, saying so.
    Browsers send it (and no page's script can set it) to https addresses and localhost."""
    said = request.headers.getlist("sec-fetch-dest")
    return len(said) == 1 and said[0].strip().lower() in _FRAMES


def _misplaced(request: Request, claims: embed.EmbedClaims) -> tuple[str, str] | None:
    """Why a link is opened where it may not be (the audit's reason and the caller's
    message), or None. A link made for an origin opens only in a frame: not pasted into an
    address bar, reopened from history or a log, or fetched by a link preview (a request that
    does not say where the page goes is refused too). A link made without one opens only on its
    own: framed, its page would be blocked by the browser (`frame-ancestors 'none'`) after
    being sent, and recorded as seen."""
    framed = _framed(request)
    if claims.origin is not None and not framed:
        return ("opened outside a frame",
                f"This embed link opens only inside a page of {claims.origin}. To open the map "
                "on its own, make a link without an origin.")  # fmt: skip
    if claims.origin is None and framed:
        return ("opened in a frame, made without an origin",
                "This embed link opens the map on its own; to frame it, make a link for the "
                "framing page's origin.")  # fmt: skip
    return None


async def _user(db: Db, user_id: str) -> users.UserPublic | None:
    try:
        return await users.get_user(db, user_id=user_id, from_leader=True)
    except NotFound:
        return None


async def _refuse(db: Db, claims: embed.EmbedClaims, reason: str) -> None:
    """Record a refused embedded view, under the user the genuine token names."""
    user = await _user(db, claims.user_id)
    if user is None:
        return
    principal = Principal(user.id, user.username, user.role, user.team, via="embed")
    await audit.record(
        db, principal=principal, action="read_embedded_map",
        resource=f"young_person:{claims.young_person_id}", outcome="refused",
        young_person_id=claims.young_person_id, reason=reason,
    )  # fmt: skip


# What a browser sends as Sec-Fetch-Dest when it loads a page: a tab's, or a frame's.
_PAGES = frozenset({"iframe", "frame", "document"})


def _wants_a_page(request: Request) -> bool:
    """Whether a browser is loading a page (asks for HTML, or says it loads a frame or a
    document), rather than an API client asking (for JSON, or for anything)."""
    accept = request.headers.get("accept", "").lower()
    if "application/json" in accept:
        return False
    dest = request.headers.get("sec-fetch-dest", "").strip().lower()
    return "text/html" in accept or dest in _PAGES


def _refusal_page(exc: embed.EmbedRefused, settings: Settings) -> HTMLResponse:
    """A refused embed link as a page: the refusal in words, what to do, and a message to the
    framing page, `{type: "lifelong-links:embed-error", code}` with `code` the refusal's reason
    (nothing about the case). Framed and told as the map would be: by and to the link's origin
    when the link is genuine and its origin allowed; otherwise by any origin allowed to embed
    maps, and told with the target `*` (the message says nothing of the case)."""
    origin = exc.claims.origin if exc.claims is not None else None
    known = origin is not None and origin in settings.allowed_embed_origins
    ancestors = [origin] if known and origin else sorted(settings.allowed_embed_origins)
    nonce = maps.fresh_nonce()
    html = maps.refusal(exc.message, exc.reason, target=origin if known and origin else "*",
                        nonce=nonce)  # fmt: skip
    return HTMLResponse(html, status_code=exc.status_code, headers=_page_headers(nonce, ancestors))
