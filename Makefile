# The two commands: `make run` serves the site with demo content; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test install install-dev messages lint format check serve clean bench bench-search

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Compile the zh_Hans catalog when GNU gettext is present; the committed .mo is used otherwise.
messages: | $(BIN)/python
	@if command -v msgfmt >/dev/null 2>&1; then $(MANAGE) compilemessages --ignore=.venv -v 0; \
	else echo "msgfmt not found: using the committed translation catalog"; fi

run: install messages
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/); emails are printed here"
	@$(MANAGE) send_queued_emails --loop & mailer=$$!; \
	trap 'kill -TERM $$mailer 2>/dev/null' EXIT; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# axe-core for the accessibility checks of the browser journeys (npm registry; pinned in tests/e2e/package.json).
tests/e2e/node_modules/axe-core/axe.min.js: tests/e2e/package.json
	@if command -v npm >/dev/null 2>&1; then cd tests/e2e && npm install --no-audit --no-fund --silent; \
	else echo "npm not found: the accessibility checks will fail (install Node.js and npm)"; fi

test: install-dev messages tests/e2e/node_modules/axe-core/axe.min.js
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# ruff (lint and format) and the import contract of pyproject.toml (import-linter): the core imports no content app.
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install-dev
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=cms.settings.prod DJANGO_SECRET_KEY=check-only-$$(date +%s)-not-a-real-secret-key-0123456789abcdef \
		DJANGO_ALLOWED_HOSTS=invest.example.cn SITE_URL=https://invest.example.cn \
		$(MANAGE) check --deploy --fail-level WARNING

# Production serving: production settings (DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, SITE_URL, DATABASE_URL, REDIS_URL
# from the environment), hashed and compressed static files, gunicorn with workers from the CPU count
# (cms/gunicorn.conf.py), and beside it the mail worker (send_queued_emails --loop): started first, stopped (SIGTERM)
# when gunicorn ends.
serve: install messages
	DJANGO_SETTINGS_MODULE=cms.settings.prod $(MANAGE) collectstatic --noinput -v 0
	DJANGO_SETTINGS_MODULE=cms.settings.prod $(MANAGE) migrate --noinput
	DJANGO_SETTINGS_MODULE=cms.settings.prod $(MANAGE) check --deploy
	@export DJANGO_SETTINGS_MODULE=cms.settings.prod GUNICORN_BIND=$${GUNICORN_BIND:-127.0.0.1:$(PORT)}; \
	$(MANAGE) send_queued_emails --loop & mailer=$$!; \
	$(BIN)/gunicorn -c cms/gunicorn.conf.py cms.wsgi:application & server=$$!; \
	trap 'kill -TERM $$server 2>/dev/null' INT TERM; \
	wait $$server; while kill -0 $$server 2>/dev/null; do wait $$server; done; \
	kill -TERM $$mailer 2>/dev/null; wait $$mailer

# Load benchmark on PostgreSQL + Redis with wrk: 100,000 articles, 5,000 policies (see bench/run.py and README).
bench: install messages
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Search benchmark on PostgreSQL: 100,000 synthetic documents, 33 queries, p50/p95/max (see README).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/cms_bench
bench-search: install
	-psql "$(dir $(BENCH_DATABASE_URL))postgres" -q -c "CREATE DATABASE $(notdir $(BENCH_DATABASE_URL))" 2>/dev/null
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) migrate --noinput -v 0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) bench_search --documents $${DOCUMENTS:-100000}
