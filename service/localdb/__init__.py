"""A real Neo4j Community server on 127.0.0.1, provisioned from Maven Central.

No Docker engine and no download from the Neo4j website is needed: Maven resolves
`org.neo4j:neo4j` (version pinned in `pom.xml` beside this file) into a cache outside the
repository, and the server runs from those jars with `CommunityEntryPoint`, Bolt only, with
authentication on and memory kept small.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError

POM = Path(__file__).with_name("pom.xml")
USER = "neo4j"

# Flags Neo4j's own neo4j.conf passes to a Java 17 JVM (server.jvm.additional).
_JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)


class LocalDbError(RuntimeError):
    """Something stops the local Neo4j from running; the message says what and how to fix it."""


def neo4j_version() -> str:
    """The Neo4j version pinned in pom.xml, the single place it is written."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    node = ET.parse(POM).getroot().find("m:properties/m:neo4j.version", ns)  # noqa: S314 - our own file
    if node is None or not node.text:
        raise LocalDbError(f"{POM} names no neo4j.version")
    return node.text.strip()


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home, "bin", "java") if java_home else None
    java = str(candidate) if candidate and candidate.exists() else shutil.which("java")
    if java is None:
        raise LocalDbError(
            "Java 17 or newer is needed to run the local Neo4j, and `java` is not on PATH. "
            "Install it (Debian: apt-get install openjdk-17-jre-headless) or set NEO4J_URI "
            "to use a Neo4j that is already running."
        )
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)', out.stderr + out.stdout)
    if match is None or int(match.group(1)) < 17:
        raise LocalDbError(
            f"Neo4j 5.26 needs Java 17 or newer; {java} reports: "
            f"{(out.stderr or out.stdout).strip().splitlines()[:1]}"
        )
    return java


def ensure_jars(cache_dir: Path) -> Path:
    """Resolve the Neo4j jars with Maven once; later calls return the cached folder."""
    version = neo4j_version()
    lib = cache_dir / f"neo4j-{version}" / "lib"
    if (lib / ".complete").exists():
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LocalDbError(
            f"Maven is needed once to fetch Neo4j {version} from Maven Central into {lib}, "
            "and `mvn` is not on PATH. Install it (Debian: apt-get install maven) or set "
            "NEO4J_URI to use a Neo4j that is already running."
        )
    lib.parent.mkdir(parents=True, exist_ok=True)
    # Resolve into a scratch folder and rename it, so an interrupted download is never used.
    scratch = Path(tempfile.mkdtemp(prefix="lib-", dir=lib.parent))
    cmd = [
        mvn, "-B", "-q", "-f", str(POM),
        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies",
        f"-DoutputDirectory={scratch}", "-DincludeScope=runtime",
    ]  # fmt: skip
    print(f"Fetching Neo4j {version} from Maven Central into {lib} (once)...", flush=True)
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not any(scratch.glob("neo4j-*.jar")):
        shutil.rmtree(scratch, ignore_errors=True)
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise LocalDbError(f"Maven could not resolve org.neo4j:neo4j:{version}:\n{tail}")
    (scratch / ".complete").write_text(version)
    shutil.rmtree(lib, ignore_errors=True)
    scratch.rename(lib)
    return lib


def class_archive(java: str, lib: Path) -> Path:
    """Where the classes a server loads are archived for class-data sharing (CDS): beside the
    jars, one archive per Java binary. Mapping it saves each start about a second and 2.4 s of
    CPU (bench/localdb_start.py); only class loading changes, the server runs the same. A JVM
    that did not write it (another build, other jars) refuses it with a warning in the console
    log and starts as without it."""
    real = Path(java).resolve()
    st = real.stat()
    key = hashlib.sha256(f"{real}:{st.st_size}:{st.st_mtime_ns}".encode()).hexdigest()[:16]
    return lib.parent / f"classes-{key}.jsa"


def shared_classes(java: str, lib: Path) -> tuple[str, ...]:
    """The JVM flag that maps the class archive, when one has been written (admin tools too)."""
    archive = class_archive(java, lib)
    return (f"-XX:SharedArchiveFile={archive}",) if archive.exists() else ()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child still answers kill(0); reap it if it is ours.
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    return True


