"""The conversation corpus (tests/conversations/*.yml) against the real servers over REST.

Issue 11's goal: every conversation passes and at most 2 % of the user turns are answered with a
please-rephrase or fallback reply (the stuck rate). Not reached yet (measured 156 / 180 passed,
3.9 % stuck on 2026-12-02; 149 and 6.3 % the day before), so this test guards against going
back: it fails below the level reached, less a margin for the differences between trainings.
Raise the two numbers as the dialogue improves, up to the goal. The transcripts of failed
conversations go to reports/conversations_failed.txt.
"""

from tests.conversations import corpus

# The goal is 1.0 and 0.02. The stuck rate holds the goal; the pass share what was reached,
# with a small margin (a practice scenario is picked at random). On 2026-12-02: 178 of 180
# (0.989) passed, 0.6 % stuck, with no corpus line in the training data.
MIN_PASSED_SHARE = 0.97
MAX_STUCK_RATE = 0.02


def test_the_corpus_passes_and_the_bot_rarely_gets_stuck(bot):
    conversations = corpus.load()

    def slots(sender: str) -> dict:
        return bot.tracker(sender)["slots"]

    results = corpus.play_all(conversations, bot.say, slots)
    summary = corpus.summarise(results)
    print(f"\n{summary}")
    failed = [r for r in results if not r.passed]
    report = "\n\n".join(r.transcript() for r in failed)
    (corpus.ROOT / "reports").mkdir(exist_ok=True)
    (corpus.ROOT / "reports" / "conversations_failed.txt").write_text(f"{summary}\n\n{report}\n")
    assert len(failed) <= (1 - MIN_PASSED_SHARE) * len(results), f"{summary}\n\n{report}"
    assert summary.stuck_rate <= MAX_STUCK_RATE, str(summary)
