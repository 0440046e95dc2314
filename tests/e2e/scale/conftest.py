"""Two real Rasa instances and one action server that share conversations through a real
redis-server (locks, channel state) and a throwaway PostgreSQL (tracker store), all on loopback."""

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port
from tests.e2e.conftest import ROOT, servers
from tests.real_servers import postgres_server, redis_server

TOKEN = "scale-test-token"
ACTION_TIMEOUT = 4.0  # seconds Rasa waits for the action server before the fallback reply
LOCK_LIFETIME = (
    30  # seconds a dead instance's ticket blocks its conversation (and the longest wait)
)


def rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, in MB (from /proc)."""
    parents, rss = {}, {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = dict(
                    line.split(":", 1) for line in (entry / "status").read_text().splitlines()
                )
            except OSError:
                continue
            parents[int(entry.name)] = int(status["PPid"])
            rss[int(entry.name)] = int(status.get("VmRSS", "0 kB").split()[0])
    family, grew = {root}, True
    while grew:
        children = {pid for pid, parent in parents.items() if parent in family} - family
        family |= children
        grew = bool(children)
    return round(sum(rss.get(pid, 0) for pid in family) / 1024, 1)


class Instance:
    def __init__(self, name: str, port: int, env: dict, logs: Path) -> None:
        self.name, self.port, self.env, self.logs = name, port, env, logs
        self.url = f"http://127.0.0.1:{port}"
        self.process = None

    def start(self) -> None:
        with open(self.logs / f"rasa_{self.name}.log", "a") as log:
            self.process = servers.start(servers.rasa_command(TOKEN, self.port), log, self.env)

    def wait_ready(self, seconds: float = 400) -> None:
        servers.wait_for(f"{self.url}/status?token={TOKEN}", seconds, self.process)

    def kill(self) -> None:
        servers.stop(self.process, grace=0)

    def say(self, sender: str, message: str, metadata: dict | None = None, timeout=60) -> list:
        body = {"sender": sender, "message": message, "metadata": metadata or {}}
        request = urllib.request.Request(
            f"{self.url}/webhooks/rest/webhook",
            data=json.dumps(body).encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())

    def tracker(self, sender: str) -> dict:
        url = f"{self.url}/conversations/{sender}/tracker?token={TOKEN}"
        with urllib.request.urlopen(url, timeout=60) as response:
            return json.loads(response.read())


class Cluster:
    def __init__(self, logs: Path, redis, postgres) -> None:
        self.logs, self.redis, self.postgres = logs, redis, postgres
        self.action_port = free_port()
        self.env = {
            "REDIS_URL": redis.url,
            "TRACKER_STORE_URL": postgres.url,
            "ACTION_SERVER_PORT": str(self.action_port),
            "ACTION_TIMEOUT_SECONDS": str(ACTION_TIMEOUT),
            "TICKET_LOCK_LIFETIME": str(LOCK_LIFETIME),
        }
        self.instances = [Instance(n, free_port(), self.env, logs) for n in ("a", "b")]
        self.actions = None
        self.figures: dict = {}

    def start_actions(self) -> None:
        with open(self.logs / "action_server.log", "a") as log:
            self.actions = servers.start(servers.action_server_command(), log, self.env)
        servers.wait_for(f"http://127.0.0.1:{self.action_port}/health", 60, self.actions)

    def memory(self) -> dict:
        parts = {
            f"rasa_{i.name}": i.process.pid for i in self.instances if i.process.poll() is None
        }
        parts.update(actions=self.actions.pid, redis=self.redis.process.pid)
        parts["postgresql"] = int(Path(self.postgres.data, "postmaster.pid").read_text().split()[0])
        return {name: rss_mb(pid) for name, pid in parts.items()}

    def log_text(self) -> str:
        return "".join(p.read_text(errors="replace") for p in self.logs.glob("*.log"))


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    logs = tmp_path_factory.mktemp("scale")
    with redis_server() as redis, postgres_server() as postgres:
        cluster = Cluster(logs, redis, postgres)
        began = time.time()
        try:
            cluster.start_actions()
            for instance in cluster.instances:
                instance.start()
            for instance in cluster.instances:
                instance.wait_ready()
                deadline = time.time() + 120  # the model answers, not only the HTTP server
                while not instance.say(f"warm-up-{instance.name}", "/greet"):
                    assert time.time() < deadline, f"instance {instance.name} gives no reply"
                    time.sleep(1)
            cluster.figures["start_seconds"] = round(time.time() - began)
            cluster.figures["memory_mb_after_start"] = cluster.memory()
            yield cluster
        finally:
            for instance in cluster.instances:
                if instance.process:
                    servers.stop(instance.process)
            if cluster.actions:
                servers.stop(cluster.actions)
            (ROOT / "reports").mkdir(exist_ok=True)
            for log in logs.glob("*.log"):
                (ROOT / "reports" / f"scale_{log.name}").write_text(log.read_text(errors="replace"))
            (ROOT / "reports" / "scale.json").write_text(json.dumps(cluster.figures, indent=2))


def is_reply_to(replies: object, sender: str) -> bool:
    """A non-empty list of replies, every one addressed to this sender (nothing crossed)."""
    return (
        isinstance(replies, list)
        and bool(replies)
        and all(r.get("recipient_id") == sender for r in replies)
    )


def texts(replies: list) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def http_error(error: Exception) -> bool:
    return isinstance(error, (urllib.error.URLError, ConnectionError, TimeoutError))
