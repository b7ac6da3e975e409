"""A still picture of a genogram, as SVG, for documents to print (the journey book): the cards
and connectors that `visualise.genogram` laid out, drawn by the genogram's conventions (a square
for a male, a circle for a female, a diamond otherwise, a cross for someone who has died, a
double outline for the young person; birth lines solid, adoptive dashed, foster dotted, step
dash-dot; one slash on a separated couple, two on a divorced one). Every name is escaped; the
picture names its people in its description, for those who cannot see it."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any
from xml.sax.saxutils import escape

from visualise.connectors import CARD_H, CARD_W
from visualise.map_items import relation_label

_MARGIN = 12.0
# The widest strip of a picture printed across a page: an A4 page's text (about 670 px) shows
# 760 units at 0.88, names at about 8 pt. A wider picture is cut into strips one above the
# other (a second reader: a close family of 31 drew 3,198 wide, its names 4 px on the page).
STRIP = 760.0
_DASH = {"solid": None, "dashed": "8 5", "dotted": "2 4", "dashdot": "8 4 2 4"}
# A card's lines start after its symbol, 30 units in, and keep 6 clear of its right edge.
_ROOM = CARD_W - 36
# Drawn with presentation attributes, not a <style>: a page's Content-Security-Policy lets only
# its own nonced styles apply, and a picture must look the same on a page and in a PDF.
_CARD = 'fill="#ffffff" stroke="#505a5f" stroke-width="1.2"'
_ME = 'fill="#ffffff" stroke="#1d70b8" stroke-width="2"'
_SHAPE = 'fill="#f3f2f1" stroke="#0b0c0c"'
_INK = 'stroke="#0b0c0c" stroke-width="1.6" fill="none"'
_NAME = (
    'font-family="Arial, Helvetica, sans-serif" font-size="12" font-weight="bold" fill="#0b0c0c"'
)
_WORDS = 'font-family="Arial, Helvetica, sans-serif" font-size="11" fill="#505a5f"'


# Arial's advance widths, in ems, near enough to cut a line before it leaves its card (a
# second reader: 22 characters of 12-unit bold ran into the next card, and a long name off the
# picture's edge).
_NARROW, _WIDE = frozenset("fijlrtI.,;:'!|()[] -/"), frozenset("mwMW@%")


def _em(ch: str) -> float:
    if ch in _NARROW:
        return 0.3
    if ch in _WIDE:
        return 0.9
    return 0.72 if ch.isupper() or not ch.isascii() else 0.56


def _width(text: str, size: float, bold: bool = False) -> float:
    return sum(_em(ch) for ch in text) * size * (1.1 if bold else 1.0)


def _fit(text: str, size: float, bold: bool = False) -> str:
    """`text` as much of it as fits a card's line at this font size, with an ellipsis when
    anything was cut."""
    if _width(text, size, bold) <= _ROOM:
        return text
    cut = text
    while cut and _width(cut + "…", size, bold) > _ROOM:
        cut = cut[:-1]
    return cut.rstrip() + "…"


def _relation(label: str) -> str:
    """A card's relation line: the form of it that fits the card, by the letters' widths."""
    return relation_label(label, fits=lambda t: _width(t, 11) <= _ROOM, cut=lambda t: _fit(t, 11))


def _symbol(sex: str, x: float, y: float) -> str:
    if sex == "male":
        return f'<rect x="{x - 7:.1f}" y="{y - 7:.1f}" width="14" height="14" {_SHAPE}/>'
    if sex == "female":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7.5" {_SHAPE}/>'
    return (f'<polygon points="{x:.1f},{y - 8:.1f} {x + 8:.1f},{y:.1f} {x:.1f},{y + 8:.1f} '
            f'{x - 8:.1f},{y:.1f}" {_SHAPE}/>')  # fmt: skip


def _card(node: Mapping[str, Any], label: str, centre: bool) -> str:
    x, y = node["x"] - CARD_W / 2, node["y"] - CARD_H / 2
    parts = [f'<rect x="{x:.1f}" y="{y:.1f}" width="{CARD_W:.0f}" height="{CARD_H:.0f}" '
             f'rx="6" {_ME if centre else _CARD}/>']  # fmt: skip
    if centre:
        parts.append(f'<rect x="{x + 3:.1f}" y="{y + 3:.1f}" width="{CARD_W - 6:.0f}" '
                     f'height="{CARD_H - 6:.0f}" rx="4" {_ME}/>')  # fmt: skip
    sx, sy = x + 16, node["y"]
    parts.append(_symbol(node["sex"], sx, sy))
    if not node["living"]:
        cross = (f"M{sx - 9:.1f},{sy - 9:.1f} L{sx + 9:.1f},{sy + 9:.1f} "
                 f"M{sx + 9:.1f},{sy - 9:.1f} L{sx - 9:.1f},{sy + 9:.1f}")  # fmt: skip
        parts.append(f'<path d="{cross}" stroke="#0b0c0c" stroke-width="1.5"/>')
    parts.append(f'<text x="{x + 30:.1f}" y="{node["y"] - 3:.1f}" {_NAME}>'
                 f"{escape(_fit(node['name'], 12, bold=True))}</text>")  # fmt: skip
    parts.append(f'<text x="{x + 30:.1f}" y="{node["y"] + 13:.1f}" {_WORDS}>'
                 f"{escape(_relation(label))}</text>")  # fmt: skip
    return "".join(parts)


def _line(line: Mapping[str, Any]) -> str:
    dash = _DASH.get(line["style"])
    extra = f' stroke-dasharray="{dash}"' if dash else ""
    drawn = [f'<line x1="{line["x1"]:.1f}" y1="{line["y1"]:.1f}" x2="{line["x2"]:.1f}" '
             f'y2="{line["y2"]:.1f}" {_INK}{extra}/>']  # fmt: skip
    if line.get("mark"):
        mx, my = (line["x1"] + line["x2"]) / 2, (line["y1"] + line["y2"]) / 2
        for i in range(len(line["mark"])):
            off = (i - (len(line["mark"]) - 1) / 2) * 6
            drawn.append(f'<line x1="{mx + off - 4:.1f}" y1="{my + 7:.1f}" '
                         f'x2="{mx + off + 4:.1f}" y2="{my - 7:.1f}" {_INK}/>')  # fmt: skip
    return "".join(drawn)


def genogram_svg(
    nodes: Iterable[Mapping[str, Any]],
    lines: Iterable[Mapping[str, Any]],
    *,
    young_person_id: str,
    labels: Mapping[str, str],
    title: str,
) -> str:
    """The SVG (a string to place in a page as it is) of laid-out `nodes` (id, name, sex,
    living, x, y) and `lines`; `labels`: the second line of each card (how they are related)."""
    nodes, lines = list(nodes), list(lines)
    if not nodes:
        return ""
    xs = [n["x"] for n in nodes] + [c for ln in lines for c in (ln["x1"], ln["x2"])]
    ys = [n["y"] for n in nodes] + [c for ln in lines for c in (ln["y1"], ln["y2"])]
    left = min(xs) - CARD_W / 2 - _MARGIN
    top = min(ys) - CARD_H / 2 - _MARGIN
    width = max(xs) + CARD_W / 2 + _MARGIN - left
    height = max(ys) + CARD_H / 2 + _MARGIN - top
    who = "; ".join(f"{n['name']}, {labels.get(n['id'], '')}".rstrip(", ") for n in nodes)
    named = (f'role="img" aria-labelledby="pt pd"><title id="pt">{escape(title)}</title>'
             f'<desc id="pd">{escape(who)}</desc>')  # fmt: skip
    strips = _strips(left, width)
    ink = "".join(_line(ln) for ln in lines)
    drawn = []
    for i, (x, lo, hi) in enumerate(strips):
        # Each card once, whole, in the strip its middle is in; the lines cut where the strips
        # meet (a second reader: strips overlapping by a card showed people twice, and cut
        # cards at their edges).
        mine = [n for n in nodes if lo <= n["x"] < hi]
        cards = "".join(_card(n, labels.get(n["id"], ""), n["id"] == young_person_id)
                        for n in mine)  # fmt: skip
        y0, y1, w, body = top, top + height, width, ink + cards
        if len(strips) > 1:
            # Each strip as tall as what is in it: its cards, and the lines across it.
            ys = [y for n in mine for y in (n["y"] - CARD_H / 2, n["y"] + CARD_H / 2)]
            ys += [y for ln in lines
                   if min(ln["x1"], ln["x2"]) < hi and max(ln["x1"], ln["x2"]) > lo
                   for y in (ln["y1"], ln["y2"])]  # fmt: skip
            if ys:
                y0, y1 = min(ys) - _MARGIN, max(ys) + _MARGIN
            a, b = max(lo, x), min(hi, x + STRIP)
            w, body = (
                STRIP,
                (
                    f'<clipPath id="ll-strip-{i}"><rect x="{a:.1f}" y="{y0:.1f}" '
                    f'width="{b - a:.1f}" height="{y1 - y0:.1f}"/></clipPath>'
                    f'<g clip-path="url(#ll-strip-{i})">{ink}</g>{cards}'
                ),
            )
        drawn.append(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x:.1f} {y0:.1f} '
                     f'{w:.1f} {y1 - y0:.1f}" width="100%" '
                     f"{named if i == 0 else _HIDDEN}{body}</svg>")  # fmt: skip
    return "".join(drawn)


_HIDDEN = 'aria-hidden="true">'  # a strip after the first: the first names everyone


def _strips(left: float, width: float) -> list[tuple[float, float, float]]:
    """(left, and from and to where cards' middles belong) of each strip of a picture `width`
    wide from `left`: one when it fits `STRIP`; otherwise strips of `STRIP`, each holding the
    cards whose middle is before the next's start by half a card and a margin, so that every
    card is whole in the strip it is drawn in, and drawn in one only."""
    if width <= STRIP:
        return [(left, -math.inf, math.inf)]
    half = CARD_W / 2 + _MARGIN
    found: list[tuple[float, float, float]] = []
    start, lo = left, -math.inf
    while start + STRIP < left + width:
        cut = start + STRIP - half
        found.append((start, lo, cut))
        start, lo = cut - half, cut
    found.append((left + width - STRIP, lo, math.inf))
    return found
