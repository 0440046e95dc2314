"""When the action server is down or slow, answer with the safety essentials instead of silence.

What Rasa 3.6 does by itself: RemoteAction.run raises (connection refused, HTTP 5xx) or waits up
to 5 minutes (DEFAULT_REQUEST_TIMEOUT); MessageProcessor._run_action catches the exception, logs
it, drops the action's events and predicts on, usually straight to action_listen. The user then
gets no reply at all. There is no setting for this, and Rasa builds RemoteAction itself
(action_for_name_or_text), so install() swaps in this subclass in that module. It only changes
the failure path: a rejection (HTTP 400, used by forms) still goes to Rasa as before, and the
slots stay as they were, so the conversation goes on once the action server is back. The same
subclass checks responses with a compiled validator (runtime/action_response_validation.py).
"""

import asyncio
import logging
import os
from typing import Any

import aiohttp
import rasa.core.actions.action as rasa_action
from rasa.shared.core.events import BotUttered, Event
from rasa.shared.exceptions import RasaException

from runtime import action_response_validation, system_messages

logger = logging.getLogger(__name__)
DEFAULT_TIMEOUT_SECONDS = 15.0
# Rasa runs the slot validation (actions/slot_validation.py) after every message, before it
# predicts anything. It sharpens the role; it must never delay or precede the 112 reply. So it
# gets a short wait, and when it fails the message goes on silently with Rasa's own slots.
SLOT_VALIDATION = rasa_action.ACTION_VALIDATE_SLOT_MAPPINGS
SLOT_VALIDATION_TIMEOUT_SECONDS = 2.0


def timeout_seconds() -> float:
    return float(os.environ.get("ACTION_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS))


def failure_events() -> list[Event]:
    message = system_messages.message("action_failed")
    return [BotUttered(message.pop("text"), data=message)]


class FallbackRemoteAction(rasa_action.RemoteAction):
    # The one Rasa class this project replaces also gets the compiled response check.
    _validate_action_result = action_response_validation.validate_action_response

    async def run(self, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> list[Event]:
        validation = self.name() == SLOT_VALIDATION
        wait = timeout_seconds()
        if validation:
            wait = min(wait, SLOT_VALIDATION_TIMEOUT_SECONDS)
        try:
            return await asyncio.wait_for(super().run(output_channel, nlg, tracker, domain), wait)
        except rasa_action.ActionExecutionRejection:
            raise
        except (RasaException, aiohttp.ClientError, asyncio.TimeoutError, OSError) as error:
            if validation:
                logger.warning(
                    "slot validation failed (%s); slots as Rasa set them", type(error).__name__
                )
                return []
            logger.error(
                "custom action %s failed (%s); sent the fallback reply",
                self.name(),
                type(error).__name__,
            )
            return failure_events()


def install() -> None:
    """Make Rasa build FallbackRemoteAction for custom actions (idempotent), and read the
    fallback texts now: a content error must stop the server at start, not turn the fallback
    reply itself into an error (and the user's answer into nothing) in the middle of an outage."""
    rasa_action.RemoteAction = FallbackRemoteAction
    system_messages.messages()
