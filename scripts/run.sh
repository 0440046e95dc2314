#!/usr/bin/env bash
# Start the action server and Rasa, print where to talk to the bot, stop both on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
if [ -z "${RASA_AUTH_TOKEN:-}" ]; then
  RASA_AUTH_TOKEN=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(24))')
  echo "RASA_AUTH_TOKEN was niet gezet; voor deze sessie gemaakt: $RASA_AUTH_TOKEN"
fi
export RASA_AUTH_TOKEN
exec .venv/bin/python scripts/run_bot.py
