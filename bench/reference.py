"""How fast this machine runs Python right now: a fixed piece of work, timed.

The standard machine is a virtual one, and its speed moves between hours: the same code measured
by bench/council.py on the same day cost 25-35% more CPU in one run than in another, the API's
`GET /me` and the benchmark's own client included, which no change of the service explains. A
benchmark prints `reference_ms()` before and after its rows, so that two runs are compared only
when the machine ran at the same speed, and a run during which it changed says so.

The work is the kind the API does: it makes 20,000 small records, sorts them, writes them as
JSON and reads them back (about 50 ms). The best of several rounds is taken: a round slowed by
something else running is not the machine's speed.

    .venv/bin/python bench/reference.py
"""

from __future__ import annotations

import json
import time

ROUNDS = 7
RECORDS = 20_000


def _work() -> int:
    rows = [
        {"id": f"p{i:05d}", "name": f"Person {i * 7919 % RECORDS}", "generation": i % 7,
         "side": ("maternal", "paternal", "both")[i % 3], "living": i % 5 != 0}
        for i in range(RECORDS)
    ]  # fmt: skip
    rows.sort(key=lambda r: (r["generation"], r["name"], r["id"]))
    return len(json.loads(json.dumps(rows)))


def reference_ms(rounds: int = ROUNDS) -> float:
    """The fixed work's CPU time in ms, best of `rounds`."""
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        if _work() != RECORDS:
            raise RuntimeError("the reference work lost records")
        best = min(best, time.process_time() - started)
    return best * 1000


if __name__ == "__main__":
    print(f"reference work: {reference_ms():.1f} ms of CPU (best of {ROUNDS}; lower is faster)")
