"""Benchmark: the documents a young person takes away, on the demo case, through the API under
uvicorn as in production (token, audited access check, the reads, the rendering):

    .venv/bin/python bench/documents.py [--requests 20]

For each document its page (HTML) and its PDF, one client, in turns: the PDF against its own
page measured in the same run is what typesetting costs (WeasyPrint, in a worker thread). The
plan page and the JSON of the book and the record are the floor: the reads without rendering.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import httpx2 as httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.health import database, start_api  # noqa: E402
from bench.relatives import TOKEN  # noqa: E402

YOUNG = "/young-people/demo-kai"
ROWS = [  # (what, path, who)
    ("plan page", f"{YOUNG}/plan/document", "coordinator"),
    ("journey book (JSON)", f"{YOUNG}/journey-book", "coordinator"),
    ("journey book page", f"{YOUNG}/journey-book/document", "coordinator"),
    ("journey book PDF", f"{YOUNG}/journey-book/document.pdf", "coordinator"),
    ("own record (JSON)", f"{YOUNG}/record", "social-worker"),
    ("own record page", f"{YOUNG}/record/document", "social-worker"),
    ("own record PDF", f"{YOUNG}/record/document.pdf", "social-worker"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    with ExitStack() as stack:
        db = database(stack)
        api = start_api(stack, db, LL_ADMIN_TOKEN=TOKEN, LL_DEMO_DATA="true",
                        LL_EMBED_SECRET="d" * 40)  # fmt: skip
        with httpx.Client(base_url=api.url, timeout=120) as http:
            headers = {}
            for who in ("coordinator", "social-worker"):
                issued = http.post(f"/users/demo-user-{who}/tokens", json={},
                                   headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
                assert issued.status_code == 201, issued.text
                headers[who] = {"Authorization": f"Bearer {issued.json()['token']}"}
            times: dict[str, list[float]] = {what: [] for what, _, _ in ROWS}
            sizes: dict[str, int] = {}
            for what, path, who in ROWS:  # once each, untimed: plans, fonts, caches
                assert http.get(path, headers=headers[who]).status_code == 200, what
            for _ in range(args.requests):  # in turns, so that each row sees the same machine
                for what, path, who in ROWS:
                    t0 = time.perf_counter()
                    answer = http.get(path, headers=headers[who])
                    times[what].append((time.perf_counter() - t0) * 1000)
                    assert answer.status_code == 200, (what, answer.status_code)
                    sizes[what] = len(answer.content)
    print(f"# Documents of the demo case through the API ({args.requests} requests per row, "
          "one client, rows in turns)")  # fmt: skip
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")  # fmt: skip
    print("| document | p50 ms | p95 ms | bytes | PDF/page p50 |")
    print("|---|---|---|---|---|")
    p50 = {what: statistics.median(ts) for what, ts in times.items()}
    for what, _, _ in ROWS:
        ts = sorted(times[what])
        page = what.replace(" PDF", " page")
        ratio = f"{p50[what] / p50[page]:.1f}" if what.endswith("PDF") else ""
        print(f"| {what} | {p50[what]:.0f} | {ts[int(0.95 * (len(ts) - 1))]:.0f} | "
              f"{sizes[what]:,} | {ratio} |")  # fmt: skip


if __name__ == "__main__":
    main()
