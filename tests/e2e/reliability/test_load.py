"""Load correctness (not speed): 50 conversations of 10 turns at once over REST. Every reply
belongs to its own conversation, nothing is lost or doubled, and there is no 5xx."""

import asyncio
import time

import aiohttp

from tests.conftest import ot_phone
from tests.e2e.reliability.helpers import WEBHOOK, texts, user_texts

CONVERSATIONS = 50
# (message, a text the reply must contain, or None). Payloads keep the path deterministic.
SCRIPT = [
    ("/greet", "chatbot, niet de politie"),
    ("/report_online_threat", "Gaat het om jou, of help je iemand?"),
    ("/about_me", "Ben je nu in gevaar?"),
    ("/not_in_danger", "Wat is je rol?"),
    ('/inform_role{{"role": "council_member"}}', "•"),
    ("/ask_who_to_call", ot_phone()),
    ("/next_step", "•"),
    ("bedankt voor je hulp, gesprek {n}", None),  # carries the number into the stored text
    ("/what_can_you_do", "Ik help politici"),
    ("/ask_who_to_call", ot_phone()),
    ("/goodbye", "Sterkte."),
]


def script_for(n: int):
    return [message.format(n=n) for message, _ in SCRIPT]


async def conversation(session, n, statuses):
    failures = []
    for (_, expected), message in zip(SCRIPT, script_for(n), strict=True):
        async with session.post(WEBHOOK, json={"sender": f"load-{n}", "message": message}) as resp:
            statuses.append(resp.status)
            replies = await resp.json(content_type=None) if resp.status == 200 else []
        if not replies or any(r.get("recipient_id") != f"load-{n}" for r in replies):
            failures.append((n, message, replies))
        elif expected and expected not in texts(replies):
            failures.append((n, message, texts(replies)[:200]))
    return failures


async def run_all():
    statuses = []
    timeout = aiohttp.ClientTimeout(total=600)
    async with aiohttp.ClientSession(
        timeout=timeout, connector=aiohttp.TCPConnector(limit=CONVERSATIONS)
    ) as session:
        results = await asyncio.gather(
            *(conversation(session, n, statuses) for n in range(CONVERSATIONS))
        )
    return statuses, [f for failures in results for f in failures]


def test_fifty_conversations_at_once_keep_their_own_replies(bot):
    start = time.time()
    statuses, failures = asyncio.run(run_all())
    elapsed = time.time() - start
    assert len(statuses) == CONVERSATIONS * len(SCRIPT)
    assert not [s for s in statuses if s >= 500] and set(statuses) == {200}
    assert failures == []
    for n in range(CONVERSATIONS):
        assert user_texts(bot.tracker(f"load-{n}")) == script_for(n), f"conversation {n}"
    print(
        f"\nload: {len(statuses)} turns in {elapsed:.0f} s ({len(statuses) / elapsed:.1f} turns/s)"
    )
