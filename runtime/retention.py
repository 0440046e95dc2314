"""How long a conversation is kept: RETENTION_DAYS, default 30. The tracker store purges by it
and the report tells the person by it; kept apart from tracker_store.py so the action server can
read it without loading Rasa."""

import os

DEFAULT_RETENTION_DAYS = 30


def retention_days() -> float:
    return float(os.environ.get("RETENTION_DAYS", DEFAULT_RETENTION_DAYS))
