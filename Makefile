# Koordinat: `make demo` serves the demo (and runs a worker beside it), `make test` runs every check. Nothing else is needed.
SHELL := /bin/bash
PYTHON ?= python3.11
UV := $(PYTHON) -m uv
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
RUN := $(UV) run --frozen --no-sync
PORT ?= 8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/koordinat
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/koordinat_bench
BENCH_ARGS ?=
PYTEST_ARGS ?=
PROFILE_ARGS ?=

.PHONY: demo test install pdf-libs lint typecheck check-migrations test-sqlite test-postgres postgres browser bench profile messages assets clean

.venv/.installed: pyproject.toml uv.lock
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check 'uv>=0.9,<1'
	$(UV) sync --frozen
	@touch $@

install: .venv/.installed

# WeasyPrint (the PDF papers of meetings) needs Pango from the system.
pdf-libs:
	@ldconfig -p | grep -q libpangoft2-1.0 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0)

# The demo shows visitors' pages (friendly 404 and 500); `DEBUG=1 make demo` shows Django's debug pages.
DEMO := DJANGO_SETTINGS_MODULE=koordinat.config.settings.demo
demo: install pdf-libs
	@mkdir -p var
	$(DEMO) $(RUN) koordinat migrate --no-input
	$(DEMO) $(RUN) koordinat demo-data
	@echo "Koordinat is starting on http://127.0.0.1:$(PORT)/ with a worker beside it (Ctrl+C stops both); mail goes to var/mail/"
	@$(DEMO) $(RUN) koordinat worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(DEMO) $(RUN) koordinat runserver 127.0.0.1:$(PORT)

lint: install
	$(RUN) ruff check src tests bench
	$(RUN) ruff format --check src tests bench

typecheck: install
	$(RUN) mypy src

check-migrations: install
	$(RUN) koordinat makemigrations --check --dry-run --settings=koordinat.config.settings.test

postgres:
	@scripts/ensure-postgres

browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

test-sqlite: install browser pdf-libs
	@echo "=== Test suite on SQLite ==="
	env -u DATABASE_URL $(RUN) pytest -v $(PYTEST_ARGS)

test-postgres: install browser pdf-libs postgres
	@echo "=== Test suite on PostgreSQL ==="
	DATABASE_URL=$(POSTGRES_URL) $(RUN) pytest -v $(PYTEST_ARGS)

# The two databases' suites run side by side, one a core; each one's output is shown when it ends.
test: lint typecheck check-migrations
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

bench: install postgres
	DATABASE_URL=$(BENCH_DATABASE_URL) $(RUN) python bench/run.py $(BENCH_ARGS)

profile: install postgres
	DATABASE_URL=$(BENCH_DATABASE_URL) $(RUN) python bench/page_profile.py $(PROFILE_ARGS) $(URL)

messages: install
	cd src/koordinat && for lang in az ru en; do \
		../../.venv/bin/koordinat makemessages --no-obsolete --no-location -l $$lang -i 'static/*' --settings=koordinat.config.settings.test; done
	cd src/koordinat && ../../.venv/bin/koordinat compilemessages --settings=koordinat.config.settings.test

assets:
	npm ci && npm run build

clean:
	rm -rf .venv var .pytest_cache .mypy_cache .ruff_cache
