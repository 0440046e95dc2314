"""Start the action server and the Rasa server as real processes, and stop them again.

Used by `make run` (scripts/run_bot.py) and by the end-to-end tests, so both start the bot the
same way: Rasa on 127.0.0.1:5005 with the REST and socket.io channels and the token-protected
HTTP API, the action server on 127.0.0.1:5055. RASA_PORT and ACTION_SERVER_PORT move them (so two
checkouts can run their tests side by side); endpoints.yml reads ACTION_SERVER_PORT too.
"""

import ctypes
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
MODEL = ROOT / "models" / "weerbaar.tar.gz"
HOST = os.environ.get("BIND_HOST", "127.0.0.1")
RASA_PORT = int(os.environ.get("RASA_PORT", "5005"))
ACTION_SERVER_PORT = int(os.environ.get("ACTION_SERVER_PORT", "5055"))
RASA_URL = f"http://{HOST}:{RASA_PORT}"
ACTION_SERVER_URL = f"http://127.0.0.1:{ACTION_SERVER_PORT}"
# The website chat (web/app.py); Rasa's CORS allows its origin unless SITE_ORIGIN says otherwise.
WEB_PORT = int(os.environ.get("WEB_PORT", "8080"))
WEB_URL = f"http://{HOST}:{WEB_PORT}"
SITE_ORIGIN = os.environ.get("SITE_ORIGIN", f"http://127.0.0.1:{WEB_PORT}")


def environment() -> dict:
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        PYTHONPATH=str(ROOT),
        ACTION_SERVER_PORT=str(ACTION_SERVER_PORT),
        RASA_PORT=str(RASA_PORT),
        WEB_PORT=str(WEB_PORT),
        SITE_ORIGIN=SITE_ORIGIN,
        # Rasa server processes; more than one needs the shared lock store (endpoints.yml)
        SANIC_WORKERS=os.environ.get("RASA_WORKERS", "1"),
    )
    return env


def auth_token() -> str:
    return os.environ.get("RASA_AUTH_TOKEN") or secrets.token_urlsafe(24)


def action_server_command() -> list[str]:
    return [str(VENV_BIN / "python"), str(ROOT / "scripts" / "action_server.py")]


def rasa_command(token: str, port: int = RASA_PORT) -> list[str]:
    return [
        str(VENV_BIN / "rasa"),
        "run",
        "--model",
        str(MODEL),
        "--enable-api",
        "--auth-token",
        token,
        "--interface",
        HOST,
        "--port",
        str(port),
        "--credentials",
        str(ROOT / "credentials.yml"),
        "--endpoints",
        str(ROOT / "endpoints.yml"),
        "--cors",
        SITE_ORIGIN,
    ]


def web_command() -> list[str]:
    return [str(VENV_BIN / "python"), str(ROOT / "web" / "app.py")]


def wait_for(url: str, seconds: float, process: subprocess.Popen | None = None) -> float:
    """Seconds until `url` answers 200; raises when the time is up or the process died."""
    start = time.time()
    while time.time() - start < seconds:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process for {url} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.time() - start
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


def port_in_use(port: int, host: str = HOST) -> bool:
    """True when something already listens on (or holds) host:port, so a server would not start."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers themselves do
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


_LIBC = ctypes.CDLL(None) if sys.platform == "linux" else None


def _die_with(parent: int) -> None:
    """In the child, before exec: get SIGTERM when the starting process dies, even by SIGKILL."""
    if _LIBC is not None:
        _LIBC.prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)


def start(command: list[str], log: IO, env: dict | None = None) -> subprocess.Popen:
    """Start a server in its own process group (so stop() reaches everything it forks)."""
    parent = os.getpid()
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env={**environment(), **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=lambda: _die_with(parent),
    )


def _signal_group(process: subprocess.Popen, signum: int) -> bool:
    """Send signum to the process's whole group; False when nothing of it is left."""
    try:
        os.killpg(process.pid, signum)  # start_new_session: group id == the leader's pid
    except ProcessLookupError:
        return False
    return True


def stop(process: subprocess.Popen, grace: float = 15) -> None:
    """SIGTERM to the whole group, SIGKILL to whatever is left after `grace` seconds."""
    deadline = time.time() + grace
    if _signal_group(process, signal.SIGTERM):
        # poll() reaps the leader once it exits, so a group of only a zombie counts as gone
        while process.poll() is None or _signal_group(process, 0):
            if time.time() > deadline:
                break
            time.sleep(0.1)
        _signal_group(process, signal.SIGKILL)
    process.wait()


if __name__ == "__main__":
    sys.exit("import this module; run the bot with `make run`")
