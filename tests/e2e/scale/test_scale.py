"""Several instances: conversations whose turns alternate between two Rasa instances lose,
duplicate, reorder or cross nothing; the faults of a shared set-up get the fallback reply."""

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from actions import knowledge as kb
from runtime import system_messages
from tests.conftest import free_port
from tests.e2e.conftest import ROOT, servers
from tests.e2e.scale.conftest import ACTION_TIMEOUT, LOCK_LIFETIME, http_error, is_reply_to, texts

# Intent payloads, not wording: other work changes the dialogue's texts, not these intents.
TURNS = ["/greet", "/report_online_threat", "/not_in_danger", "/ask_who_to_call"]
CONVERSATIONS = 50


def new_sender(label: str) -> str:
    return f"scale-{label}-{uuid.uuid4().hex[:8]}"


def turn_marks(tracker: dict) -> list:
    """The turn numbers the stored user messages carry (sent as message metadata)."""
    return [e["metadata"].get("turn") for e in tracker["events"] if e["event"] == "user"]


def assert_fallback(replies: list) -> None:
    text = texts(replies)
    assert system_messages.message("action_failed")["text"] in text
    assert "112" in text and kb.load().contacts["ondersteuningsteam"]["phone"] in text


def converse(cluster, number: int) -> tuple[str, list[str]]:
    """One conversation; turn k goes to instance (number + k) % 2. Returns what went wrong."""
    sender, problems = new_sender(str(number)), []
    for turn, message in enumerate(TURNS):
        instance = cluster.instances[(number + turn) % 2]
        replies = instance.say(sender, message, {"turn": turn})
        if not is_reply_to(replies, sender):
            problems.append(f"turn {turn} on {instance.name}: {replies!r}")
    return sender, problems


def test_fifty_conversations_alternating_between_two_instances(cluster):
    began = time.time()
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda n: converse(cluster, n), range(CONVERSATIONS)))
    seconds = time.time() - began
    cluster.figures["fifty_conversations"] = {
        "turns": CONVERSATIONS * len(TURNS),
        "seconds": round(seconds, 1),
        "turns_per_second": round(CONVERSATIONS * len(TURNS) / seconds, 1),
    }
    cluster.figures["memory_mb_after_load"] = cluster.memory()
    assert [p for _, ps in results for p in ps] == []
    for number, (sender, _) in enumerate(results):
        tracker = cluster.instances[(number + 1) % 2].tracker(sender)
        assert turn_marks(tracker) == list(range(len(TURNS))), sender  # none lost, doubled, moved
        # set by the action on one instance, read on the other
        assert tracker["slots"]["incident_type"] == "online_threat", sender


def test_forget_on_one_instance_is_gone_on_both(cluster):
    a, b = cluster.instances
    sender = new_sender("forget")
    a.say(sender, "/report_online_threat")
    assert b.tracker(sender)["slots"]["incident_type"] == "online_threat"
    assert b.say(sender, "/forget_conversation")
    for instance in (a, b):
        tracker = instance.tracker(sender)
        assert tracker["slots"]["incident_type"] is None
        assert "/report_online_threat" not in str(tracker["events"])


