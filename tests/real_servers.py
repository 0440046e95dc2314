"""Throwaway redis-server and PostgreSQL (Debian's packages, `make setup` installs them) on
loopback, on free ports, in temporary directories; for the tests that need the real engines."""

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator

import pytest

from tests.conftest import free_port


def program(name: str) -> str | None:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found if isinstance(found, str) else (found[-1] if found else None)


class Redis:
    def __init__(self, directory: str, port: int) -> None:
        self.directory, self.port = directory, port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [program("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--dir", self.directory, "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.time() + 20
        while (
            subprocess.run(
                [program("redis-cli"), "-p", str(self.port), "ping"], capture_output=True, text=True
            ).stdout.strip()
            != "PONG"
        ):
            assert self.process.poll() is None and time.time() < deadline, "redis did not start"
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@contextlib.contextmanager
def running(server, directory: str):
    """Start a server; stop it and remove its directory afterwards, whatever happened."""
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


@contextlib.contextmanager
def redis_server() -> Iterator[Redis]:
    if not program("redis-server"):
        pytest.fail("redis-server is not installed (make setup installs it)")
    directory = tempfile.mkdtemp(prefix="redis-test-")
    with running(Redis(directory, free_port()), directory) as server:
        yield server


class Postgres:
    """A cluster of its own; as root the server runs as the `postgres` user (it refuses root)."""

    def __init__(self, directory: str, port: int) -> None:
        self.directory, self.port = directory, port
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.data = f"{directory}/data"
        self.url = f"postgresql://weerbaar@127.0.0.1:{port}/postgres"

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(
            self.as_user + [program("pg_ctl"), "-D", self.data, *args],
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1"
        self.pg_ctl("-l", f"{self.directory}/log", "-w", "-o", options, "start")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.pg_ctl("-m", "immediate", "-w", "stop")


@contextlib.contextmanager
def postgres_server() -> Iterator[Postgres]:
    if not (program("initdb") and program("pg_ctl")):
        pytest.fail("PostgreSQL is not installed (make setup installs it)")
    directory = tempfile.mkdtemp(prefix="pg-test-")
    server = Postgres(directory, free_port())
    if server.as_user:
        shutil.chown(directory, "postgres")
    subprocess.run(
        server.as_user + [program("initdb"), "-D", server.data, "-A", "trust", "-U", "weerbaar"],
        check=True,
        capture_output=True,
    )
    with running(server, directory):
        yield server
