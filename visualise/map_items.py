"""What a network map is drawn from: each person's node, each tie's edge, the ecomap's folded
relatives, the legend and vis-network's options, as plain dicts for `visualise.maps` to put in
its page. The colours, line styles and words are here, once; map.js draws the tooltips and the
panel from the same fields. No page, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from service.workflow import FLAG_WORDS, KEEP_AWAY, STAGES, WISH_WORDS

COLOURS = {
    "young_person": "#1f4e9c",
    "maternal": "#c26a0a",
    "paternal": "#1b9e77",
    "both": "#8073ac",
    "other": "#7f7f7f",
}
_DECEASED_FILL = "#e6e6e6"
_FLAG = "#c62828"
_FAMILY_LINE = "#8a8a8a"
_TIE_LINE = "#3b3b3b"
_LAPSED_LINE = "#8a8a8a"
_STRESS_LINE = "#c62828"

GROUP_WORDS = {
    "young_person": "young person",
    "maternal": "maternal relatives",
    "paternal": "paternal relatives",
    "both": "related on both sides, or side not known",
    "other": "carers, teachers, workers and friends",
}
STAGE_WORDS: dict[str, str] = {stage: stage.replace("_", " ") for stage in STAGES}
_PARENT_DASHES: dict[str | None, Any] = {
    "birth": False,
    None: False,
    "adoptive": [8, 5],
    "foster": [2, 4],
    "step": [12, 4, 2, 4],
}
_PARENT_WORDS = {"birth": "birth parent", "adoptive": "adoptive parent", "step": "step-parent",
                 "foster": "foster carer"}  # fmt: skip
_SIBLING_WORDS = {"half": "half-siblings", "step": "step-siblings",
                  "adoptive": "adoptive siblings"}  # fmt: skip
_PARTNER_MARKS = {"separated": "/", "divorced": "//"}
_SIDE_WORDS = {"maternal": "mother's side", "paternal": "father's side", "both": "both sides"}
_TINTS = {
    "young_person": "#d3def2",
    "maternal": "#fbe3c8",
    "paternal": "#cdeee2",
    "both": "#e2def0",
    "other": "#ececec",
}
# Card corners say the sex, as a genogram's squares and circles do.
_CORNERS = {"male": 0, "female": 14}
FONT = 14
CARD = (150, 44)
_CARD_MARGIN = 5
LABEL_CHARS = 24
# vis-network hides a label when font size x scale < drawThreshold - 1: under 12 px on screen.
DRAW_THRESHOLD = 13
_TIE_STYLE: dict[str, dict[str, Any]] = {
    "strong": {"width": 4, "dashes": False},
    "moderate": {"width": 2, "dashes": False},
    "tenuous": {"width": 1.5, "dashes": [4, 6]},
}


# The warning under a person's name: (has a flag, a court order keeps them away).
_WARNINGS: dict[tuple[bool, bool], str | None] = {
    (False, False): None,
    (True, False): "⚠ FLAG",
    (False, True): "⚠ ORDER",
    (True, True): "⚠ FLAG ⚠ ORDER",
}


# The young person's wishes that keep someone from being approached, in the map's words, and
# the mark each puts under the person's name.
WISHES_AGAINST: dict[str, str] = {WISH_WORDS[w]: f"⊘ {WISH_WORDS[w].split(',')[0].upper()}"
                                  for w in sorted(KEEP_AWAY)}  # fmt: skip


def status_line(
    stage: str | None, lapsed: bool, *, flagged: bool, restricted: bool, wish: str | None = None
) -> str | None:
    """An ecomap label's third line: the stage (and a lapse), the warnings and a wish against
    contact (a second reader: a wish showed only in the side panel), as the page writes it and
    the layout measures it (`ecomap._label_box`)."""
    words = STAGE_WORDS.get(stage or "")
    tag = (f"[{words}, lapsed]" if lapsed else f"[{words}]") if words else None
    parts = [tag, _WARNINGS[flagged, restricted], WISHES_AGAINST.get(wish or "")]
    return " ".join(part for part in parts if part) or None


def _lines(*parts: str | None) -> str:
    return "\n".join([part for part in parts if part])


def _flag_words(flags: list[dict[str, Any]]) -> list[str]:
    out = []
    for flag in flags:
        content = flag.get("content")
        if content:
            what = f"level {content['level']}: {FLAG_WORDS.get(content['kind'], content['kind'])}"
            out.append(f"Safety flag ({what}). Ask {flag['ask']}.")
        else:
            out.append(f"Safety flag: ask {flag['ask']} before any contact.")
    return out


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """`text` cut to `limit` characters, the last an ellipsis when anything was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# What says a relative is one by marriage: a label never cuts it off.
_BY_MARRIAGE = ("by marriage", "-in-law")
# Shorter words for a partner a label names the short way round ("father's ex-partner").
_SHORTER = {"separated partner": "ex-partner", "former spouse": "ex-spouse"}


