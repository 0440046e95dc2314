"""`make run`'s supervisor (scripts/run_bot.py) as a real process on free ports: a crashed
server is restarted while the others keep serving, Ctrl-C during start-up leaves nothing behind,
a port in use stops it before anything starts."""

import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from actions import knowledge as kb
from runtime import system_messages
from tests.conftest import free_port
from tests.e2e.conftest import ROOT, post_json

TOKEN = "supervisor-test-token"


def processes_with(marker: str) -> list[int]:
    """Every process that carries `marker` in its environment: all that run_bot started and
    everything those started in turn, wherever they were re-parented to."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                environ = (entry / "environ").read_bytes()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if marker.encode() in environ and state != "Z":
                found.append(int(entry.name))
    return found


def command_line(pid: int) -> str:
    return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()


class Supervisor:
    """scripts/run_bot.py started as `make run` starts it, with its output collected."""

    def __init__(self, tmp_path: Path) -> None:
        self.marker = f"WEERBAAR_TEST_RUN={uuid.uuid4().hex}"
        self.ports = {name: free_port() for name in ("RASA", "ACTION_SERVER", "WEB")}
        env = dict(os.environ)
        env.update({f"{name}_PORT": str(port) for name, port in self.ports.items()})
        env.update(
            LOG_DIR=str(tmp_path),
            TRACKER_STORE_URL=f"sqlite:///{tmp_path / 'tracker.db'}",
            RASA_AUTH_TOKEN=TOKEN,
            WEERBAAR_TEST_RUN=self.marker.split("=", 1)[1],
        )
        self.env = env
        self.lines: list[str] = []
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "scripts" / "run_bot.py")],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    def output(self) -> str:
        return "".join(self.lines)

    def wait_for_output(self, text: str, seconds: float) -> float:
        began = time.time()
        while text not in self.output():
            assert self.process.poll() is None or text in self.output(), self.output()
            assert time.time() - began < seconds, f"no {text!r} in:\n{self.output()}"
            time.sleep(0.2)
        return time.time() - began

    def url(self, name: str, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}{path}"

    def say(self, sender: str, message: str) -> str:
        url = self.url("RASA", "/webhooks/rest/webhook")
        replies = post_json(url, {"sender": sender, "message": message}, timeout=60)
        return "\n".join(r.get("text") or "" for r in replies)

    def tracker(self, sender: str) -> dict:
        url = self.url("RASA", f"/conversations/{sender}/tracker?token={TOKEN}")
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.loads(response.read())

    def health(self) -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(self.url("WEB", "/health"), timeout=10) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def pid_of(self, script: str) -> int:
        leaders = [p for p in processes_with(self.marker) if script in command_line(p)]
        assert leaders, f"no process runs {script}"
        return min(leaders)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=60)


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    supervisor = Supervisor(tmp_path_factory.mktemp("run_bot"))
    supervisor.start()
    try:
        supervisor.wait_for_output("De bot draait", 400)
        yield supervisor
    finally:
        supervisor.stop()
    assert processes_with(supervisor.marker) == [], "SIGTERM left processes behind"


def fallback_essentials() -> list[str]:
    contacts = kb.load().contacts
    return [
        system_messages.message("action_failed")["text"],
        "112",
        contacts["ondersteuningsteam"]["phone"],
    ]


def test_health_says_every_part_is_up(running):
    assert running.health() == (200, {"web": "up", "rasa": "up", "actions": "up"})


def test_action_server_crash_is_restarted_while_rasa_answers_with_the_fallback(running):
    sender = "supervisor-actions-crash"
    assert running.say(sender, "/greet")
    os.kill(running.pid_of("action_server.py"), signal.SIGKILL)
    running.wait_for_output("Actieserver is gestopt", 10)
    reply = running.say(sender, "/report_online_threat")  # needs action_triage
    for essential in fallback_essentials():
        assert essential in reply
    running.wait_for_output("Actieserver is weer bereikbaar", 120)
    reply = running.say(sender, "/report_online_threat")
    assert reply and system_messages.message("action_failed")["text"] not in reply
    tracker = running.tracker(sender)
    assert tracker["slots"]["incident_type"] == "online_threat"
    users = [e["text"] for e in tracker["events"] if e["event"] == "user"]
    assert users == ["/greet", "/report_online_threat", "/report_online_threat"]
    assert running.health()[0] == 200


def test_web_server_crash_is_restarted_and_rasa_keeps_answering(running):
    os.kill(running.pid_of("web/app.py"), signal.SIGKILL)
    running.wait_for_output("Website is gestopt", 10)
    assert running.say("supervisor-web-crash", "/greet")
    running.wait_for_output("Website is weer bereikbaar", 60)
    assert running.health()[0] == 200


@pytest.mark.parametrize("after_seconds", [0, 5])
def test_ctrl_c_during_start_up_leaves_no_process(tmp_path, after_seconds):
    supervisor = Supervisor(tmp_path)
    supervisor.start()
    deadline = time.time() + 30
    while not [p for p in processes_with(supervisor.marker) if "bin/rasa run" in command_line(p)]:
        assert time.time() < deadline, "Rasa was not started"
        time.sleep(0.05)
    time.sleep(after_seconds)  # right after the last start, and while Rasa loads its model
    supervisor.process.send_signal(signal.SIGINT)
    assert supervisor.process.wait(timeout=60) != 0
    assert "De bot draait" not in supervisor.output()
    # a stop asked for is said as such, not as a fault
    assert "Starten afgebroken (Ctrl-C)." in supervisor.output()
    assert "FOUT" not in supervisor.output()
    deadline = time.time() + 5  # the kernel may take a moment to reap the last of them
    while processes_with(supervisor.marker) and time.time() < deadline:
        time.sleep(0.2)
    assert processes_with(supervisor.marker) == []


def test_a_port_in_use_is_a_dutch_error_and_nothing_starts(tmp_path):
    supervisor = Supervisor(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", supervisor.ports["RASA"]))
        taken.listen()
        supervisor.start()
        assert supervisor.process.wait(timeout=60) == 2
    output = supervisor.output()
    assert f"poort {supervisor.ports['RASA']} (Rasa) is al in gebruik" in output
    assert "Er is niets gestart." in output and "De bot draait" not in output
    assert processes_with(supervisor.marker) == []
