"""`make run`: start both servers, say where to talk to the bot, keep running until Ctrl-C."""

import json
import os
import signal
import sys
import time

from servers import (
    ACTION_SERVER_URL,
    RASA_URL,
    ROOT,
    WEB_URL,
    action_server_command,
    auth_token,
    rasa_command,
    start,
    stop,
    wait_for,
    web_command,
)


def main() -> int:
    token = auth_token()
    if not os.environ.get("RASA_AUTH_TOKEN"):
        print(f"RASA_AUTH_TOKEN was niet gezet; voor deze sessie gemaakt: {token}")
    logs = ROOT / "reports"
    actions = start(action_server_command(), open(logs / "action_server.log", "w"))
    began = time.time()
    rasa = start(rasa_command(token), open(logs / "rasa_server.log", "w"))
    website = start(web_command(), open(logs / "web_server.log", "w"))
    try:
        wait_for(f"{WEB_URL}/", 30, website)
        wait_for(f"{ACTION_SERVER_URL}/health", 60, actions)
        wait_for(f"{RASA_URL}/", 180, rasa)
        wait_for(f"{RASA_URL}/status?token={token}", 180, rasa)
    except (RuntimeError, TimeoutError) as error:
        print(
            f"FOUT bij het starten: {error}. Zie reports/action_server.log en reports/rasa_server.log."
        )
        stop(website), stop(rasa), stop(actions)
        return 1
    meta = json.loads((ROOT / "build" / "spacy_nl" / "meta.json").read_text())
    print(
        f"""
De bot draait (klaar in {time.time() - began:.0f} s).
  spaCy-pijplijn:  {meta["lang"]}_{meta["name"]} {meta["version"]}
  REST:            POST {RASA_URL}/webhooks/rest/webhook  {{"sender": "ik", "message": "hallo"}}
  socket.io:       {RASA_URL}/socket.io
  Website-chat:    {WEB_URL}/  (demopagina met de chat)
  HTTP API:        {RASA_URL}/status?token=…  (token: RASA_AUTH_TOKEN)
  Actieserver:     {ACTION_SERVER_URL} (alleen lokaal)
  Logs:            reports/rasa_server.log, reports/action_server.log, reports/web_server.log
Probeer:  curl -s -X POST {RASA_URL}/webhooks/rest/webhook -d '{{"sender":"ik","message":"hallo"}}'
Stoppen met Ctrl-C.""",
        flush=True,
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while rasa.poll() is None and actions.poll() is None and website.poll() is None:
            time.sleep(1)
        print("Een server is gestopt; zie reports/*.log.")
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop(website), stop(rasa), stop(actions)


if __name__ == "__main__":
    sys.exit(main())
