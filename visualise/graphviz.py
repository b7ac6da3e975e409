"""Runs Graphviz `dot` (the Debian `graphviz` package, installed by `make` and the Docker image)
for the genogram. The DOT text holds ids only, never names."""

from __future__ import annotations

import shutil
import subprocess

TIMEOUT_S = 10.0


class GraphvizMissing(RuntimeError):
    pass


def run(dot_text: str) -> str:
    """`dot -Tplain` of the text: node positions in inches."""
    binary = shutil.which("dot")
    if binary is None:
        raise GraphvizMissing("Graphviz `dot` is not installed (Debian: apt-get install graphviz).")
    done = subprocess.run(
        [binary, "-Tplain"],
        input=dot_text,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=True,
    )
    return done.stdout


def version() -> str:
    """Graphviz's own words for its version, for benchmark records."""
    binary = shutil.which("dot")
    if binary is None:
        return "Graphviz missing"
    done = subprocess.run([binary, "-V"], capture_output=True, text=True, timeout=TIMEOUT_S)
    return done.stderr.strip()
