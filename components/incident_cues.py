"""RegexFeaturizer that also knows each incident type's cue words (knowledge/incidents.yml `cues`).

The classifier learns from whole sentences; a word it saw in only a few of them ("deepfake",
"kenteken", "doodsbedreiging") weighs little. One feature per type, on every token its cue words
match, lets what the network learned from one cue word count for all the others of that type. The
cue words are the ones the triage uses (actions/knowledge.py), defined once in the knowledge file.
"""

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.regex_featurizer import RegexFeaturizer
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions import knowledge as kb


def cue_patterns() -> list[dict[str, str]]:
    """One pattern per incident type with cue words, named after the type. Case-insensitive
    whatever the featurizer's `case_sensitive` ("Deepfake" at the start of a sentence)."""
    return [
        {"name": f"cue_{kind}", "pattern": f"(?i){pattern.pattern}"}
        for kind, pattern in kb.type_cues().items()
    ]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class IncidentCueFeaturizer(RegexFeaturizer):
    def train(self, training_data: TrainingData) -> Resource:
        resource = super().train(training_data)
        self.known_patterns = [*self.known_patterns, *cue_patterns()]
        self._persist()
        return resource
