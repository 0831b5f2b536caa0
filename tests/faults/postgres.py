"""A throw-away PostgreSQL cluster for outage tests: its own data folder, socket folder and port, so stopping it in
the middle of a test harms nobody (the shared server on 5432, which other runs may be using, is never touched).

    with throwaway_cluster() as cluster:
        url = cluster.database_url("cms")
        cluster.stop()   # an outage: connections are refused
        cluster.start()  # and back

Needs the PostgreSQL server binaries (``/usr/lib/postgresql/<version>/bin``, Debian's layout). As root, the server
runs as the ``postgres`` user (``initdb`` refuses root).
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

BINARIES = Path("/usr/lib/postgresql")


def server_binaries() -> Path | None:
    """The ``bin`` folder of the newest installed PostgreSQL server, or None."""
    if not BINARIES.is_dir():
        return None
    versions = sorted((path for path in BINARIES.iterdir() if (path / "bin" / "initdb").exists()), key=_version)
    return versions[-1] / "bin" if versions else None


def _version(path: Path) -> tuple:
    return tuple(int(part) for part in path.name.split(".") if part.isdigit())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    def __init__(self, folder: Path, port: int, binaries: Path):
        self.folder, self.port, self.binaries = folder, port, binaries
        self.data = folder / "data"
        self._as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, program: str, *args: str) -> None:
        command = [*self._as_owner, str(self.binaries / program), *args]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "server.log"), "-w", "start")

    def stop(self) -> None:
        """Stops at once, as a crash would: open connections are cut, new ones refused."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def is_running(self) -> bool:
        command = [str(self.binaries / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-q"]
        return subprocess.run(command, check=False).returncode == 0

    def wait_until_ready(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while not self.is_running():
            if time.monotonic() > deadline:
                raise AssertionError("the throw-away PostgreSQL did not come back")
            time.sleep(0.2)

    def create_database(self, name: str) -> None:
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)

    def database_url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


@contextmanager
def throwaway_cluster():
    binaries = server_binaries()
    if binaries is None:
        raise RuntimeError("PostgreSQL server binaries not found")
    folder = Path(tempfile.mkdtemp(prefix="cms-outage-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    cluster = Cluster(folder, free_port(), binaries)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        if cluster.data.exists() and (cluster.data / "postmaster.pid").exists():
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
