# Two commands matter: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Two locks (README "Dependencies"): requirements.txt is the runtime, what `make serve`
# and a production install take; requirements-dev.txt adds the tests and tools.
STAMP := $(VENV)/.installed-stamp
RUNTIME_STAMP := $(VENV)/.runtime-stamp
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check
LOCK := $(VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes --custom-compile-command "make lock"

.PHONY: run serve test test-heavy lint lock catalogue messages backup bench bench-load bench-scale bench-reset bench-import clean

# Reinstall only when a lock changes, so re-running is fast.
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $(STAMP) $(RUNTIME_STAMP)

# The runtime lock only: no pytest, Playwright or ruff on a server.
$(RUNTIME_STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	touch $(RUNTIME_STAMP)

# Recompile both locks from requirements.in and requirements-dev.in (every
# transitive version pinned, with hashes). `make lock ARGS=--upgrade` also moves
# the packages the .in files do not pin to their newest versions.
lock: $(STAMP)
	$(LOCK) $(ARGS) requirements.in -o requirements.txt
	$(LOCK) $(ARGS) requirements-dev.in -o requirements-dev.txt

# `make run` is for a developer's machine: debug on unless the environment says otherwise.
run: export DJANGO_DEBUG ?= true
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_catalogue --if-empty
	$(PY) manage.py runserver 127.0.0.1:8000

# The app as production runs it: gunicorn, debug off, on $$PORT (bin/serve says more).
serve: $(RUNTIME_STAMP)
	bin/serve

# One test process per core (pytest-xdist); three on two cores measured slower (see the README).
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

# Back up the database DATABASE_URL names, online, into backups/ (or BACKUP=path); README "Backup and restore".
backup: $(RUNTIME_STAMP)
	$(PY) manage.py backup $(or $(BACKUP),backups/)

# The benchmarks; each writes its figures into bench/README.md.
bench: bench-load bench-scale bench-reset bench-import

bench-load: $(STAMP)
	$(PY) bench/run.py

bench-scale: $(STAMP)
	$(PY) bench/scale.py

bench-reset: $(STAMP)
	$(PY) bench/reset_timing.py

# 16 people answering while a 10x catalogue is imported: how long does an answer wait?
bench-import: $(STAMP)
	$(PY) bench/import_stall.py

clean:
	rm -rf $(VENV) .pytest_cache db.sqlite3 staticfiles
