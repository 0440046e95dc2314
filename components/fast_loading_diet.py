"""DIETClassifier that loads in seconds instead of most of the server's start-up time.

Rasa rebuilds a saved DIET model by fitting it on one example before it loads the weights
(rasa/utils/tensorflow/models.py, RasaModel.load). In graph mode that traces the whole training
step, gradients included, which took ~90 % of the Rasa server's start-up here. This subclass
does that one throw-away step eagerly, then switches back to graph mode, so predictions run as
fast as before (their smaller graph is traced once, at load, by a warm-up prediction).
Training is unchanged: it is the parent's.
"""

import copy
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.extractors.extractor import EntityTagSpec
from rasa.shared.nlu.constants import TEXT
from rasa.utils.tensorflow.constants import RUN_EAGERLY
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER,
        DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    ],
    is_trainable=True,
)
class FastLoadingDIETClassifier(DIETClassifier):
    @classmethod
    def _load_model_class(
        cls,
        tf_model_file: str,
        model_data_example: RasaModelData,
        label_data: RasaModelData,
        entity_tag_specs: list[EntityTagSpec],
        config: dict[str, Any],
        finetune_mode: bool,
    ) -> RasaModel:
        eager = copy.deepcopy(config)
        eager[RUN_EAGERLY] = True
        model = super()._load_model_class(
            tf_model_file, model_data_example, label_data, entity_tag_specs, eager, finetune_mode
        )
        if finetune_mode or config.get(RUN_EAGERLY):
            return model
        model.run_eagerly = False
        warm_up = RasaModelData(
            label_key=model_data_example.label_key,
            data={name: features for name, features in model_data_example.items() if TEXT in name},
        )
        model.run_inference(warm_up)
        return model
