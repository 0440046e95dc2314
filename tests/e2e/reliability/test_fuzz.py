"""Property-based fuzzing of the REST webhook: whatever arrives, the reply is a valid list of
messages and the server stays up. Derandomized, so every run sends the same inputs."""

import asyncio
import json
import time

import aiohttp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.e2e.reliability.helpers import WEBHOOK, is_reply_list

BATCH = 10  # inputs sent at once per hypothesis example
EXAMPLES = 100  # → 1,000 inputs

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=8,
)
messages = st.one_of(
    st.text(max_size=200),  # any unicode, control characters included
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=50),  # control characters only
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    st.builds(
        lambda part, times: part * times, st.text(min_size=1, max_size=10), st.integers(1000, 12000)
    ),  # huge
    json_values.map(json.dumps),  # JSON-looking text
    json_values,  # not a string at all
    st.sampled_from(
        [
            "/greet",
            "/forget_conversation",
            '/inform_role{"role": "mayor"}',
            "/nonexistent_intent",
            "/{}",
            "<script>alert(1)</script>",
            "'; DROP TABLE events; --",
            "🙂" * 500,
        ]
    ),
)


async def post_all(bodies):
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:

        async def one(body):
            async with session.post(WEBHOOK, json=body) as response:
                return response.status, await response.json(content_type=None)

        return await asyncio.gather(*(one(b) for b in bodies))


def test_fuzz_the_webhook(bot):
    sent = []
    start = time.time()

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.lists(messages, min_size=BATCH, max_size=BATCH))
    def batch(inputs):
        bodies = [{"sender": f"fuzz-{len(sent) + i}", "message": m} for i, m in enumerate(inputs)]
        results = asyncio.run(post_all(bodies))
        sent.extend(inputs)
        for body, (status, replies) in zip(bodies, results, strict=True):
            assert status == 200, (status, body)
            assert is_reply_list(replies) and replies, (body, replies)

    batch()
    assert len(sent) >= 1000
    assert bot.say("fuzz-after", "hallo"), "server did not survive"
    print(f"\nfuzz: {len(sent)} inputs in {time.time() - start:.0f} s")
