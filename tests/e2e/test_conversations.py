"""The conversation corpus (tests/conversations/*.yml) against the real servers over REST.

Every conversation must pass, and at most 2 % of the user turns may be answered with a
please-rephrase or fallback reply (the stuck rate). The transcripts of failed conversations go
to reports/conversations_failed.txt and into the assertion message.
"""

from tests.conversations import corpus

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
    assert not failed, f"{summary}\n\n{report}"
    assert summary.stuck_rate <= MAX_STUCK_RATE, str(summary)
