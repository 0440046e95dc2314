"""A DIET that is several DIETs: one per random seed, their intent confidences averaged.

One DIET's intent for a message it has never seen depends on its seed: on 2026-12-02 four
trainings of the same data (seeds 42, 1, 2) moved each held-out file by 0.008 to 0.022 and a
single incident type by up to 0.10. Averaging the probabilities of a few networks that differ
only in their seed (soft voting) takes out much of that chance: the words decide, not the seed.

The first network is this component itself (its `random_seed`, its entities: the entity tags are
not averaged); the others, one per seed in `extra_seeds`, are stored inside its own resource, so
Rasa's training cache and model archive carry them along without knowing they exist. Everything
else (featurising, ranking, fallback thresholds downstream) is unchanged.
"""

import copy
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import RANDOM_SEED

from components.fast_loading_diet import FastLoadingDIETClassifier

EXTRA_SEEDS = "extra_seeds"
MEMBERS_DIR = "members"


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER,
        DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    ],
    is_trainable=True,
)
class EnsembleDIETClassifier(FastLoadingDIETClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**FastLoadingDIETClassifier.get_default_config(), EXTRA_SEEDS: []}

    def __init__(self, config: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        self.members: list[FastLoadingDIETClassifier] = []

    @staticmethod
    def _member_config(config: dict[str, Any], seed: int) -> dict[str, Any]:
        member = copy.deepcopy(config)
        member.pop(EXTRA_SEEDS, None)
        member[RANDOM_SEED] = seed
        return member

    def _members_storage(self, path) -> ModelStorage:
        (path / MEMBERS_DIR).mkdir(exist_ok=True)
        return LocalModelStorage(path / MEMBERS_DIR)

    def train(self, training_data: TrainingData) -> Resource:
        resource = super().train(training_data)
        if self.model is None:  # nothing to learn from: no members either
            return resource
        with self._model_storage.write_to(self._resource) as path:
            storage = self._members_storage(path)
            self.members = [
                FastLoadingDIETClassifier.create(
                    self._member_config(self.component_config, seed),
                    storage,
                    Resource(f"seed_{seed}"),
                    self._execution_context,
                )
                for seed in self.component_config[EXTRA_SEEDS]
            ]
            for member in self.members:
                member.train(training_data)  # persists itself under members/
        return resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "EnsembleDIETClassifier":
        ensemble = super().load(config, model_storage, resource, execution_context, **kwargs)
        if ensemble.model is None:  # untrained: Rasa's own behaviour, no members to load
            return ensemble
        with model_storage.read_from(resource) as path:
            storage = LocalModelStorage(path / MEMBERS_DIR)
            for seed in config[EXTRA_SEEDS]:
                member = FastLoadingDIETClassifier.load(
                    cls._member_config(config, seed),
                    storage,
                    Resource(f"seed_{seed}"),
                    execution_context,
                )
                if member.model is None:
                    raise ValueError(f"Het model mist het deelnetwerk met seed {seed}.")
                ensemble.members.append(member)
        return ensemble

    def _predict(self, message: Message) -> dict[str, Any] | None:
        """The first network's output with the mean intent confidences of all networks."""
        out = super()._predict(message)
        if out is None or not self.members:
            return out
        names = [self.index_label_id_mapping[i] for i in range(len(self.index_label_id_mapping))]
        scores = [np.asarray(out["i_scores"]).flatten()]
        for member in self.members:
            by_name = dict(
                zip(
                    (member.index_label_id_mapping[i] for i in range(len(names))),
                    np.asarray(member._predict(message)["i_scores"]).flatten(),
                    strict=True,
                )
            )
            scores.append(np.array([by_name[name] for name in names]))
        return {**out, "i_scores": np.mean(scores, axis=0)}
