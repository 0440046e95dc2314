"""Starts the real action server and Rasa server once for the end-to-end tests."""

import json
import os
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import servers  # noqa: E402

from tests.conftest import free_port  # noqa: E402

TOKEN = "e2e-test-token"
RASA = servers.RASA_URL


# The Telegram channel talks to the fake Bot API of tests/e2e/telegram/, never to Telegram: set
# here, before the servers start (servers.environment() copies os.environ), overriding the shell.
TELEGRAM_FAKE_API = f"http://127.0.0.1:{free_port()}"
os.environ.update(
    TELEGRAM_BOT_TOKEN="e2e-telegram-token",
    TELEGRAM_WEBHOOK_SECRET="e2e-telegram-secret",
    TELEGRAM_API_BASE_URL=TELEGRAM_FAKE_API,
)


def post_json(url: str, body: dict, timeout: float = 30) -> object:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def get_json(url: str, timeout: float = 30) -> object:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read())


class Bot:
    def __init__(self, logs: Path):
        self.logs = logs

    def say(self, sender: str, message: str) -> list:
        return post_json(f"{RASA}/webhooks/rest/webhook", {"sender": sender, "message": message})

    def tracker(self, sender: str) -> dict:
        return get_json(f"{RASA}/conversations/{sender}/tracker?token={TOKEN}")

    def log_text(self) -> str:
        return "".join(p.read_text(errors="replace") for p in self.logs.glob("*.log"))

    # Fault tests stop and start the real servers; they leave them running for the next tests.
    processes: dict = {}

    def stop_server(self, name: str) -> None:
        servers.stop(self.processes[name])

    def start_server(self, name: str) -> None:
        command = (
            servers.action_server_command() if name == "actions" else servers.rasa_command(TOKEN)
        )
        log = self.logs / ("action_server.log" if name == "actions" else "rasa_server.log")
        self.processes[name] = process = servers.start(command, open(log, "a"))
        if name == "actions":
            servers.wait_for(f"{servers.ACTION_SERVER_URL}/health", 60, process)
        else:
            servers.wait_for(f"{RASA}/status?token={TOKEN}", 240, process)
            deadline = time.time() + 120  # the greeting itself, not an error or rate-limit reply
            while "chatbot" not in json.dumps(self.say("warm-up-restart", "hallo")):
                assert time.time() < deadline, "Rasa answers but gives no greeting"
                time.sleep(1)

    @property
    def db_url(self) -> str:
        return os.environ["TRACKER_STORE_URL"]


@pytest.fixture(scope="session")
def bot(tmp_path_factory):
    logs = tmp_path_factory.mktemp("logs")
    # the tests' conversations go to their own SQLite file, not the developer's var/tracker.db
    os.environ["TRACKER_STORE_URL"] = f"sqlite:///{logs / 'tracker.db'}"
    actions = servers.start(servers.action_server_command(), open(logs / "action_server.log", "w"))
    rasa = servers.start(servers.rasa_command(TOKEN), open(logs / "rasa_server.log", "w"))
    Bot.processes = {"actions": actions, "rasa": rasa}
    try:
        servers.wait_for(f"{servers.ACTION_SERVER_URL}/health", 60, actions)
        servers.wait_for(f"{RASA}/status?token={TOKEN}", 240, rasa)
        deadline = time.time() + 120
        while not Bot(logs).say("warm-up", "hallo"):  # the model may still be loading
            assert time.time() < deadline, "Rasa answers but gives no reply"
            time.sleep(1)
        yield Bot(logs)
    finally:
        for process in Bot.processes.values():
            servers.stop(process)
        for log in logs.glob("*.log"):
            (ROOT / "reports").mkdir(exist_ok=True)
            (ROOT / "reports" / f"e2e_{log.name}").write_text(log.read_text(errors="replace"))
