#!/usr/bin/env bash
# The whole suite, in the order of the design: lint, content check, unit tests, data validation, training, test
# stories, held-out NLU evaluation, end-to-end over the real servers. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
# Run through `make test`: the Makefile exports the environment (no telemetry, PYTHONPATH, ...).
VENV=.venv/bin
mkdir -p reports
passed=0
step() {
  echo; echo "==> $1"; shift
  local start=$(date +%s)
  "$@"
  passed=$((passed + 1))
  echo "    ok in $(( $(date +%s) - start )) s"
}
# pytest exits 5 when it collects no tests; `set -e` turns that into a failure too.
step "Lint and format (ruff check, ruff format --check)" make --no-print-directory lint
step "Content (make check-content)" $VENV/python scripts/check_content.py
step "Unit tests (pytest)" $VENV/pytest -q tests/unit
step "Training data (rasa data validate --fail-on-warnings)" $VENV/rasa data validate --fail-on-warnings --quiet
step "Model (train when data or config changed)" make --no-print-directory models/weerbaar.tar.gz
step "Test stories (rasa test core --fail-on-prediction-errors)" \
  $VENV/rasa test core --stories tests/stories --model models/weerbaar.tar.gz \
    --fail-on-prediction-errors --out reports/core --quiet
step "Held-out NLU evaluation (heldout.yml and the five blind files in tests/nlu)" $VENV/python scripts/evaluate_nlu.py
step "End to end: real Rasa and action servers" $VENV/pytest -q tests/e2e
echo
echo "make test: $passed passed, 0 failed"