def relation_label(
    relation: str,
    limit: int = LABEL_CHARS,
    fits: Callable[[str], bool] | None = None,
    cut: Callable[[str], str] | None = None,
) -> str:
    """A relation in as little room as a label has: whole when it fits (`fits`: within
    `limit` characters, unless a picture measures it); else without its sides, then said the
    short way round ("step-father's ex-spouse" for "former spouse of the step-father"); and
    when none fits, the shortest of those cut (`cut`: to `limit` characters). A second reader:
    labels were cut at the word that says who someone is ("separated partner o…"), and a
    third found the long form cut where a short one was a letter over."""
    fitting = fits or (lambda text: len(text) <= limit)
    if fitting(relation):
        return relation
    sideless = " ".join(w for w in relation.split(" ") if w not in ("maternal", "paternal"))
    word, of_the, anchor = sideless.partition(" of the ")
    tried = [sideless]
    if of_the and " of the " not in anchor:  # one link only: "X of the Y of the Z" stays
        tried += [f"{anchor}'s {word}", f"{anchor}'s {_SHORTER.get(word, word)}"]
    found = next((t for t in tried if fitting(t)), None)
    if found is not None:
        return found
    shortest = min(tried, key=len)
    made = cut(shortest) if cut else short(shortest, limit)
    if len(tried) == 1 or len(made.partition("'s ")[2]) > 4:
        return made  # whole, or the short way round cut within the word that says who
    # The short way round with its relative cut, never the word that says who the person is
    # (a later reader: "partner of the maternal first cousin once removed" read "first
    # cousin once remov…", a partner named as the cousin); whole words of it first.
    # Whole words only, and never a relative by marriage cut to read as one by birth (a later
    # reader: "brother…'s partner" for a brother-in-law's).
    mine = _SHORTER.get(word, word)
    at_words = [] if any(m in anchor for m in _BY_MARRIAGE) else [
        end for end in range(len(anchor) - 1, 0, -1) if anchor[end] == " "]  # fmt: skip
    for end in at_words:
        if fitting(f"{anchor[:end]}…'s {mine}"):
            return f"{anchor[:end]}…'s {mine}"
    return cut(mine) if cut else short(mine, limit)  # who they are, if nothing of whose fits


def _path_words(
    path: list[dict[str, Any]] | None, names: dict[str, str]
) -> list[list[str | None]] | None:
    """A path's steps as `[word, id]`, or `[word, id, name]` when the name is not that of the
    page's person with the id (someone not drawn, or not held by the case: id null): map.js
    fills in the rest. A map's paths were a third of its data."""
    if path is None:
        return None
    return [
        [s["word"], s["person_id"]]
        if s["person_id"] is not None and names.get(s["person_id"]) == s["name"]
        else [s["word"], s["person_id"], s["name"]]
        for s in path
    ]