@dataclass
class LocalNeo4j:
    """One Neo4j server whose files all live under `home`.

    `password` comes from settings; when it is None a password is generated on first start
    and kept in `home/password` (mode 600), beside the data it protects.
    """

    home: Path
    port: int
    cache_dir: Path
    heap: str = "512m"
    pagecache: str = "512m"
    password: str | None = None
    start_timeout: float = 120.0
    # More `setting=value` lines for neo4j.conf (tests: a small transaction memory limit).
    extra: tuple[str, ...] = ()
    # Class-data sharing (`class_archive`); off only to measure what it saves.
    class_sharing: bool = True
    # More JVM flags (tests: a server that lives seconds compiles with C1 only).
    jvm: tuple[str, ...] = ()
    _proc: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)
    # The class archive this server writes when it stops cleanly, and where it is then kept.
    _archive: tuple[Path, Path] | None = field(default=None, init=False, repr=False)
    adopted: bool = field(default=False, init=False)

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "localdb.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def auth(self) -> tuple[str, str]:
        return (USER, self.resolved_password())

    def resolved_password(self) -> str:
        if self.password:
            return self.password
        stored = self.home / "password"
        if stored.exists():
            return stored.read_text().strip()
        self.home.mkdir(parents=True, exist_ok=True)
        generated = secrets.token_urlsafe(24)
        fd = os.open(stored, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(generated + "\n")
        return generated

    def running_pid(self) -> int | None:
        """The pid of a server started for this home that is still alive, if any."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        if not _alive(pid):
            return None
        # A pid can be reused after a reboot; only a JVM serving this home counts.
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            return pid
        return pid if f"--home-dir={self.home}" in cmdline else None

    def _write_conf(self) -> Path:
        conf_dir = self.home / "conf"
        conf_dir.mkdir(parents=True, exist_ok=True)
        lines = [
            "# Written by service.localdb on every start; edit the settings, not this file.",
            f"server.bolt.listen_address=127.0.0.1:{self.port}",
            f"server.bolt.advertised_address=127.0.0.1:{self.port}",
            "server.http.enabled=false",
            "server.https.enabled=false",
            "dbms.security.auth_enabled=true",
            f"server.memory.pagecache.size={self.pagecache}",
            f"server.directories.data={self.home / 'data'}",
            f"server.directories.logs={self.home / 'logs'}",
            f"server.directories.run={self.home / 'run'}",
            f"server.directories.import={self.home / 'import'}",
            f"server.directories.plugins={self.home / 'plugins'}",
            "dbms.usage_report.enabled=false",
            # The API is this server's only client and is stopped before it, so nothing is left
            # to drain: without these, Bolt waits 5 s for connections and 5 s of quiet (netty)
            # on every stop, 10 s in all (0.3 s with them; measured on 5.26.30).
            "internal.server.bolt.connection_shutdown_wait_time=0s",
            "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
            # Neo4j files a plan under each string and list parameter's length, rounded to a
            # power of ten (0, 1, 2-10, 11-100, ...: `internal.cypher.use_parameter_size`, on by
            # default): the plans made at start-up for an empty id were never used by a real
            # one, and the first map after a restart planned again (0.6-2 s). Filed by type only,
            # they are (measured on 5.26.30; the same setting is in docker-compose.yml).
            "internal.cypher.use_parameter_size=false",
            *self.extra,
        ]
        conf = conf_dir / "neo4j.conf"
        conf.write_text("\n".join(lines) + "\n")
        return conf_dir

    def _set_initial_password(self, java: str, lib: Path, conf_dir: Path) -> None:
        if (self.home / "data" / "dbms" / "auth.ini").exists() or (
            self.home / "data" / "databases" / "system"
        ).exists():
            return
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(conf_dir)}
        sharing = shared_classes(java, lib) if self.class_sharing else ()
        cmd = [java, *sharing, "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool", "dbms",
               "set-initial-password"]  # fmt: skip
        result = subprocess.run(
            # "--": a password may start with "-" and must not be read as an option.
            [*cmd, "--", self.resolved_password()],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise LocalDbError(
                f"neo4j-admin could not set the initial password: {result.stderr[-500:]}"
            )

    def start(self) -> LocalNeo4j:
        """Start the server (or adopt one already running for this home) and wait for Bolt."""
        pid = self.running_pid()
        if pid is not None:
            self.adopted = True
            self.wait_for_bolt(pid=pid)
            return self
        if _port_in_use(self.port):
            raise LocalDbError(
                f"Port {self.port} on 127.0.0.1 is already taken by another program, so the local "
                "Neo4j cannot listen there. Stop that program, choose another port with "
                "LL_NEO4J_BOLT_PORT, or point NEO4J_URI at the Neo4j that is already running."
            )
        java = _java()
        lib = ensure_jars(self.cache_dir)
        for sub in ("data", "logs", "run", "import", "plugins"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        conf_dir = self._write_conf()
        self._set_initial_password(java, lib, conf_dir)
        archive = class_archive(java, lib)
        if not self.class_sharing:
            sharing = "-Xshare:auto"  # the JVM's default: its own classes only
        elif archive.exists():
            sharing = f"-XX:SharedArchiveFile={archive}"
        else:
            # The first server to stop cleanly writes the archive for every later start.
            scratch = archive.with_name(f"{archive.stem}.{os.getpid()}.{secrets.token_hex(4)}.part")
            self._archive = (scratch, archive)
            sharing = f"-XX:ArchiveClassesAtExit={scratch}"
        cmd = [
            java, f"-Xms{self.heap}", f"-Xmx{self.heap}", *_JVM_FLAGS, *self.jvm, sharing,
            "-cp", f"{lib}/*", "org.neo4j.server.CommunityEntryPoint",
            f"--home-dir={self.home}", f"--config-dir={conf_dir}",
        ]  # fmt: skip
        with self.log_file.open("ab") as log:
            # A session of its own: Ctrl-C in the terminal reaches the API first, which then
            # stops the database in order, instead of both dying at once.
            self._proc = subprocess.Popen(
                cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True,
            )  # fmt: skip
        self.pid_file.write_text(f"{self._proc.pid}\n")
        try:
            self.wait_for_bolt(pid=self._proc.pid)
        except BaseException:
            self.stop()
            raise
        return self

    def wait_for_bolt(self, *, pid: int) -> None:
        deadline = time.monotonic() + self.start_timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            if not _alive(pid):
                raise LocalDbError(
                    f"Neo4j exited while starting; see {self.home / 'logs'}:\n{self._log_tail()}"
                )
            try:
                with GraphDatabase.driver(self.uri, auth=self.auth, connection_timeout=2) as driver:
                    driver.verify_connectivity()
                return
            except AuthError as exc:
                raise LocalDbError(
                    f"Neo4j in {self.home} refused the password: the local database keeps the "
                    "password it was created with. Unset NEO4J_PASSWORD to use the stored one, "
                    "or remove the data folder to start afresh."
                ) from exc
            except (DriverError, Neo4jError, OSError) as exc:
                last = exc
                time.sleep(0.05)  # a refused connection costs next to nothing
        raise LocalDbError(
            f"Neo4j did not answer on {self.uri} within {self.start_timeout:.0f} s "
            f"({type(last).__name__}); see {self.home / 'logs'}:\n{self._log_tail()}"
        )

    def _log_tail(self, lines: int = 20) -> str:
        for log in (self.home / "logs" / "neo4j.log", self.log_file):
            if log.exists():
                return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
        return "(no log written)"

    def stop(self, timeout: float = 60.0) -> None:
        """Stop the server cleanly (SIGTERM), killing it only if it will not stop in time."""
        pid = self._proc.pid if self._proc is not None else self.running_pid()
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        killed = _alive(pid)
        if killed:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.05)
        if self._proc is not None:
            self._proc.wait()
            killed = killed or self._proc.returncode < 0  # ended by a signal it did not handle
            self._proc = None
        self.pid_file.unlink(missing_ok=True)
        self._keep_archive(clean=not killed)

    def _keep_archive(self, *, clean: bool) -> None:
        """Keep the class archive this server wrote as it stopped, if it stopped cleanly (one
        killed may have left half an archive)."""
        if self._archive is None:
            return
        scratch, archive = self._archive
        self._archive = None
        if clean and scratch.exists() and scratch.stat().st_size > 0:
            os.replace(scratch, archive)
        else:
            scratch.unlink(missing_ok=True)

    def __enter__(self) -> LocalNeo4j:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        if not self.adopted:
            self.stop()


@contextlib.contextmanager
def throwaway(
    cache_dir: Path,
    *,
    heap: str = "512m",
    pagecache: str = "256m",
    extra: tuple[str, ...] = (),
    jvm: tuple[str, ...] = (),
) -> Iterator[LocalNeo4j]:
    """A server on a free port in a temporary folder, removed afterwards (tests use this)."""
    with tempfile.TemporaryDirectory(prefix="ll-neo4j-") as tmp:
        server = LocalNeo4j(
            home=Path(tmp),
            port=free_port(),
            cache_dir=cache_dir,
            heap=heap,
            pagecache=pagecache,
            extra=extra,
            jvm=jvm,
        )
        with server:
            yield server
