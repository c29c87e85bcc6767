# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install messages lint

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when requirements.txt changes.
$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

## make run: set up, migrate, load the demo data and start web + Celery worker + beat
run: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Alianza is starting on http://127.0.0.1:8000/ (Ctrl-C stops web, worker and beat)"
	$(BIN)/honcho start

## make test: set up and run the whole suite, browser journeys included
test: install
	$(BIN)/pytest

## make messages: refresh the es/fr/pt catalogs after changing strings
messages: install
	$(BIN)/python manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=var --ignore=static
	$(BIN)/python manage.py compilemessages --ignore=.venv

lint: install
	$(BIN)/ruff check .
