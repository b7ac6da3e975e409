"""The local server's clear failures and its password, without starting a JVM."""

from __future__ import annotations

import socket
import stat
from pathlib import Path

import pytest

from service.localdb import LocalDbError, LocalNeo4j, ensure_jars, free_port, neo4j_version
from service.localdb.__main__ import main as localdb_main
from tests.conftest import cache_dir

# Slow (starts its own Neo4j servers): `make test-fast` leaves these out.
pytestmark = pytest.mark.slow


def server(tmp_path: Path, port: int | None = None) -> LocalNeo4j:
    return LocalNeo4j(home=tmp_path / "neo4j", port=port or free_port(), cache_dir=cache_dir())


def test_version_is_526() -> None:
    assert neo4j_version().startswith("5.26.")


def test_port_taken_is_named(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        with pytest.raises(LocalDbError, match=rf"Port {port} on 127\.0\.0\.1 is already taken"):
            server(tmp_path, port).start()
    assert not (tmp_path / "neo4j" / "run" / "localdb.pid").exists()


def test_missing_java_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(LocalDbError, match=r"Java 17 or newer is needed.*`java` is not on PATH"):
        server(tmp_path).start()


def test_old_java_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_home = tmp_path / "jdk11"
    (fake_home / "bin").mkdir(parents=True)
    java = fake_home / "bin" / "java"
    java.write_text("#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n")
    java.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(fake_home))
    with pytest.raises(LocalDbError, match="needs Java 17 or newer"):
        server(tmp_path).start()


def test_missing_maven_is_named_when_jars_are_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(LocalDbError, match=r"Maven is needed once .*`mvn` is not on PATH"):
        ensure_jars(tmp_path / "empty-cache")
    assert not list((tmp_path / "empty-cache").rglob("*.jar"))


def test_password_is_generated_once_and_private(tmp_path: Path) -> None:
    first = server(tmp_path).resolved_password()
    again = server(tmp_path).resolved_password()
    assert first == again
    assert len(first) >= 24
    stored = tmp_path / "neo4j" / "password"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600


def test_password_from_settings_wins(tmp_path: Path) -> None:
    configured = LocalNeo4j(
        home=tmp_path / "neo4j", port=free_port(), cache_dir=cache_dir(), password="from-settings"
    )
    assert configured.auth == ("neo4j", "from-settings")
    assert not (tmp_path / "neo4j" / "password").exists()


def test_status_of_a_stopped_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LL_DATA_DIR", str(tmp_path))
    assert localdb_main(["status"]) == 3
    assert "not running" in capsys.readouterr().out
    assert localdb_main(["stop"]) == 0
    assert "was not running" in capsys.readouterr().out


def test_a_password_starting_with_a_dash_is_set(tmp_path: Path) -> None:
    # token_urlsafe can start with "-"; neo4j-admin once read such a password as an option.
    with LocalNeo4j(
        home=tmp_path / "neo4j",
        port=free_port(),
        cache_dir=cache_dir(),
        password="-starts-with-dash-1234",
    ) as dashed:
        assert dashed.running_pid() is not None
        # The server maps the class archive, or writes it when there is none yet.
        cmdline = Path(f"/proc/{dashed.running_pid()}/cmdline").read_bytes().split(b"\0")
        assert any(
            arg.startswith((b"-XX:SharedArchiveFile=", b"-XX:ArchiveClassesAtExit="))
            for arg in cmdline
        )


@pytest.mark.parametrize("clean", [True, False])
def test_a_class_archive_is_kept_only_from_a_clean_stop(tmp_path: Path, clean: bool) -> None:
    """A server killed while it wrote its class archive may have left half of one: it is
    thrown away, and the next clean stop writes it again."""
    local = server(tmp_path)
    scratch, archive = tmp_path / "classes.jsa.part", tmp_path / "classes.jsa"
    scratch.write_bytes(b"archived classes")
    local._archive = (scratch, archive)
    local._keep_archive(clean=clean)
    assert not scratch.exists()
    assert archive.exists() is clean
    assert local._archive is None
