"""Play the conversation corpus and print the pass rate and the stuck rate, without failing.

    python -m tests.conversations.run                  # starts its own servers (RASA_PORT, ...)
    python -m tests.conversations.run --url http://127.0.0.1:5005 --token TOKEN   # a running bot
    python -m tests.conversations.run -k helper -v     # only ids containing "helper", transcripts

For measuring (e.g. before and after a change to the dialogue); `make test` runs the same corpus
as a test that must pass (tests/e2e/test_conversations.py). Needs a trained model.
"""

import argparse
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

from tests.conversations import corpus

sys.path.insert(0, str(corpus.ROOT / "scripts"))
import servers  # noqa: E402


def start_bot(logs: Path) -> tuple[str, list]:
    token = secrets.token_urlsafe(16)
    actions = servers.start(servers.action_server_command(), open(logs / "action_server.log", "w"))
    rasa = servers.start(servers.rasa_command(token), open(logs / "rasa_server.log", "w"))
    servers.wait_for(f"{servers.ACTION_SERVER_URL}/health", 60, actions)
    servers.wait_for(f"{servers.RASA_URL}/status?token={token}", 240, rasa)
    client = corpus.RestClient(servers.RASA_URL, token)
    deadline = time.time() + 120
    while not client.say("corpus-warm-up", "hallo"):  # the model may still be loading
        if time.time() > deadline:
            raise TimeoutError("Rasa answers but gives no reply")
        time.sleep(1)
    return token, [rasa, actions]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="a running bot's Rasa URL (else start the servers here)")
    parser.add_argument("--token", help="that bot's RASA_AUTH_TOKEN (for the tracker API)")
    parser.add_argument("-k", default="", help="only ids or files with one of these (a,b,...)")
    parser.add_argument("-v", "--verbose", action="store_true", help="transcripts of failures")
    parser.add_argument("--all", action="store_true", help="with -v: transcripts of all")
    parser.add_argument("--jobs", type=int, default=3, help="conversations played at once")
    args = parser.parse_args()

    keys = args.k.split(",")
    conversations = [c for c in corpus.load() if any(k in c.id or k in c.source for k in keys)]
    processes: list = []
    with tempfile.TemporaryDirectory() as tmp:
        # the corpus's conversations go to their own SQLite file, not var/tracker.db
        os.environ.setdefault("TRACKER_STORE_URL", f"sqlite:///{tmp}/tracker.db")
        try:
            if args.url:
                client = corpus.RestClient(args.url, args.token or "")
            else:
                token, processes = start_bot(Path(tmp))
                client = corpus.RestClient(servers.RASA_URL, token)
            results = corpus.play_all(conversations, client.say, client.slots, args.jobs)
        finally:
            for process in processes:
                servers.stop(process)
    for result in results:
        if args.verbose and (args.all or not result.passed):
            print(result.transcript(), end="\n\n")
    failed = [r.conversation.id for r in results if not r.passed]
    if failed:
        print("failed:", ", ".join(failed))
    print(corpus.summarise(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
