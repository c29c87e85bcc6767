# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install install-dev messages lint lock

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when a lock file changes. `make run` installs only what runs
# (requirements.txt); the tests and linters add requirements-dev.txt.
$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make run: set up, migrate, load the demo data and start web + Celery worker + beat
run: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Alianza is starting on http://127.0.0.1:8000/ (Ctrl-C stops web, worker and beat)"
	$(BIN)/honcho start

## make test: set up, run the static checks, then the whole suite, browser journeys included
test: lint
	$(BIN)/pytest

## make messages: refresh the es/fr/pt catalogs after changing strings
messages: install-dev
	$(BIN)/python manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=var --ignore=static
	$(BIN)/python manage.py compilemessages --ignore=.venv

## make lint: ruff, mypy, migrations that match the models, and Django's system checks
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null

## make lock: recompile requirements.txt and requirements-dev.txt after changing a pin in a .in file
lock: install-dev
	$(BIN)/uv pip compile -q --python-version 3.11 --no-strip-extras requirements.in -o requirements.txt
	$(BIN)/uv pip compile -q --python-version 3.11 --no-strip-extras requirements-dev.in -o requirements-dev.txt
