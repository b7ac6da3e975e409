"""bench/council.py's open-loop rows: requests arrive on their own schedule, not when earlier
ones are answered, and a latency runs from when the request was due, so queueing shows in it.
(Speed itself is measured in the benchmark; these check only how it is measured.)"""

from __future__ import annotations

import asyncio
import time

from bench.council import open_loop


def test_arrivals_do_not_wait_for_answers() -> None:
    async def slow() -> None:
        await asyncio.sleep(0.05)

    started = time.perf_counter()
    latencies, answered = asyncio.run(open_loop(slow, rate=200, total=40, seed=1))
    took = time.perf_counter() - started

    assert len(latencies) == 40
    # One caller waiting for each answer would need 40 x 50 ms = 2 s; arrivals at 200 a second
    # are all in within about 0.2 s and answered 50 ms later.
    assert took < 1.0
    assert answered > 40
    assert min(latencies) >= 0.05


def test_a_request_sent_late_counts_from_when_it_was_due() -> None:
    def busy() -> None:
        time.sleep(0.02)  # holds the event loop, as a client short of CPU would

    async def call() -> None:
        busy()

    latencies, _ = asyncio.run(open_loop(call, rate=200, total=20, seed=2))

    # 20 requests due over about 0.1 s, each holding the client for 20 ms: the last is sent
    # about 0.3 s after it was due. Timed from when each was sent, none would show over 20 ms.
    assert len(latencies) == 20
    assert max(latencies) > 0.2
