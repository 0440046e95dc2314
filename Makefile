# The two commands a newcomer needs: `make run` and `make test`. Both set everything up.
SHELL := /bin/bash
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONPATH := $(CURDIR)
export RASA_PORT ?= 5005
export ACTION_SERVER_PORT ?= 5055
export WEB_PORT ?= 8080
# Dependencies (TensorFlow, pkg_resources, jax) warn about their own deprecations; not ours to fix.
export PYTHONWARNINGS := ignore::DeprecationWarning,ignore::PendingDeprecationWarning
VENV := .venv/bin
MODEL := models/weerbaar.tar.gz
TRAINING_INPUTS := config.yml domain.yml $(shell find data components -name '*.yml' -o -name '*.py' 2>/dev/null) build/spacy_nl/meta.json

.PHONY: run test shell train validate lint check-content bench bench-nlu eval-nlu setup lock clean telegram-webhook purge

setup:
	@scripts/setup.sh

$(MODEL): $(TRAINING_INPUTS)
	@echo "==> Model trainen (data of config veranderd)"
	@start=$$(date +%s) && $(VENV)/rasa train --fixed-model-name weerbaar --out models --quiet && \
	  echo "    training klaar in $$(( $$(date +%s) - start )) s" && touch $(MODEL)

train: setup
	@$(MAKE) --no-print-directory $(MODEL)

run: train
	@mkdir -p reports; $(VENV)/python scripts/run_bot.py

shell: train
	@mkdir -p reports; $(VENV)/python scripts/action_server.py > reports/action_server.log 2>&1 & pid=$$!; \
	  trap "kill $$pid" EXIT; $(VENV)/rasa shell -m $(MODEL) --endpoints endpoints.yml

lint: setup
	@$(VENV)/ruff check . && $(VENV)/ruff format --check .

# For content editors: every knowledge file loads, has sources and check dates, and names only
# phone numbers and web addresses from ../shared/domain/FACTS.md.
check-content: setup
	@$(VENV)/python scripts/check_content.py

validate: setup
	@$(VENV)/rasa data validate --fail-on-warnings

test: setup
	@scripts/test.sh

bench: train
	@mkdir -p reports; $(VENV)/python scripts/bench.py

bench-nlu: setup
	@$(VENV)/python scripts/bench_nlu.py

# The held-out files, then 5-fold cross-validation over data/nlu (slow: five trainings, 20 min
# on a quiet 2-core machine; not part of `make test`).
# Reports and Rasa's confusion matrices and histograms go to reports/nlu/.
eval-nlu: train
	@$(VENV)/python scripts/evaluate_nlu.py --plots --no-gate
	@echo "==> 5-fold cross-validation (rasa test nlu --cross-validation)"
	@start=$$(date +%s) && rm -rf reports/nlu/cross_validation && \
	  $(VENV)/rasa test nlu --nlu data/nlu --config config.yml --cross-validation --folds 5 \
	    --out reports/nlu/cross_validation --quiet > reports/nlu/cross_validation.log 2>&1 && \
	  echo "    klaar in $$(( $$(date +%s) - start )) s" && \
	  $(VENV)/python scripts/evaluate_nlu.py --cross-validation reports/nlu/cross_validation

lock:
	@$(VENV)/pip freeze --exclude-editable | sort -f | sed '1i # Generated from requirements.in by '"'"'make lock'"'"' on Python 3.10; do not edit by hand.' > requirements.lock

clean:
	rm -rf models build reports .rasa

# Set (default), delete or show the Telegram webhook: make telegram-webhook [WEBHOOK=delete|info]
telegram-webhook: setup
	@$(VENV)/python scripts/telegram_webhook.py $(or $(WEBHOOK),set)

purge: setup
	@$(VENV)/python scripts/purge.py
