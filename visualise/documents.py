"""Documents for people to read and print: the Lifelong Links plan (and, to come, the journey
book). Rendered from plain data by Jinja2 templates that escape everything; no script, and a
Content-Security-Policy that lets the page load nothing but its own styles."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class Document:
    html: str
    nonce: str


def long_date(iso: str | None) -> str:
    """2026-04-06 as "6 April 2026"; a partial date as it is."""
    if not iso or len(iso) != 10:
        return iso or ""
    months = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")  # fmt: skip
    return f"{int(iso[8:])} {months[int(iso[5:7]) - 1]} {iso[:4]}"


_ENV.filters["long_date"] = long_date


def render_plan(
    plan: dict[str, Any],
    *,
    version: dict[str, Any] | None,
    changes: list[str],
    latest: dict[str, Any] | None,
) -> Document:
    """The plan as a page: a recorded `version` (with when it was agreed and its review), or
    the plan today with what `changes` since the `latest` version."""
    nonce = secrets.token_urlsafe(18)
    html = _ENV.get_template("plan.html").render(
        plan=plan, version=version, changes=changes, latest=latest, nonce=nonce
    )
    return Document(html=html, nonce=nonce)


def headers(nonce: str) -> dict[str, str]:
    """A document's answer headers: nothing loaded but its own styles, never framed, stored
    nowhere on the way."""
    return {
        "Content-Security-Policy": (
            f"default-src 'none'; style-src 'nonce-{nonce}'; img-src data:; base-uri 'none'; "
            "form-action 'none'; frame-ancestors 'none'"
        ),
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }
