"""`make telegram-webhook [WEBHOOK=set|delete|info]`: tell Telegram where the bot's webhook is.

Done on purpose here, not at server start: setting it needs the public HTTPS address, and a
failure must not stop the bot. Reads TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET,
TELEGRAM_WEBHOOK_URL (the full public URL of /webhooks/telegram/webhook) and optionally
TELEGRAM_API_BASE_URL. Prints no token and no secret.
"""

import asyncio
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from channels.telegram_api import DEFAULT_BASE_URL, BotApi  # noqa: E402

ALLOWED_UPDATES = ["message", "callback_query", "edited_message"]
SECRET_FORMAT = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as secret_token


def settings(action: str) -> dict:
    env = {
        name: os.environ.get(name, "").strip()
        for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_WEBHOOK_URL")
    }
    needed = ["TELEGRAM_BOT_TOKEN"] + (
        ["TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_WEBHOOK_URL"] if action == "set" else []
    )
    missing = [name for name in needed if not env[name]]
    if missing:
        sys.exit(f"FOUT: zet eerst {', '.join(missing)} (zie README, Telegram).")
    if action == "set" and not SECRET_FORMAT.match(env["TELEGRAM_WEBHOOK_SECRET"]):
        sys.exit(
            "FOUT: TELEGRAM_WEBHOOK_SECRET mag alleen A-Z, a-z, 0-9, _ en - bevatten (max. 256)."
        )
    # api.telegram.org only calls HTTPS webhooks; a self-hosted Bot API server may call http.
    if (
        action == "set"
        and not env["TELEGRAM_WEBHOOK_URL"].startswith("https://")
        and not os.environ.get("TELEGRAM_API_BASE_URL")
    ):
        sys.exit("FOUT: TELEGRAM_WEBHOOK_URL moet met https:// beginnen (Telegram eist HTTPS).")
    return env


async def run(action: str) -> int:
    env = settings(action)
    api = BotApi(
        env["TELEGRAM_BOT_TOKEN"],
        os.environ.get("TELEGRAM_API_BASE_URL", "").strip() or DEFAULT_BASE_URL,
    )
    try:
        if action == "set":
            result = await api.call(
                "setWebhook",
                url=env["TELEGRAM_WEBHOOK_URL"],
                secret_token=env["TELEGRAM_WEBHOOK_SECRET"],
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=True,
            )
        elif action == "delete":
            result = await api.call("deleteWebhook", drop_pending_updates=True)
        else:
            result = await api.call("getWebhookInfo")
    finally:
        await api.close()
    if result is None:
        print(f"FOUT: Telegram weigerde '{action}' (zie de melding hierboven).", file=sys.stderr)
        return 1
    if action == "info":
        for key in (
            "url",
            "pending_update_count",
            "last_error_date",
            "last_error_message",
            "allowed_updates",
        ):
            print(f"{key}: {result.get(key)}")
    else:
        print(f"webhook {action}: ok")
    return 0


if __name__ == "__main__":
    choice = sys.argv[1] if len(sys.argv) > 1 else "set"
    if choice not in ("set", "delete", "info"):
        sys.exit("gebruik: telegram_webhook.py set|delete|info")
    sys.exit(asyncio.run(run(choice)))
