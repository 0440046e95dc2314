"""The corpus runner's own logic: the schema, the checks on a reply, and stuck detection."""

import pytest
import yaml

from tests.conversations import corpus


def test_every_corpus_file_follows_the_schema_and_ids_are_unique():
    conversations = corpus.load()
    assert len(conversations) >= 100
    assert all(c.turns for c in conversations)


def test_a_conversation_without_turns_or_with_unknown_keys_is_refused():
    with pytest.raises(corpus.CorpusError, match="needs `id` and `turns`"):
        corpus.parse({"conversations": [{"id": "x"}]}, "f.yml")
    bad_turn = {"conversations": [{"id": "x", "turns": [{"user": "hoi", "mustnot": ["a"]}]}]}
    with pytest.raises(corpus.CorpusError, match="unknown keys"):
        corpus.parse(bad_turn, "f.yml")
    bad_regex = {"conversations": [{"id": "x", "turns": [{"user": "hoi", "must": ["("]}]}]}
    with pytest.raises(corpus.CorpusError, match="bad regex"):
        corpus.parse(bad_regex, "f.yml")


def test_the_reply_holds_texts_and_button_titles_and_is_checked_per_rule():
    replies = [
        {"text": "Bel nu 112."},
        {"text": "Ben je veilig?", "buttons": [{"title": "Ik ben nu veilig", "payload": "/x"}]},
    ]
    reply = corpus.reply_text(replies)
    assert reply == "Bel nu 112.\nBen je veilig?\nIk ben nu veilig"
    turn = corpus.Turn("help", must=("bel NU 112", "112.*veilig$"), must_not=("rol",))
    assert corpus.check_turn(turn, reply, None) == []
    turn = corpus.Turn("help", must=("Ondersteuningsteam",), must_not=("112",), slots={"a": 1})
    assert corpus.check_turn(turn, reply, {"a": 2}) == [
        "must /Ondersteuningsteam/ not found",
        "must_not /112/ found",
        "slot a = 2, expected 1",
    ]


def test_stuck_replies_are_the_bots_own_rephrase_texts():
    domain = yaml.safe_load((corpus.ROOT / "domain.yml").read_text())
    rephrase = domain["responses"]["utter_please_rephrase"][0]["text"]
    stuck = corpus.stuck_texts()
    assert corpus.is_stuck([{"text": "Hoi."}, {"text": rephrase}], stuck)
    assert not corpus.is_stuck([{"text": "Bel nu 112."}], stuck)


def test_a_conversation_is_played_with_its_own_sender_and_scored():
    said = []

    def say(sender, message):
        said.append((sender, message))
        return (
            [{"text": "Sorry, dat begreep ik niet goed."}] if message == "??" else [{"text": "ok"}]
        )

    conversation = corpus.parse(
        {
            "conversations": [
                {"id": "c 1", "turns": [{"user": "hoi", "must": ["ok"]}, {"user": "??"}]}
            ]
        },
        "f.yml",
    )[0]
    result = corpus.play(conversation, say, lambda s: {}, ["Sorry, dat begreep ik niet goed."])
    assert result.passed and [t.stuck for t in result.turns] == [False, True]
    assert said[0][0] == said[1][0] and said[0][0].startswith("corpus-c-1-")
    summary = corpus.summarise([result])
    assert (summary.passed, summary.total, summary.stuck_turns, summary.turns) == (1, 1, 1, 2)


def test_every_turn_allows_five_buttons_and_no_text_twice_except_the_112_reply():
    six = [{"text": "Kies", "buttons": [{"title": str(n), "payload": "/x"} for n in range(6)]}]
    assert corpus.general_problems(six, set()) == ["6 buttons in one message"]
    said: set[str] = set()
    assert corpus.general_problems([{"text": "Wat is je rol?"}], said) == []
    assert corpus.general_problems([{"text": "Wat is je  rol?"}], said) == [
        "said twice: Wat is je rol?"
    ]
    safety = corpus.repeatable_texts()
    assert any(text.startswith("Bel nu 112") for text in safety)
    twice = [{"text": safety[-1]}]
    assert corpus.general_problems(twice, said, safety) == []
    assert corpus.general_problems(twice, said, safety) == []


def test_only_acknowledgements_and_triage_questions_count_as_said_twice():
    once = corpus.once_patterns()
    said: set[str] = set()
    answer = [{"text": "Hier kun je terecht:"}]
    assert corpus.general_problems(answer, said, once=once) == []
    assert corpus.general_problems(answer, said, once=once) == []
    question = [{"text": "Is zij nu in gevaar?"}]
    assert corpus.general_problems(question, said, once=once) == []
    assert corpus.general_problems(question, said, once=once) == [
        "said twice: Is zij nu in gevaar?"
    ]