def test_retention_purge_on_postgresql(cluster):
    a, b = cluster.instances
    old, recent = new_sender("old"), new_sender("recent")
    a.say(old, "/report_online_threat")
    b.say(recent, "/report_online_threat")
    engine = sa.create_engine(cluster.postgres.url)
    with engine.begin() as connection:  # the old conversation's last event was 31 days ago
        connection.execute(
            sa.text("UPDATE events SET timestamp = timestamp - 31 * 86400 WHERE sender_id = :s"),
            {"s": old},
        )
    engine.dispose()
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "purge.py")],
        env={**os.environ, "TRACKER_STORE_URL": cluster.postgres.url, "RETENTION_DAYS": "30"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert b.tracker(old)["slots"]["incident_type"] is None
    assert a.tracker(recent)["slots"]["incident_type"] == "online_threat"


def test_slow_action_server_gets_the_fallback_within_the_timeout(cluster):
    a, b = cluster.instances
    sender = new_sender("slow")
    a.say(sender, "/greet")
    os.kill(cluster.actions.pid, signal.SIGSTOP)  # accepts connections, answers nothing
    try:
        began = time.time()
        replies = b.say(sender, "/report_online_threat")
        waited = time.time() - began
    finally:
        os.kill(cluster.actions.pid, signal.SIGCONT)
    assert_fallback(replies)
    assert ACTION_TIMEOUT <= waited < ACTION_TIMEOUT + 5
    cluster.figures["slow_action_server_reply_seconds"] = round(waited, 1)
    fallback = system_messages.message("action_failed")["text"]
    assert fallback not in texts(a.say(sender, "/report_online_threat"))
    assert b.tracker(sender)["slots"]["incident_type"] == "online_threat"


def test_action_server_killed_under_load_no_request_hangs(cluster):
    durations, answers, stop = [], [], threading.Event()

    def talk(number: int) -> None:
        instance = cluster.instances[number % 2]
        while not stop.is_set():  # a new conversation each time: no flood limit, always an action
            began = time.time()
            replies = instance.say(new_sender(f"load-{number}"), "/report_online_threat")
            durations.append(time.time() - began)
            answers.append(bool(replies))

    workers = [threading.Thread(target=talk, args=(n,)) for n in range(8)]
    for worker in workers:
        worker.start()
    time.sleep(3)
    os.killpg(cluster.actions.pid, signal.SIGKILL)
    cluster.actions.wait()
    killed_at = time.time()
    time.sleep(4)
    stop.set()
    for worker in workers:
        worker.join(timeout=60)
    cluster.start_actions()
    assert all(answers) and len(durations) > 16
    assert max(durations) < ACTION_TIMEOUT + 5, max(durations)
    cluster.figures["actions_killed_under_load"] = {
        "requests": len(durations),
        "max_seconds": round(max(durations), 2),
        "kill_to_end_seconds": round(time.time() - killed_at, 1),
    }


@pytest.mark.parametrize("store", ["redis", "postgres"])
def test_a_shared_store_down_mid_conversation_fallback_then_it_goes_on(cluster, store):
    """Redis restarts empty, as after a crash (it holds locks and channel state only);
    PostgreSQL restarts with the conversations it had."""
    a, b = cluster.instances
    server = getattr(cluster, store)
    sender = new_sender(store)
    a.say(sender, "/report_online_threat", {"turn": 0})
    server.stop()
    try:
        began = time.time()
        assert_fallback(b.say(sender, "/not_in_danger", {"turn": 1}))
        cluster.figures[f"{store}_down_reply_seconds"] = round(time.time() - began, 1)
    finally:
        server.start()
    assert is_reply_to(a.say(sender, "/not_in_danger", {"turn": 2}), sender)
    tracker = b.tracker(sender)
    assert turn_marks(tracker) == [0, 2]  # the refused message is not half-stored
    assert tracker["slots"]["incident_type"] == "online_threat"


def test_one_instance_killed_mid_run_the_conversations_go_on_on_the_other(cluster):
    """Clients send to the other instance when one fails, as a load balancer does. A message
    that was in flight when its instance died may have been stored before it died; then it is
    stored twice in a row after the retry (at-least-once), never lost."""
    a, b = cluster.instances
    in_flight: dict[str, set] = {}
    told_to_retry = []
    fallback = system_messages.message("action_failed")["text"]

    def converse_with_failover(number: int) -> tuple[str, list[str]]:
        sender, problems = new_sender(f"kill-{number}"), []
        for turn, message in enumerate(TURNS * 2):
            instance = cluster.instances[(number + turn) % 2]
            try:
                replies = instance.say(sender, message, {"turn": turn})
            except Exception as error:  # the dead instance: the balancer's retry on the other
                if not http_error(error) or instance is not b:
                    raise
                in_flight.setdefault(sender, set()).add(turn)
                replies = a.say(sender, message, {"turn": turn})
            # A message that waits out the dead instance's lock gets the fallback reply, which
            # asks the person to try again (nothing was stored); they do, as the reply says.
            for _ in range(3):
                if not is_reply_to(replies, sender) or fallback not in texts(replies):
                    break
                told_to_retry.append((sender, turn))
                time.sleep(2)
                replies = a.say(sender, message, {"turn": turn})
            if not is_reply_to(replies, sender):
                problems.append(f"turn {turn}: {replies!r}")
            time.sleep(0.2)
        return sender, problems

    with ThreadPoolExecutor(max_workers=10) as pool:
        futures = [pool.submit(converse_with_failover, n) for n in range(20)]
        time.sleep(3)
        b.kill()
        killed_at = time.time()
        results = [future.result(timeout=300) for future in futures]
    cluster.figures["instance_killed"] = {
        "conversations": 20,
        "retried_on_the_other": sum(len(t) for t in in_flight.values()),
        "kill_to_end_seconds": round(time.time() - killed_at, 1),
        "lock_lifetime_seconds": LOCK_LIFETIME,
        "told_to_try_again": len(told_to_retry),
    }
    assert [p for _, ps in results for p in ps] == []
    assert in_flight, "the kill came too late to hit a conversation"
    for sender, _ in results:
        marks = turn_marks(a.tracker(sender))
        deduplicated = [m for i, m in enumerate(marks) if i == 0 or m != marks[i - 1]]
        assert deduplicated == list(range(len(TURNS) * 2)), (sender, marks)
        doubled = {m for i, m in enumerate(marks) if i and m == marks[i - 1]}
        assert doubled <= in_flight.get(sender, set()), (sender, marks)


def test_redis_or_postgresql_down_at_start_is_a_clear_error_and_rasa_stops(tmp_path):
    closed = f"127.0.0.1:{free_port()}"
    cases = {
        "redis": (
            {"REDIS_URL": f"redis://{closed}/0", "TRACKER_STORE_URL": f"sqlite:///{tmp_path}/t.db"},
            f"Redis op redis://{closed}/0 (REDIS_URL) is niet bereikbaar",
        ),
        "postgresql": (
            {
                "REDIS_URL": "",
                "TRACKER_STORE_URL": f"postgresql://weerbaar:geheim@{closed}/weerbaar",
                "TRACKER_STORE_CONNECT_SECONDS": "2",
            },
            f"De database op postgresql://weerbaar:***@{closed}/weerbaar (TRACKER_STORE_URL) "
            "is niet bereikbaar",
        ),
    }
    started = {}
    for name, (env, _) in cases.items():
        with open(tmp_path / f"{name}.log", "w") as log:
            command = servers.rasa_command("x", free_port())
            started[name] = servers.start(command, log, env)
    for name, (_, message) in cases.items():
        try:
            assert started[name].wait(timeout=300) != 0, f"{name}: Rasa did not stop"
        finally:
            servers.stop(started[name])
        log = (tmp_path / f"{name}.log").read_text()
        assert message in log, log[-3000:]
        assert "geheim" not in log
