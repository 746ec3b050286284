# The thaw report. `make book` builds the HTML book; `make test` runs every test.
# Both set up everything they need on a fresh machine with Python 3.11, make and apt.

PYTHON  ?= python3.11
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
BOOK    := _build/html/index.html
JB_FLAGS := -n -W --keep-going
NOTEBOOKS := index.ipynb $(wildcard chapters/*.ipynb)
export PYTHONHASHSEED := 0

.PHONY: book test unit lint exports refresh bench lock browser clean help pdf lab

help:
	@echo "make book     build the HTML book into _build/html (strict; re-executes what changed)"
	@echo "make test     run unit, data, notebook (nbval), build and browser tests (what CI runs)"
	@echo "make unit     run only the unit and data tests: no build, no browser, no notebook"
	@echo "make lint     check the code with ruff (lint rules and formatting)"
	@echo "make exports  regenerate the exports under data/ (CAMEO, EDTF, PLOVER, FollowTheMoney)"
	@echo "make refresh  re-execute every notebook in place, storing its outputs"
	@echo "make bench    benchmark builds and page weights (ratios)"
	@echo "make pdf      build the single-page book and print it with Chromium into _build/pdf/thaw-report.pdf"
	@echo "make lab      open the book in JupyterLab with the project's kernel (installs jupyterlab on first use)"

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# The findings register is computed once, then stale notebooks execute, concurrently, one kernel per
# core (jupyter-cache's temp-parallel executor; thawbook.book.execute), into the execution cache;
# Sphinx then reads cached results only.
book: $(STAMP)
	$(BIN)/jupyter-book build . --builder html $(JB_FLAGS)
	@test -f $(BOOK)

# Debian's chromium for the browser tests; never a browser download of playwright's own. The
# accessibility tests inject the current axe-core (pinned), installed once into the venv.
AXE_VERSION := 4.14.1
AXE := $(VENV)/axe/node_modules/axe-core/axe.min.js
# A tool that is missing and cannot be installed stops here with one line that says what to do.
browser: $(AXE)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then { apt-get update -qq && apt-get install -y -qq chromium; } >/dev/null 2>&1 || { \
	    echo "chromium is missing and 'apt-get install -y chromium' failed: install it (or put chromium on PATH), then run make again" >&2; exit 1; }; \
	  else echo "chromium is missing: run 'sudo apt-get install -y chromium', then run make again" >&2; exit 1; fi; }

# npm comes from apt, like chromium, on a machine that lacks it.
$(AXE):
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then { apt-get update -qq && apt-get install -y -qq npm; } >/dev/null 2>&1 || { \
	    echo "npm is missing and 'apt-get install -y npm' failed: install it (or put npm on PATH), then run make again" >&2; exit 1; }; \
	  else echo "npm is missing: run 'sudo apt-get install -y npm', then run make again" >&2; exit 1; fi; }
	npm install --silent --no-audit --no-fund --prefix $(VENV)/axe axe-core@$(AXE_VERSION)
	@test -f $@

# The suite runs on two xdist workers. --dist loadfile keeps each file on one worker: a
# notebook's cells run in order in one kernel (nbval), and a module's build fixture (one
# throwaway copy per file, never the shared _build) is built once. The copies start from the
# execution cache of the book just built, so they execute only what their own changes make
# stale; nbval executes every notebook once more and compares every output exactly.
TEST_FLAGS ?= -n 2 --dist loadfile

# nbval compares every stored output exactly: chart ids are derived from the chart spec
# (thawbook.charts.theme), so nothing in a notebook's output is random and nothing is sanitized.
test: $(STAMP) lint browser book
	$(BIN)/python -m pytest tests $(NOTEBOOKS) --nbval --nbval-current-env -p no:cacheprovider --durations=15 $(TEST_FLAGS)

# The quick loop: unit and data tests only (tiers by folder, conftest.py). Needs no book and starts
# no kernel. Its tests are independent of one another, so xdist hands them out one by one.
UNIT_FLAGS ?= -n 2 --dist load
unit: $(STAMP)
	$(BIN)/python -m pytest tests -m unit -p no:cacheprovider $(UNIT_FLAGS)

# ruff, pinned in requirements.lock, configured in pyproject.toml.
LINT_PATHS := thawbook tests conftest.py
lint: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

# The generated files under data/ (marked "thawbook:generated" in data/datapackage.json).
exports: $(STAMP)
	$(BIN)/python -m thawbook.exports

refresh: $(STAMP)
	$(BIN)/python -m thawbook.tasks.refresh $(NOTEBOOKS)

bench: $(STAMP) browser
	$(BIN)/python -m thawbook.tasks.bench

lock:
	rm -rf /tmp/thawbook-lock && $(PYTHON) -m venv /tmp/thawbook-lock
	/tmp/thawbook-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Exact pins for everything that can change a notebook output or a test result."; \
	  echo "# Generated by 'make lock' from requirements.in on Python 3.11."; \
	  /tmp/thawbook-lock/bin/pip freeze --exclude-editable; } > requirements.lock

# The PDF edition: the single-page HTML build (strict), printed offline by Debian's chromium.
pdf: $(STAMP) browser
	$(BIN)/python -m thawbook.tasks.pdf

# JupyterLab on the book; the notebooks' python3 kernel is the venv's python, since jupyter-lab
# runs from the venv. jupyterlab is not in the lock (the book does not need it): it is installed
# on first use only, constrained by the lock so that nothing the book pins is upgraded.
# Jupyter refuses to run as root unless told; these machines (and CI) run as root.
LAB_FLAGS ?= --no-browser
LAB_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
lab: $(STAMP)
	@test -x $(BIN)/jupyter-lab || $(BIN)/pip install --quiet --disable-pip-version-check --constraint requirements.lock jupyterlab
	$(BIN)/jupyter-lab $(LAB_FLAGS) $(LAB_ROOT) --notebook-dir=.

clean:
	rm -rf _build
