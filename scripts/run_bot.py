"""`make run`: start the three servers, keep them up, and stop all of them on Ctrl-C or SIGTERM.

A small supervisor of its own (standard library only): honcho stops everything when one process
dies, supervisord gives a program up after a few quick failures and needs a daemon, a config file
and an RPC socket, circus brings pyzmq and tornado into Rasa's environment; none of them checks
the ports first or knows when Rasa is ready for *our* token. What it does:
- every port is checked before anything starts; one in use is a Dutch error and exit code 2;
- Ctrl-C, SIGTERM and SIGHUP only raise a flag that every wait checks, so they also work during
  start-up; each server runs in its own process group and stop() ends the whole group;
- a server that dies after start-up is restarted with back-off (1, 2, 4 ... 60 s) and a log line;
  the others keep serving (Rasa answers with the fallback reply while the action server is down);
- WEB_URL/health tells which parts are up (web/app.py).
"""

import json
import os
import signal
import sys
import time
import urllib.request
from pathlib import Path

import servers

MAX_BACKOFF = 60.0
STABLE_AFTER = 60.0  # a server that ran this long before it died starts again from 1 s back-off
START_TIMEOUT = 300.0  # Rasa loads the model; on a busy 2-core machine that can take minutes

stop_requested = False


def request_stop(*_: object) -> None:
    global stop_requested
    stop_requested = True


def now() -> str:
    return time.strftime("%H:%M:%S")


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


class Server:
    def __init__(self, label: str, port: int, command: list[str], ready_url: str, log: Path):
        self.label, self.port, self.command = label, port, command
        self.ready_url, self.log = ready_url, log
        self.process = None
        self.ready = False
        self.restarts = 0
        self.failures = 0  # quick failures in a row, for the back-off
        self.started = self.restart_at = 0.0

    def start(self) -> None:
        mode = "a" if self.process else "w"  # keep the log of the crash
        with open(self.log, mode) as log:
            self.process = servers.start(self.command, log)
        self.started, self.ready, self.restart_at = time.time(), False, 0.0

    def stop(self) -> None:
        if self.process:
            servers.stop(self.process, grace=10)

    def check(self) -> None:
        """One look after start-up: note a death, restart when due, say when it is back."""
        if self.restart_at:
            if time.time() >= self.restart_at:
                self.restarts += 1
                print(
                    f"{now()} {self.label} wordt herstart (herstart {self.restarts}).", flush=True
                )
                self.start()
        elif self.process.poll() is not None:
            servers.stop(self.process, grace=0)  # whatever the dead leader left in its group
            ran = time.time() - self.started
            self.failures = 1 if ran > STABLE_AFTER else self.failures + 1
            delay = min(MAX_BACKOFF, 2.0 ** (self.failures - 1))
            self.restart_at = time.time() + delay
            print(
                f"{now()} {self.label} is gestopt (exitcode {self.process.returncode}); "
                f"opnieuw starten over {delay:.0f} s. Log: {self.log}",
                flush=True,
            )
        elif not self.ready and answers(self.ready_url):
            self.ready = True
            print(
                f"{now()} {self.label} is weer bereikbaar ({time.time() - self.started:.0f} s).",
                flush=True,
            )


def wait_until_ready(parts: list[Server]) -> str | None:
    """None when every part answers or a stop was asked for; else why not (a server exited, or
    time is up)."""
    deadline = time.time() + START_TIMEOUT
    while not stop_requested:
        for part in parts:
            if part.process.poll() is not None:
                return (
                    f"{part.label} stopte tijdens het starten (exitcode {part.process.returncode})"
                )
            part.ready = part.ready or answers(part.ready_url)
        if all(part.ready for part in parts):
            return None
        if time.time() > deadline:
            late = ", ".join(p.label for p in parts if not p.ready)
            return f"niet klaar binnen {START_TIMEOUT:.0f} s: {late}"
        time.sleep(0.3)
    return None


def main() -> int:
    # First of all, so that a Ctrl-C at any later moment still reaches the clean-up below.
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, request_stop)
    token = servers.auth_token()
    logs = Path(os.environ.get("LOG_DIR", servers.ROOT / "reports"))
    logs.mkdir(parents=True, exist_ok=True)
    parts = [
        Server(
            "Actieserver",
            servers.ACTION_SERVER_PORT,
            servers.action_server_command(),
            f"{servers.ACTION_SERVER_URL}/health",
            logs / "action_server.log",
        ),
        Server(
            "Rasa",
            servers.RASA_PORT,
            servers.rasa_command(token),
            f"{servers.RASA_URL}/status?token={token}",  # our token: this Rasa, not another one
            logs / "rasa_server.log",
        ),
        Server(
            "Website",
            servers.WEB_PORT,
            servers.web_command(),
            servers.WEB_URL,
            logs / "web_server.log",
        ),
    ]
    busy = [part for part in parts if servers.port_in_use(part.port)]
    if busy:
        for part in busy:
            print(
                f"FOUT: poort {part.port} ({part.label}) is al in gebruik. Draait er nog een bot? "
                f"Stop dat proces (zie `ss -ltnp 'sport = :{part.port}'`) of kies een andere "
                "poort met RASA_PORT, ACTION_SERVER_PORT of WEB_PORT.",
                file=sys.stderr,
            )
        print("Er is niets gestart.", file=sys.stderr)
        return 2
    if not os.environ.get("RASA_AUTH_TOKEN"):
        print(f"RASA_AUTH_TOKEN was niet gezet; voor deze sessie gemaakt: {token}")
    began = time.time()
    try:
        for part in parts:
            if not stop_requested:
                part.start()
        problem = wait_until_ready(parts)
        if stop_requested:
            # Ctrl-C while starting is a choice, not a fault.
            print("Starten afgebroken (Ctrl-C).", flush=True)
            return 130
        if problem:
            print(f"FOUT bij het starten: {problem}. Zie de logs in {logs}.", file=sys.stderr)
            return 1
        print(banner(time.time() - began, logs), flush=True)
        while not stop_requested:
            for part in parts:
                part.check()
            time.sleep(0.5)
        return 0
    finally:
        if any(part.process for part in parts):
            print(f"{now()} Stoppen ...", flush=True)
        for part in reversed(parts):
            part.stop()


def banner(seconds: float, logs: Path) -> str:
    meta = json.loads((servers.ROOT / "build" / "spacy_nl" / "meta.json").read_text())
    rasa, web = servers.RASA_URL, servers.WEB_URL
    return f"""
De bot draait (klaar in {seconds:.0f} s).
  spaCy-pijplijn:  {meta["lang"]}_{meta["name"]} {meta["version"]}
  REST:            POST {rasa}/webhooks/rest/webhook  {{"sender": "ik", "message": "hallo"}}
  socket.io:       {rasa}/socket.io
  Website-chat:    {web}/  (demopagina met de chat)
  Status:          {web}/health  (welke onderdelen draaien)
  HTTP API:        {rasa}/status?token=…  (token: RASA_AUTH_TOKEN)
  Actieserver:     {servers.ACTION_SERVER_URL} (alleen lokaal)
  Logs:            {logs}/rasa_server.log, action_server.log, web_server.log
Een server die stopt, wordt vanzelf herstart. Probeer:
  curl -s -X POST {rasa}/webhooks/rest/webhook -d '{{"sender":"ik","message":"hallo"}}'
Stoppen met Ctrl-C."""


if __name__ == "__main__":
    sys.exit(main())
