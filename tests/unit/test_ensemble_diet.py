"""The ensemble DIET (components/ensemble_diet.py), trained for real on a few sentences: its
networks are stored with it, load again, and the intent it gives is the mean of theirs. Fails when
a Rasa upgrade changes how DIET predicts (`_predict`, `i_scores`) or stores its resource."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.ensemble_diet import MEMBERS_DIR, EnsembleDIETClassifier
from components.fast_loading_diet import FastLoadingDIETClassifier

EXAMPLES = {
    "report_online_threat": ["hij dreigt me", "ze bedreigen mij online", "een dreigmail"],
    "report_doxxing": ["mijn adres staat online", "ze delen mijn adres", "adres gelekt"],
    "greet": ["hoi", "hallo", "goedemorgen"],
}
CONFIG = {
    "epochs": 3,
    "constrain_similarities": True,
    "random_seed": 42,
    "extra_seeds": [1, 2],
    "ranking_length": 0,
}


def featurised(texts_by_intent, tokenizer, featurizer, train=False):
    messages = [
        Message(data={TEXT: text, INTENT: intent} if train else {TEXT: text})
        for intent, texts in texts_by_intent.items()
        for text in texts
    ]
    data = TrainingData(messages)
    tokenizer.process_training_data(data)
    if train:
        featurizer.train(data)
    featurizer.process_training_data(data)
    return data


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    context = ExecutionContext(GraphSchema({}), "test")
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    featurizer = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(), storage, Resource("cvf"), context
    )
    data = featurised(EXAMPLES, tokenizer, featurizer, train=True)
    config = {**EnsembleDIETClassifier.get_default_config(), **CONFIG}
    resource = Resource("diet")
    EnsembleDIETClassifier.create(config, storage, resource, context).train(data)
    loaded = EnsembleDIETClassifier.load(config, storage, resource, context)
    return storage, resource, loaded, (tokenizer, featurizer)


def test_every_seed_is_stored_inside_the_ensembles_own_resource(trained):
    storage, resource, _, _ = trained
    with storage.read_from(resource) as path:
        stored = sorted(p.name for p in (path / MEMBERS_DIR).iterdir())
    assert stored == ["seed_1", "seed_2"]


def test_the_loaded_ensemble_has_its_trained_networks(trained):
    _, _, loaded, _ = trained
    assert loaded.model is not None
    assert len(loaded.members) == 2
    assert all(member.model is not None for member in loaded.members)


def test_the_intent_is_the_mean_of_the_networks(trained):
    _, _, loaded, pipeline = trained
    message = featurised({"": ["iemand dreigt mijn adres te delen"]}, *pipeline).training_examples[
        0
    ]
    alone = [FastLoadingDIETClassifier._predict(loaded, message)]
    alone += [member._predict(message) for member in loaded.members]
    per_network = [
        dict(zip(net.index_label_id_mapping.values(), out["i_scores"].flatten(), strict=True))
        for net, out in zip([loaded, *loaded.members], alone, strict=True)
    ]
    loaded.process([message])
    ranking = {r["name"]: r["confidence"] for r in message.get("intent_ranking")}
    assert set(ranking) == set(EXAMPLES)
    for name, confidence in ranking.items():
        assert confidence == pytest.approx(sum(n[name] for n in per_network) / 3, abs=1e-6)
    # The networks differ (else averaging would change nothing): their seeds do.
    assert per_network[0] != per_network[1]


def test_a_stored_model_without_its_networks_does_not_load_as_one_network(trained, tmp_path):
    storage, resource, _, _ = trained
    config = {**EnsembleDIETClassifier.get_default_config(), **CONFIG, "extra_seeds": [1, 3]}
    context = ExecutionContext(GraphSchema({}), "test")
    with pytest.raises(ValueError, match="seed 3"):
        EnsembleDIETClassifier.load(config, storage, resource, context)
