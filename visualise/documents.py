"""Documents for people to read and print: the Lifelong Links plan, the journey book and a
care leaver's own record. Rendered from plain data by Jinja2 templates that escape everything;
no script, and a Content-Security-Policy that lets the page load nothing but its own styles.
The journey book and the record are also PDFs, made from the same page by WeasyPrint (tagged,
for screen readers), which fetches nothing either."""

from __future__ import annotations

import itertools
import logging
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

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


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def long_date(iso: str | None) -> str:
    """2026-04-06 as "6 April 2026", 2026-04 as "April 2026"; anything else as it is."""
    if not iso:
        return ""
    if len(iso) == 10 and iso[4] == "-" and iso[7] == "-":
        return f"{int(iso[8:])} {_MONTHS[int(iso[5:7]) - 1]} {iso[:4]}"
    if len(iso) == 7 and iso[4] == "-":
        return f"{_MONTHS[int(iso[5:7]) - 1]} {iso[:4]}"
    return iso


_ENV.filters["long_date"] = long_date


def render_plan(
    plan: dict[str, Any],
    *,
    version: dict[str, Any] | None,
    changes: list[str],
    latest: dict[str, Any] | None,
    for_family: bool = False,
) -> Document:
    """The plan as a page: a recorded `version` (with when it was agreed and its review), or
    the plan today with what `changes` since the `latest` version; `for_family`: the copy to
    give the family, without what is said for the workers alone (who is held back and why, who
    of a version is not in the plan today: the caller leaves those people out of `plan`)."""
    nonce = secrets.token_urlsafe(18)
    html = _ENV.get_template("plan.html").render(
        plan=plan,
        version=version,
        changes=changes,
        latest=latest,
        nonce=nonce,
        for_family=for_family,
    )
    return Document(html=html, nonce=nonce)


def render_book(book: dict[str, Any], *, picture_svg: str) -> Document:
    """The journey book as a page; `picture_svg` is `visualise.picture`'s own (escaped) SVG."""
    nonce = secrets.token_urlsafe(18)
    # `visualise.picture` escaped every name as it drew the SVG.
    svg = Markup(picture_svg)  # noqa: S704
    html = _ENV.get_template("book.html").render(book=book, picture=svg, nonce=nonce)
    return Document(html=html, nonce=nonce)


# A section holding a cell longer than this is printed as one block a row, not as a table:
# WeasyPrint lays out a table cell that runs over pages again and again (a young person's own
# words of 10,000 characters in a cell kept a core busy for seven minutes; as a block, the
# whole record took 2.4 s).
LONG_CELL = 300


def render_record(record: dict[str, Any]) -> Document:
    """A care leaver's own record as a page (and, through `to_pdf`, a PDF)."""
    nonce = secrets.token_urlsafe(18)
    blocks = [
        any(len(str(cell)) > LONG_CELL for row in section["rows"] for cell in row)
        for section in record["sections"]
    ]
    html = _ENV.get_template("record.html").render(record=record, blocks=blocks, nonce=nonce)
    return Document(html=html, nonce=nonce)


