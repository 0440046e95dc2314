"""The shape of the project's own NLU steps: not trained, each changes every parsed message in
place (components/button_titles.py, components/safety_net.py)."""

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message


class MessageStep(GraphComponent):
    """Subclasses register with DefaultV1Recipe and give `apply(message)`."""

    @staticmethod
    def apply(message: Message) -> None:
        raise NotImplementedError

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "MessageStep":
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self.apply(message)
        return messages
