# Two commands for a fresh machine (README): `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

.PHONY: run test lint bench system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

## Install and start the app on the built-in demo scorecard (http://localhost:$(PORT)).
run: $(VENV)/.runtime
	$(BIN)/streamlit run app.py --server.port $(PORT)

## Debian's chromium (browser tests; never `playwright install`) and postgresql (storage tests).
system-deps:
	@need=""; command -v chromium >/dev/null 2>&1 || need="$$need chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$$need postgresql"; \
	if [ -n "$$need" ]; then echo "apt-get install$$need"; apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need >/dev/null; fi

lint: $(VENV)/.dev
	$(BIN)/ruff check .

## Install what tests need and run the whole suite (domain, AppTest, browser).
test: $(VENV)/.dev system-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

## Benchmarks (not part of make test): writes docs/benchmarks.md and bench/results.json.
bench: $(VENV)/.dev system-deps
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-output