@cache
def _look(view: str, group: str, centre: bool, deceased: bool, flagged: bool, sex: str) -> Any:
    """How a person is drawn: their shape, border and colours. A few dozen looks cover every
    map: each is made once, and a page carries each of its looks once (`Looks`)."""
    colour = COLOURS[group]
    look: dict[str, Any] = {
        "borderWidth": 6 if centre else (4 if flagged else 2),
        "borderWidthSelected": 6 if centre else 4,
        "physics": False,
    }
    if view == "tree":
        width, height = CARD
        look |= {
            "shape": "box",
            "margin": _CARD_MARGIN,
            "widthConstraint": {"minimum": width - 2 * _CARD_MARGIN,
                                "maximum": width - 2 * _CARD_MARGIN},
            "heightConstraint": {"minimum": height - 2 * _CARD_MARGIN, "valign": "middle"},
            "shapeProperties": {"borderRadius": _CORNERS.get(sex, 6)},
            "color": {
                "background": _DECEASED_FILL if deceased else _TINTS[group],
                "border": _FLAG if flagged else colour,
                "highlight": {"background": "#fff6bf", "border": "#000000"},
                "hover": {"background": _TINTS[group], "border": "#000000"},
            },
        }  # fmt: skip
    else:
        look |= {
            "shape": "dot",
            "size": 26 if centre else 15,
            "color": {
                "background": _DECEASED_FILL if deceased else colour,
                "border": _FLAG if flagged else ("#0b2347" if centre else colour),
                "highlight": {"background": colour, "border": "#000000"},
            },
        }
    return look


class Looks:
    """The looks a page's people have, each sent once: a person carries the number of theirs
    (`llLook`), and map.js gives them its fields before drawing."""

    def __init__(self) -> None:
        self._numbers: dict[tuple[str, str, bool, bool, bool, str], int] = {}

    def number(self, *look: Any) -> int:
        return self._numbers.setdefault(look, len(self._numbers))

    def sent(self) -> list[dict[str, Any]]:
        return [_look(*look) for look in self._numbers]


def node_item(
    node: dict[str, Any], view: str, looks: Looks, names: dict[str, str]
) -> dict[str, Any]:
    group = node["group"]
    centre = group == "young_person"
    deceased = not node["living"]
    flags, restricted = node["flags"], node["restricted"]
    flagged = bool(flags) or restricted
    born, died = node["birth_date"], node["death_date"]
    # Written out rather than joined from lists: most of a map's people have one date or none,
    # no flag and no stage, and this runs for each of them (a tenth of a large map's page).
    if deceased:
        dates = f"{born or '?'} - {died or '?'}"
    else:
        dates = f"{born} - {died}" if born and died else born or died or ""
    warning = _WARNINGS[bool(flags), bool(restricted)]
    stage = STAGE_WORDS.get(node["stage"] or "")
    name = ("† " if deceased else "") + node["name"]
    relation = node["relation"] if not centre else None
    if relation and view == "tree":
        # A card's colour says the side, and the card has room for few words.
        relation = relation.removeprefix("maternal ").removeprefix("paternal ")
    relation = relation_label(relation) if relation else None
    if view == "tree":
        # Two lines fit a card: the name, then the relation after a warning sign (the card's
        # red border says the same; the panel and the tooltip say which).
        # A wish against contact marked as on the ecomap's label (a later reader: the tree
        # showed none).
        marks = ("⚠ " if flagged else "") + ("⊘ " if node.get("wish") in WISHES_AGAINST else "")
        label = _lines(short(name), f"{marks}{relation}" if relation and marks
                       else relation or warning)  # fmt: skip
    else:
        label = _lines(short(name), relation, status_line(node["stage"], node["lapsed"],
                                                          flagged=bool(flags),
                                                          restricted=bool(restricted),
                                                          wish=node.get("wish")))  # fmt: skip
    flag_words = _flag_words(flags) if flags else []
    out: dict[str, Any] = {
        "id": node["id"],
        "label": label,
        # The tooltip is written by map.js from the fields below, as the side panel is.
        "x": node["x"],
        "y": node["y"],
        "llLook": looks.number(
            view, group, centre, deceased, flagged, node["sex"] if view == "tree" else ""
        ),
        # What the side panel says, as data: map.js writes it as text.
        "llCentre": centre,
        "llGroup": group,
        # The other side they are related through too: that side's filter shows them, as the
        # server's does (a second reader: the page's hid them).
        "llAlso": node.get("also_on"),
        "llLiving": node["living"],
        "llStage": node["stage"],
        "llName": node["name"],
        "llRelation": node["relation"],
        # The tree says it by a card's corners alone; the panel in words.
        "llSex": node["sex"],
        "llSide": _SIDE_WORDS.get(node.get("side") or ""),
        "llPath": _path_words(node.get("path"), names),
        "llDates": dates or None,
        "llStageWords": stage,
        "llLastContact": node["last_contact"],
        "llLapsed": node["lapsed"],
        "llWish": node.get("wish"),
        "llFlags": flag_words,
        "llRestricted": restricted,
        "llChains": list(node.get("chains") or []),
        "llFolded": node.get("folded"),
    }
    return out


