"""bench/reference.py: the machine's speed as the best of several timed rounds of fixed work."""

from __future__ import annotations

import itertools
import time

import pytest

from bench import reference


def test_the_work_is_fixed() -> None:
    assert reference._work() == reference.RECORDS
    assert reference._work() == reference.RECORDS


def test_the_fastest_round_is_the_speed(monkeypatch: pytest.MonkeyPatch) -> None:
    # Rounds of 0.080, 0.050 and 0.065 s of CPU: a slowed round is not the machine's speed.
    clock = itertools.chain.from_iterable([(1.0, 1.080), (2.0, 2.050), (3.0, 3.065)])
    monkeypatch.setattr(time, "process_time", lambda: next(clock))
    assert reference.reference_ms(rounds=3) == pytest.approx(50.0)
