# The two commands (README): `make run` builds and serves the site,
# `make test` runs every test. Both set up a fresh machine and are idempotent.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TOOLS := .venv-tools
PORT ?= 8000
# IBM's DMS material beside the repository, served read-only under /data/
# (never copied into dist/), so PROGRAM LOAD boots DMS on the 1130 page.
DATA ?= $(wildcard ../shared/data)
# pyodide-lock (the lockfile tool) needs Python 3.12 or later.
PY312 := $(shell for p in python3.13 python3.12 $$(ls -d $$(pyenv root 2>/dev/null)/versions/3.1[2-9]*/bin/python3 2>/dev/null); do \
           if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then command -v $$p; break; fi; done)

.PHONY: run test build serve setup tools system-deps test-native test-browser test-pyodide bench mutation clean

run: build
	$(PY) build.py serve --no-build --port $(PORT)$(if $(DATA), --data $(DATA))

# Every test must run here: RETRO_REQUIRE_ALL=1 makes a skip a failure
# (tests/conftest.py), so a missing ../shared/data or Chromium says so.
# Two lanes run at once, one a core: the Chromium tests (tests/browser/,
# their output kept in tests/artifacts/browser.log and shown when they end),
# and the native tests followed by the same tests inside Pyodide (which
# reads the FORTH machine the native tests prepared, tests/forth_pair.py).
# Then one line says how many tests ran in each of the three places
# (native, Pyodide, Chromium), from the JUnit XML files.
RESULTS := tests/artifacts
# TEST_WORKERS=auto runs the native tests (not the Chromium ones) in one
# process per core (pytest-xdist, a test file to a process).  The default,
# 0, runs them in one process: the two lanes already use both cores.
TEST_WORKERS ?= 0
test: build system-deps
	@start=$$(date +%s); rc=0; mkdir -p $(RESULTS); \
	setsid $(MAKE) --no-print-directory test-browser > $(RESULTS)/browser.log 2>&1 & lane=$$!; \
	trap 'kill -- -$$lane 2>/dev/null; exit 130' INT TERM; \
	$(MAKE) --no-print-directory test-native || rc=1; \
	$(MAKE) --no-print-directory test-pyodide || rc=1; \
	wait $$lane || rc=1; trap - INT TERM; \
	echo "--- Chromium tests ($(RESULTS)/browser.log)"; cat $(RESULTS)/browser.log; \
	$(PY) tests/summary.py $(RESULTS)/native.xml $(RESULTS)/browser.xml $(RESULTS)/pyodide.xml || rc=1; \
	echo "make test: $$(( $$(date +%s) - start )) s, $$([ $$rc = 0 ] && echo passed || echo FAILED)"; \
	exit $$rc

build: setup tools node_modules/.package-lock.json
	$(PY) build.py

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[desktop,dev]'
	touch $@

tools: $(TOOLS)/.installed

$(TOOLS)/.installed:
	@test -n "$(PY312)" || { echo "make: Python 3.12 or later is needed for pyodide-lock (pyenv install 3.12)"; exit 1; }
	test -x $(TOOLS)/bin/python || $(PY312) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install -q 'pyodide-lock[cli,wheel]==0.2.1'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian's Chromium for the end-to-end tests, Xvfb and Mesa for the pyxel window.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v xvfb-run >/dev/null || missing="$$missing xvfb xauth"; \
	dpkg -s libgl1-mesa-dri >/dev/null 2>&1 || missing="$$missing libgl1-mesa-dri"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get install -y -q $$missing || { $$SUDO apt-get update -q && $$SUDO apt-get install -y -q $$missing; }; \
	fi

# pytest exits 5 when it collected no test: that is a failure here.
test-native:
	@rm -f $(RESULTS)/native.xml
	RETRO_REQUIRE_ALL=1 $(PY) -m pytest -q tests --ignore=tests/browser -n $(TEST_WORKERS) --dist loadfile \
	  --junitxml=$(RESULTS)/native.xml; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make: pytest collected no tests"; exit 1; fi; exit $$rc

test-browser:
	@rm -f $(RESULTS)/browser.xml
	RETRO_REQUIRE_ALL=1 $(PY) -m pytest -q tests/browser --junitxml=$(RESULTS)/browser.xml; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make: pytest collected no Chromium tests"; exit 1; fi; exit $$rc

test-pyodide:
	@rm -f $(RESULTS)/pyodide.xml
	RETRO_REQUIRE_ALL=1 $(PY) tests/pyodide/run.py tests --junitxml=$(RESULTS)/pyodide.xml; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make: no tests ran inside Pyodide"; exit 1; fi; exit $$rc

# Mutation score of the system, the device protocol and the machine's
# save/load (pyproject.toml [tool.mutmut]); not part of `make test`: it
# takes a while.  Prints the counts; `.venv/bin/mutmut results` lists the
# survivors, `.venv/bin/mutmut show NAME` shows one.
mutation: setup
	rm -rf mutants
	$(PY) -m mutmut run --max-children 2 || true
	$(PY) tests/mutation_score.py

bench: build
	$(PY) -m games.bench
	$(PY) tests/pyodide/run.py --exec -m games.bench
	$(PY) tests/browser/bench_renderer.py

clean:
	rm -rf dist .sitecache build *.egg-info mutants