def _fetch_nothing(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError("a document fetches nothing")


class _Unquoted(logging.Filter):
    """WeasyPrint's own records without their words: a warning about a character no font has
    quotes that character from the text (a name), one record a character, and its progress
    lines name each step. What is kept: that the renderer said something, and how gravely."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = "the PDF renderer reported a problem (its words left out)", ()
        return True


def _quiet_renderer() -> None:
    for name, level in (("weasyprint", logging.ERROR), ("weasyprint.progress", logging.ERROR)):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        if not any(isinstance(f, _Unquoted) for f in logger.filters):
            logger.addFilter(_Unquoted())


# The most text a PDF is made of here: WeasyPrint sets about 100,000 characters of words a
# second on this machine, so a few seconds of one of the two typesetting slots. A second
# reader's book of 300 messages of 5,000 characters took 33 s; a longer document is printed
# from its page (which has everything) in the browser.
PDF_MAX_CHARS = 300_000
_TOKENS = re.compile(r"(<[^>]*>)")
# A run of characters with nowhere to break a line (entities whole), and where it is cut.
_RUN = re.compile(r"(?:&#?\w+;|[^\s&<]){30,}")
_UNIT = re.compile(r"&#?\w+;|[^\s&<]")
_BREAK = "\u200b"  # zero-width space: a place to break a line, printing nothing
_EVERY = 30
# Never between a character and what belongs to it (a later reader: a break went between ❤
# and its emoji style, "e" and its accent, and a flag's two halves).
_JOINER, _RI = "\u200d", range(0x1F1E6, 0x1F200)
# Elements whose text is not the page's words.
_NOT_WORDS = ("style", "script", "title")


class TooLongForPdf(Exception):
    """The page's text is longer than a PDF is made of here (`PDF_MAX_CHARS`)."""

    def __init__(self, chars: int) -> None:
        super().__init__(f"{chars} characters")
        self.chars = chars


def _belongs(before: str, after: str) -> bool:
    """Whether `after` belongs with `before` in one character as read: an accent, an emoji's
    style or skin tone, a joined emoji, the second half of a flag."""
    if before == _JOINER or after == _JOINER or len(after) > 1 or len(before) > 1:
        return before == _JOINER or after == _JOINER
    a = ord(after)
    return (
        unicodedata.category(after).startswith("M")
        or 0xFE00 <= a <= 0xFE0F
        or 0x1F3FB <= a <= 0x1F3FF
        or 0xE0020 <= a <= 0xE007F
    )


def _breakable(run: re.Match[str]) -> str:
    units = _UNIT.findall(run.group())

    def regional(unit: str) -> bool:
        return len(unit) == 1 and ord(unit) in _RI

    # Regional indicators pair up from the first of a run of them: a flag's two halves.
    out, since, halves = [units[0]], 1, int(regional(units[0]))
    for before, after in itertools.pairwise(units):
        if since >= _EVERY and not _belongs(before, after) and not halves % 2:
            out.append(_BREAK)
            since = 0
        halves = halves + 1 if regional(after) else 0
        out.append(after)
        since += 1
    return "".join(out)


def for_typesetting(html: str) -> tuple[str, int]:
    """The page with a place to break a line in every 30 characters of a word with none (a
    second reader: 20 messages of 5,000 characters without a space took 8.4 s to set, 0.4 s
    each for 100 KB; with these, as many words as any text), outside tags and styles; and how
    many characters of text it has."""
    parts = _TOKENS.split(html)
    inside: str | None = None  # in a style, script or title
    chars = 0
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            name = re.match(r"</?([a-zA-Z]+)", part)
            tag = name.group(1).lower() if name else ""
            if inside is None and tag in _NOT_WORDS and not part.startswith("</"):
                inside = tag
            elif inside == tag and part.startswith("</"):
                inside = None
            continue
        if inside or not part:
            continue
        chars += len(part)
        parts[i] = _RUN.sub(_breakable, part)
    return "".join(parts), chars


def to_pdf(html: str) -> bytes:
    """The page as a tagged PDF (headings, reading order and the picture's text for screen
    readers). CPU-bound: call it off the event loop. `TooLongForPdf` past `PDF_MAX_CHARS` of
    text, before anything is set."""
    from weasyprint import HTML  # imported when used: it loads Pango at import

    _quiet_renderer()
    html, chars = for_typesetting(html)
    if chars > PDF_MAX_CHARS:
        raise TooLongForPdf(chars)
    pdf: bytes = HTML(string=html, url_fetcher=_fetch_nothing).write_pdf(
        pdf_tags=True, custom_metadata=False
    )
    return pdf


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
        "Cross-Origin-Resource-Policy": "same-origin",
    }
