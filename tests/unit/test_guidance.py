"""The walk-through: a few steps at a time, per phase, skipping what is done."""

from actions.guidance import ActionGuide, applicable_steps, next_batch
from tests.conftest import all_text, content, make_tracker, payloads, run_action


def test_batches_stay_within_a_phase_and_announce_it(knowledge):
    first = next_batch("online_threat", "council_member", [], [], knowledge)
    assert first.phase_title == "Als het gebeurt" and len(first.step_ids) == 2
    shown = list(first.step_ids)
    titles = [first.phase_title]
    while True:
        batch = next_batch("online_threat", "council_member", shown, [], knowledge)
        if not batch.step_ids:
            break
        phases = {knowledge.steps[s]["phase"] for s in batch.step_ids}
        assert len(phases) == 1
        titles.append(batch.phase_title)
        shown += batch.step_ids
    # the Steunpakket's phases are the only headings (E7)
    assert [t for t in titles if t] == [knowledge.phases["now"], knowledge.phases["help"]]
    assert shown == applicable_steps("online_threat", "council_member", knowledge)


def test_done_steps_are_skipped(knowledge):
    batch = next_batch("online_abuse", "council_member", [], ["evidence"], knowledge)
    assert "evidence_online" not in batch.step_ids
    assert batch.skipped_done == [knowledge.steps["evidence_online"]["label"]]


def test_role_changes_the_path(knowledge):
    council = applicable_steps("doxxing", "council_member", knowledge)
    alderman = applicable_steps("doxxing", "alderman", knowledge)
    clerk = applicable_steps("doxxing", "clerk", knowledge)
    candidate = applicable_steps("doxxing", "candidate", knowledge)
    assert "security_scheme" in alderman and "security_scheme" not in council
    assert "take_seriously" in clerk and "take_seriously" not in council
    assert "ondersteuningsteam" not in candidate


def test_already_done_ticks_off_the_last_steps_and_moves_on():
    tracker = make_tracker(
        "already_done",
        "heb ik al gedaan",
        {
            "incident_type": "online_abuse",
            "role": "council_member",
            "guided_incident_type": "online_abuse",
            "steps_shown": ["safety", "ondersteuningsteam", "evidence_online", "evidence_tips"],
            "last_batch": ["evidence_online", "evidence_tips"],
        },
    )
    messages, slots = run_action(ActionGuide(), tracker)
    assert "afgevinkt: Bewijs bewaard" in all_text(messages)
    assert slots["steps_done"] == ["evidence"]
    assert slots["last_batch"] == ["platform_report"]


def test_last_batch_offers_the_checklist_and_the_other_type(knowledge):
    path = applicable_steps("impersonation", "council_member", knowledge)
    knowledge_path = path[:-1]  # all but the last step shown already
    tracker = make_tracker(
        "next_step",
        "volgende",
        {
            "incident_type": "impersonation",
            "role": "council_member",
            "guided_incident_type": "impersonation",
            "steps_shown": knowledge_path,
            "other_incident_types": ["online_abuse"],
        },
    )
    messages, slots = run_action(ActionGuide(), tracker)
    assert "/ask_checklist" in payloads(messages) and "/request_checklist_text" in payloads(
        messages
    )
    asked = content("also_other_type.text", incident=knowledge.incidents["online_abuse"]["name"])
    assert asked in all_text(messages)
    assert slots["pending_question"] == "other_type"


def test_next_step_without_incident_asks_what_happened():
    messages, slots = run_action(ActionGuide(), make_tracker("next_step", "volgende stap"))
    assert slots == {
        "pending_question": "incident_type",
        "said": ["general_first", "incident_type"],
    }
    assert "112" in messages[0]["text"] and "070 - 373 83 14" in messages[0]["text"]
    assert messages[1]["text"].startswith("Wat is er gebeurd?")


def test_phases_keep_the_steunpakket_order_whatever_the_path_lists(knowledge):
    order = list(knowledge.phases)
    for incident in knowledge.paths:
        phases = [
            order.index(knowledge.steps[s]["phase"])
            for s in applicable_steps(incident, "alderman", knowledge)
        ]
        assert phases == sorted(phases), incident
