"""Which of the young person's wishes holds for a person: their wish about that person, or about
the side of the family the person is on. Connections, suggestions and maps all ask here. Pure."""

from __future__ import annotations

from service.workflow.terms import Wish

# The young person's wishes, the most cautious first.
CAUTIOUS_FIRST: tuple[Wish, ...] = ("never", "not_now", "want_contact")
# Wishes that keep a person from being approached (and from being suggested).
KEEP_AWAY: frozenset[Wish] = frozenset({"never", "not_now"})


def effective_wish(
    person: Wish | None, side: str | None, maternal: Wish | None, paternal: Wish | None
) -> Wish | None:
    """The young person's wish about one person. Their wish about that person, when they have
    said one, holds: it is the more specific ("not my dad's side, but I want to see Nan").
    Otherwise their wish about the side of the family the person is on; for someone related on
    both sides, the more cautious of the two side wishes."""
    if person is not None:
        return person
    if maternal is None and paternal is None:
        return None  # no side wish: most people on most maps
    sides = {"maternal": maternal, "paternal": paternal}
    found = [sides[s] for s in (("maternal", "paternal") if side == "both" else (side,))
             if s in sides and sides[s] is not None]  # fmt: skip
    return next((w for w in CAUTIOUS_FIRST if w in found), None)


# The young person's wish about someone, as the map's panel words it.
WISH_WORDS: dict[str, str] = {
    "want_contact": "wants contact",
    "not_now": "not now",
    "never": "no contact, ever",
}
