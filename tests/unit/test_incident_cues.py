"""The incident cue featurizer (components/incident_cues.py), trained and loaded for real: it stores
the training data's patterns plus one per incident type, and marks the tokens a type's cue words
match. Fails when a Rasa upgrade changes how RegexFeaturizer trains, stores or featurises."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions import knowledge as kb
from components.incident_cues import IncidentCueFeaturizer

LOOKUP = [{"name": "platform", "elements": ["facebook", "tiktok"]}]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    context = ExecutionContext(GraphSchema({}), "test")
    config = IncidentCueFeaturizer.get_default_config()
    resource = Resource("cues")
    featurizer = IncidentCueFeaturizer.create(config, storage, resource, context)
    featurizer.train(TrainingData([Message(data={TEXT: "hallo"})], lookup_tables=LOOKUP))
    return IncidentCueFeaturizer.load(config, storage, resource, context)


def test_the_data_patterns_and_one_per_type_are_stored(loaded):
    names = [pattern["name"] for pattern in loaded.known_patterns]
    assert names == ["platform", *(f"cue_{kind}" for kind in kb.type_cues())]


def test_a_cue_word_marks_its_token_with_its_type(loaded):
    message = Message(data={TEXT: "Er staat een Deepfake van mij op tiktok"})
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process([message])
    loaded.process([message])
    sequence, _ = message.get_sparse_features(TEXT)
    rows = sequence.features.toarray()
    names = [pattern["name"] for pattern in loaded.known_patterns]
    marked = {
        (token.text.lower(), names[column])
        for token, row in zip(message.get("text_tokens"), rows, strict=True)
        for column, value in enumerate(row)
        if value
    }
    assert marked == {("deepfake", "cue_impersonation"), ("tiktok", "platform")}
