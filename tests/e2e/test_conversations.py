"""The conversation corpus (tests/conversations/*.yml) against the real servers over REST.

Issue 11's goal, held here: every conversation passes and at most 2 % of the user turns are
answered with a please-rephrase or fallback reply (the stuck rate). Reached on 2026-12-02: 180 of
180 passed, 0.6-0.7 % stuck (a practice scenario is picked at random, so one or two turns vary);
156 and 3.9 % that morning, 149 and 6.3 % the day before. The transcripts of failed
conversations go to reports/conversations_failed.txt.
"""

from tests.conversations import corpus

# Issue 11's goal (no corpus line is in the training data).
MIN_PASSED_SHARE = 1.0
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
