"""Start the action server on 127.0.0.1:5055 (rasa-sdk's own CLI always binds to all interfaces).

The action server has no authentication, so it must never be reachable from outside:
ACTION_SERVER_HOST may change the address only for setups that isolate it otherwise.
"""

import logging
import os

from rasa_sdk.endpoint import create_app

from actions import knowledge, rehearsal, report


def main() -> None:
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "INFO"),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    knowledge.load()  # fail at start, not mid-conversation, when the content is inconsistent
    rehearsal.load()
    report.load_texts()
    app = create_app("actions", cors_origins=[])
    app.run(
        host=os.environ.get("ACTION_SERVER_HOST", "127.0.0.1"),
        port=int(os.environ.get("ACTION_SERVER_PORT", "5055")),
        access_log=False,
        workers=1,
    )


if __name__ == "__main__":
    main()
