"""Wraps the `on_new_message` that Rasa hands to an input channel with the input guard.

Any channel uses it in its blueprint: `on_new_message = GuardedHandler(on_new_message)`, then
`handler.attach(blueprint)`. Problems get their kind reply straight from the channel (no turn in
the conversation); a cut message gets a note and goes on; a flood is stored without answering
every message; an unexpected error gets the safety reply instead of silence.
"""

import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

from channels import input_guard, shared_state
from runtime import action_fallback, system_messages

logger = logging.getLogger(__name__)
action_fallback.install()  # this module is loaded by the Rasa server, whatever else is


def limiter_from_env() -> input_guard.RateLimiter:
    return input_guard.RateLimiter(
        int(os.environ.get("RATE_LIMIT_MESSAGES", "12")),
        float(os.environ.get("RATE_LIMIT_SECONDS", "15")),
        shared_state.from_environment(),
    )


async def send(output: OutputChannel, recipient: str, name: str) -> None:
    await output.send_response(recipient, system_messages.message(name))


class GuardedHandler:
    def __init__(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        limiter: input_guard.RateLimiter | None = None,
    ) -> None:
        self.on_new_message = on_new_message
        self.limiter = limiter or limiter_from_env()
        self.app: Any = None  # the Sanic app, once the server starts (for its agent)

    def attach(self, blueprint: Any) -> None:
        async def remember_app(app: Any, *_: Any) -> None:
            self.app = app

        blueprint.listener("before_server_start")(remember_app)

    async def __call__(self, message: UserMessage) -> None:
        output, sender = message.output_channel, message.sender_id
        checked = input_guard.check(message.text)
        if checked.problem:
            logger.info("message not passed on: %s", checked.problem)
            await send(output, sender, checked.problem)
            return
        message.text = checked.text
        if checked.cut:
            await send(output, sender, "cut")
        try:
            if self.limiter.allow(sender) or self.app is None:
                await self.on_new_message(message)
            else:
                await self.store_only(message)
                await send(output, sender, "slow_down")
        except Exception as error:  # the user must never be left without an answer
            # the type only: exception texts can quote the message
            logger.error("handling a message failed: %s", type(error).__name__)
            logger.debug("details", exc_info=True)
            await send(output, sender, "action_failed")

    async def store_only(self, message: UserMessage) -> None:
        """Keep a flooded message in the conversation without predicting or running actions."""
        agent = self.app.ctx.agent
        async with agent.lock_store.lock(message.sender_id):
            await agent.processor.log_message(message, should_save_tracker=True)
