"""What the busiest reads worked out, kept for the next read of the same case while nothing in
the database has changed.

The database holds one revision (a number, with an epoch drawn when it was first made), raised
by every transaction that changes data (`service.db.in_write`), in that transaction. The
audited access check every case read makes anyway returns it (no extra round trip), so an
answer is kept under the revision it was worked out at and is given again only to a read whose
own check saw that same revision: a change made by any process of the service, through any
route, is seen by the next read after it commits. Writing the audit trail does not change the
revision.

Kept only what does not depend on who asks: the shaping for the caller's role (need-to-know)
happens when the answer is written out, as for an answer worked out afresh. Access is never
kept: every read is checked and audited first.

A database with no revision yet (data written without the service, and nothing through it
since) keeps nothing. Anything written to Neo4j by other means is seen at the latest when
entries expire (`seconds`), or at once after the next change through the service.

Pure: the clock is given; nothing here does I/O.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class ReadCache:
    def __init__(self, size: int, seconds: float, clock: Callable[[], float]) -> None:
        self.size = size
        self.seconds = seconds
        self._clock = clock
        self._kept: OrderedDict[tuple[str, Hashable], tuple[float, Any]] = OrderedDict()
        # The revision the last check of this process saw (None: none yet, or no revision in
        # the database). A read that starts after it keeps its answer under it only if its own
        # check sees the same (CaseAccess.read_person).
        self.revision: str | None = None

    def saw(self, revision: str | None) -> None:
        """A check read this revision."""
        self.revision = revision

    def get(self, revision: str | None, key: Hashable) -> Any | None:
        if revision is None or self.size <= 0:
            return None
        found = self._kept.get((revision, key))
        if found is None:
            return None
        made, value = found
        if self._clock() - made > self.seconds:
            del self._kept[(revision, key)]
            return None
        self._kept.move_to_end((revision, key))
        return value

    def put(self, revision: str | None, key: Hashable, value: Any) -> None:
        """Keep `value`, worked out from what the database held at `revision` or later."""
        if revision is None or self.size <= 0:
            return
        self._kept[(revision, key)] = (self._clock(), value)
        self._kept.move_to_end((revision, key))
        # Older revisions are never asked for again once a newer one has been seen.
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)

    def __len__(self) -> int:
        return len(self._kept)
