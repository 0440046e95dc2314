"""The compiled validator accepts and rejects exactly what Rasa's own per-call check does."""

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from runtime import action_fallback
from runtime.action_response_validation import validate_action_response

action_fallback.install()

SCHEMA = RemoteAction.action_response_format_spec()
VALID = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "role", "value": "council_member"}],
        "responses": [{"text": "Hoi", "buttons": [{"title": "Ja", "payload": "/affirm"}]}],
    },
    {"events": [{"event": "action_execution_rejected", "name": "rehearsal_form"}]},
]
INVALID = [
    {"events": "not a list"},
    {"events": [{"name": "no event type"}]},
    {"responses": [{"text": "x"}], "events": [{"event": 42}]},
]


def test_rasa_uses_the_compiled_validator():
    import rasa.core.actions.action as rasa_action

    action = rasa_action.RemoteAction("action_triage", None)
    assert action._validate_action_result.__func__ is validate_action_response


@pytest.mark.parametrize("response", VALID)
def test_valid_responses_pass_as_with_rasas_check(response):
    jsonschema.validate(response, SCHEMA)
    assert validate_action_response(RemoteAction("a", None), response)


@pytest.mark.parametrize("response", INVALID)
def test_invalid_responses_fail_as_with_rasas_check(response):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(response, SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        validate_action_response(RemoteAction("a", None), response)
