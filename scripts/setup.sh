#!/usr/bin/env bash
# Everything `make run` and `make test` need on a fresh machine: Python 3.10, .venv with the
# pinned packages, and the Dutch spaCy pipeline. Each step is skipped when already up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python310() {
  if [ -n "${PYTHON310:-}" ]; then echo "$PYTHON310"; return; fi
  if command -v pyenv >/dev/null 2>&1; then
    local prefix
    if prefix=$(pyenv prefix 3.10.13 2>/dev/null) && [ -x "$prefix/bin/python" ]; then
      echo "$prefix/bin/python"; return
    fi
  fi
  if command -v python3.10 >/dev/null 2>&1; then command -v python3.10; return; fi
  return 1
}

if [ ! -x .venv/bin/python ]; then
  if ! python=$(find_python310); then
    cat >&2 <<'MSG'
FOUT: Python 3.10 niet gevonden.
Rasa 3.6.21 draait alleen op Python 3.10 (niet op 3.11 of nieuwer).
Installeer het, bijvoorbeeld met `pyenv install 3.10.13` of het pakket python3.10,
of wijs het aan met PYTHON310=/pad/naar/python3.10 make run
MSG
    exit 1
  fi
  if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then
    echo "FOUT: $python is geen Python 3.10." >&2; exit 1
  fi
  echo "==> .venv maken met $python"
  "$python" -m venv .venv
fi

# Reinstall only when the lock file changed since the last successful install.
lock_sum=$(sha256sum requirements.lock | cut -d' ' -f1)
if [ "$(cat .venv/.lock.sha256 2>/dev/null)" != "$lock_sum" ]; then
  echo "==> Pakketten installeren (requirements.lock)"
  start=$(date +%s)
  # This machine's pip config names local mirrors that may be absent; hide that noise only.
  quiet_pip() { .venv/bin/python -m pip install --quiet --disable-pip-version-check "$@" 2>&1 |
    { grep -v "is ignored: it is neither a file nor a directory" || true; }; }
  quiet_pip pip==24.0
  quiet_pip -r requirements.lock
  TF_CPP_MIN_LOG_LEVEL=3 .venv/bin/python -c "import rasa, rasa_sdk, spacy, aiohttp, yaml"
  echo "$lock_sum" > .venv/.lock.sha256
  echo "    klaar in $(( $(date +%s) - start )) s"
fi

.venv/bin/python scripts/build_spacy_pipeline.py

# Website chat: socket.io-client from the npm registry (web/package-lock.json), copied into
# web/static/vendor/ so the page loads nothing from other hosts at run time.
if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "FOUT: npm niet gevonden. Installeer Node.js met npm (bijvoorbeeld het Debian-pakket npm)." >&2
    exit 1
  fi
  echo "==> socket.io-client installeren (npm ci in web/)"
  (cd web && npm ci --no-audit --no-fund --loglevel=error 2>&1 | { grep -v 'Unknown user config' || true; })
fi
mkdir -p web/static/vendor
cp -u web/node_modules/socket.io-client/dist/socket.io.min.js web/static/vendor/

# Debian packages the tests start for real: chromium (browser tests; a test tool's own browser
# download does not work here), redis-server and postgresql (the scale test, tests/e2e/scale/).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo_cmd=(); elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo_cmd=(sudo -n); else
    echo "FOUT: ${missing[*]} ontbreekt en kan niet geïnstalleerd worden (geen root, geen sudo)." >&2
    echo "Installeer de pakketten (apt-get install ${missing[*]}) en probeer opnieuw." >&2
    exit 1
  fi
  echo "==> ${missing[*]} installeren (apt-get)"
  start=$(date +%s)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  echo "    klaar in $(( $(date +%s) - start )) s"
fi
