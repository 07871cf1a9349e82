# The daily commands. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Every installed package, direct and indirect, pinned with its hashes (README « Dependencies »).
LOCK := requirements.lock

.PHONY: venv run migrate seed test test-e2e lint format quality chromium clean lock

# Re-installed whenever the lock (or pyproject.toml) changes. The lock holds the build backend
# (setuptools) too, so the project itself installs with --no-build-isolation, fetching nothing.
$(BIN)/.installed: $(LOCK) pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/pip check
	touch $@

venv: $(BIN)/.installed

migrate: venv
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

run: seed
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: venv
	$(BIN)/pytest -n 2 --dist loadfile

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's Chromium for the browser tests…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

test-e2e: venv chromium
	$(BIN)/pytest tests/e2e -p no:xdist --override-ini addopts="--strict-markers -p no:cacheprovider"

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

quality: lint
	$(BIN)/lint-imports --no-cache
	$(BIN)/python manage.py makemigrations --check --dry-run

# Regenerate the lock after a change of pyproject.toml's dependencies (README « Dependencies »).
# pip-tools is a tool, not a dependency: it gets a throw-away virtualenv of its own in tmp/.
lock:
	$(PYTHON) -m venv tmp/pip-tools
	tmp/pip-tools/bin/pip install --quiet pip-tools==7.7.0
	tmp/pip-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
		--strip-extras --extra dev --all-build-deps --no-emit-index-url --no-emit-find-links \
		--output-file $(LOCK) pyproject.toml

clean:
	rm -rf $(VENV) staticfiles tmp

# The hot pages at national scale (bench/README.md); e.g.
# make bench BENCH_ARGS="--database postgres://postgres@127.0.0.1:5432/duoday_bench"
.PHONY: bench
bench: venv
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# « Importer des offres » with a 5,000-row file (bench/README.md), e.g.
# make bench-import BENCH_ARGS="--database postgres://postgres@127.0.0.1:5432/duoday_bench"
.PHONY: bench-import
bench-import: venv
	$(BIN)/python bench/import_offers.py $(BENCH_ARGS)

# The load benchmark (bench/README.md): gunicorn + wrk on the national-scale data in
# PostgreSQL `duoday_bench_load`, writes bench/RESULTS.md; never part of `make test`.
# make bench-load BENCH_ARGS="--reuse"   (the data seeded once, reused after)
.PHONY: wrk bench-load bench-transitions
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
		echo "Installing Debian's wrk for the load benchmark…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

bench-load: venv wrk
	$(BIN)/python bench/load.py $(BENCH_ARGS)

# Transitions per second with 1, 2, 4 and 16 concurrent SAs (bench/transitions.py).
bench-transitions: venv
	$(BIN)/python bench/transitions.py $(BENCH_ARGS)