def summary_item(summary: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": summary["id"],
        "label": summary["label"],
        "title": summary["label"],
        "shape": "box",
        "margin": 8,
        "x": summary["x"],
        "y": summary["y"],
        "physics": False,
        "borderWidth": 2,
        "shapeProperties": {"borderDashes": [6, 4]},
        "color": {
            "background": _TINTS.get(summary["side"], _TINTS["other"]),
            "border": COLOURS.get(summary["side"], COLOURS["other"]),
            "highlight": {"background": "#fff6bf", "border": "#000000"},
        },
        "font": {"strokeWidth": 0},
        "llSummary": True,
        "llSide": summary["side"],
    }


def edge_item(edge: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    kind = edge["kind"]
    style: dict[str, Any] = {"width": 1.2, "dashes": False, "color": {"color": _FAMILY_LINE}}
    words = edge["type"].replace("_", " ")
    if edge["type"] == "parent":
        style["dashes"] = _PARENT_DASHES.get(kind, False)
        style["width"] = 1.6
        words = _PARENT_WORDS.get(kind or "birth", "parent")
    elif edge["type"] == "partner":
        style["width"] = 2.2
        # A couple whose status is not recorded is drawn as living together.
        style["dashes"] = [6, 4] if kind in ("cohabiting", "unknown") else False
        if kind in _PARTNER_MARKS:
            style["label"] = _PARTNER_MARKS[kind]
        words = "partner, status not recorded" if kind == "unknown" else (
            (kind or "partner").replace("_", " "))  # fmt: skip
    elif edge["type"] == "sibling":
        style["dashes"] = [1, 4]
        words = _SIBLING_WORDS.get(kind or "", "siblings")
    elif edge["type"] == "tie":
        strength = edge["strength"] or "moderate"
        style.update(_TIE_STYLE[strength])
        style["color"] = {"color": _TIE_LINE}
        words = f"{strength} tie"
        if edge["stressful"]:
            style["color"] = {"color": _STRESS_LINE}
            style["dashes"] = [3, 3]
            words += ", stressful"
        if edge["lapsed"]:
            # A stressful tie stays red when contact has lapsed: the dashes say it lapsed.
            if not edge["stressful"]:
                style["color"] = {"color": _LAPSED_LINE}
            style["dashes"] = [10, 8]
            style["label"] = "lapsed"
            words += ", contact lapsed"
    if not edge["current"]:
        words += ", ended"
        style["color"] = {"color": _LAPSED_LINE}
    style["title"] = f"{names.get(edge['source'], '')} - {names.get(edge['target'], '')}: {words}"
    style["llWords"] = words
    style["font"] = {"size": 12, "color": "#444444", "strokeWidth": 3, "align": "top"}
    return style


def legend_items(view: str, groups: set[str] | None = None) -> list[dict[str, str]]:
    """The key to a map's colours and lines. The tree's carers and others (a foster carer, a
    young person's partner) only when it draws one (`groups`: the groups drawn; a second reader
    found grey cards with no entry)."""
    items = [
        {"css": f"g-{g}", "shape": "sw", "text": words, "style": f"background: {COLOURS[g]};"}
        for g, words in GROUP_WORDS.items()
        if not (view == "tree" and g == "other" and "other" not in (groups or set()))
    ]
    items += [
        {"css": "g-deceased", "shape": "sw", "text": "deceased (†)",
         "style": f"background: {_DECEASED_FILL};"},
        {"css": "g-flag", "shape": "sw", "text": "safety flag or court order (⚠)",
         "style": f"background: #ffffff; border: 3px solid {_FLAG};"},
        # The mark a wish against contact puts before a relation or under a name.
        {"css": "g-wish", "shape": "mark", "text": "⊘ no contact wished by the young person "
         "(now or ever)", "style": "display: none;"},
    ]  # fmt: skip
    if view == "ecomap":
        items += [
            {"css": "l-strong", "shape": "ln", "text": "strong tie",
             "style": f"border-top: 4px solid {_TIE_LINE};"},
            {"css": "l-tenuous", "shape": "ln", "text": "tenuous tie",
             "style": f"border-top: 2px dashed {_TIE_LINE};"},
            {"css": "l-stress", "shape": "ln", "text": "stressful tie",
             "style": f"border-top: 3px dotted {_STRESS_LINE};"},
            {"css": "l-lapsed", "shape": "ln", "text": "lapsed contact",
             "style": f"border-top: 2px dashed {_LAPSED_LINE};"},
            # The young person's own family lines, by kind (a second reader: the siblings'
            # dotted line had no entry, and dotted is the tree's foster care).
            {"css": "l-family", "shape": "ln",
             "text": "parent (adoptive dashed, step dash-dot, foster dotted)",
             "style": f"border-top: 2px solid {_FAMILY_LINE};"},
            {"css": "l-siblings", "shape": "ln", "text": "brothers and sisters (fine dots)",
             "style": f"border-top: 2px dotted {_FAMILY_LINE};"},
            {"css": "c-summary", "shape": "card", "text": "more relatives: click to show",
             "style": f"border: 2px dashed {COLOURS['other']};"},
        ]  # fmt: skip
    else:
        items += [
            {"css": "c-male", "shape": "card", "text": "male (square corners)", "style": ""},
            {"css": "c-female", "shape": "card", "text": "female (round corners)",
             "style": "border-radius: 7px;"},
            {"css": "l-birth", "shape": "ln", "text": "birth parent",
             "style": f"border-top: 2px solid {_FAMILY_LINE};"},
            {"css": "l-adoptive", "shape": "ln", "text": "adoptive parent",
             "style": f"border-top: 2px dashed {_FAMILY_LINE};"},
            {"css": "l-step", "shape": "ln", "text": "step-parent (dash-dot), foster (dotted)",
             "style": f"border-top: 2px dotted {_FAMILY_LINE};"},
            {"css": "l-couple", "shape": "ln", "text": "couple (/ separated, // divorced)",
             "style": f"border-top: 3px solid {_FAMILY_LINE};"},
        ]  # fmt: skip
    return items


def options(view: str) -> dict[str, Any]:
    """vis-network options: positions come from the server, so physics stays off and nodes
    cannot be dragged (the tree's connectors are drawn where the server put the cards)."""
    return {
        "physics": {"enabled": False},
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "navigationButtons": False,
            "dragNodes": False,
            "multiselect": False,
            # Arrow keys pan, Page Up/Down and [ ] zoom while the map has focus (WCAG 2.1.1).
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "edges": {"smooth": False},
        "nodes": {
            "shapeProperties": {"interpolation": False},
            # Bold would widen a label already cut to fit its card.
            "labelHighlightBold": False,
            "scaling": {"label": {"drawThreshold": DRAW_THRESHOLD}},
            # Every label's font, given once rather than with each node; an ecomap's labels sit
            # on lines, so they are outlined.
            "font": {
                "size": FONT,
                "color": "#1f1f1f",
                "face": "arial",
                "strokeWidth": 0 if view == "tree" else 3,
            },
        },
    }
