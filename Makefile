# Two commands matter: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run serve test test-heavy lint catalogue messages bench bench-load bench-scale clean

# Reinstall only when requirements.txt changes, so re-running is fast.
$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

# `make run` is for a developer's machine: debug on unless the environment says otherwise.
run: export DJANGO_DEBUG ?= true
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_catalogue --if-empty
	$(PY) manage.py runserver 127.0.0.1:8000

# The app as production runs it: gunicorn, debug off, on $$PORT (bin/serve says more).
serve: $(STAMP)
	bin/serve

# One test process per core (pytest-xdist): the suite stays well under five minutes.
test: $(STAMP)
	$(PY) -m pytest -n auto

# The 10x catalogue and load-shaped tests; .ci/run runs them once, on PostgreSQL.
test-heavy: $(STAMP)
	$(PY) -m pytest -n auto -m heavy

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Reload the seed catalogue over the current one (admin edits to seeded entries are replaced).
catalogue: export DJANGO_DEBUG ?= true
catalogue: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_catalogue

# Refresh and compile the Chinese translations (needs GNU gettext).
messages: export DJANGO_DEBUG ?= true
messages: $(STAMP)
	$(PY) manage.py makemessages -l zh_Hans --no-obsolete --ignore=.venv --ignore=tests --ignore=bench
	$(PY) manage.py compilemessages -l zh_Hans --ignore=.venv

# Both benchmarks; each writes its figures into bench/README.md.
bench: bench-load bench-scale

bench-load: $(STAMP)
	$(PY) bench/run.py

bench-scale: $(STAMP)
	$(PY) bench/scale.py

clean:
	rm -rf $(VENV) .pytest_cache db.sqlite3 staticfiles
