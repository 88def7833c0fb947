# Sổ tay Bí thư chi bộ — every docs task has a target here.
#   make serve   set up, build and serve the site on http://127.0.0.1:8000
#   make test    set up (browser included) and run every test
#   make build   build site/ with `mkdocs build --strict`, the checklist PDFs, the
#                whole-book PDFs, the blank Word templates, the lecture slides and the
#                offline ZIP, then validate it
#   make pdf     print the PDFs again (checklists, whole book) into an existing site/
#   make check   validate an existing site/
#   make live    live-reloading preview while editing docs/ and data/
#   make bench   measure build and validator times (writes build/bench.json)
#   make perf    page weight, requests, index and download sizes (writes build/perf.json),
#                then Lighthouse on each kind of page, median of 3 (build/lighthouse.json)

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve live build pdf check test lint browser bench perf clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# `python -m scripts.handbook build` runs every step in order and prints the time of
# each (scripts/handbook/build.py): mkdocs build; then, overlapping, the PDFs (Chromium,
# one browser), the Word files and slides (Python) and the offline copy's own build;
# the ZIP, which carries them; the service worker (Workbox), after every step that
# writes into site/; the .gz and .br copies (nginx gzip_static, brotli_static); the
# validator. Each step also has a command of its own (`python -m scripts.handbook --help`).
build: setup browser
	$(PY) -m scripts.handbook build site

# The PDFs alone, after editing print CSS or data without rebuilding the pages.
pdf: setup browser
	$(PY) -m scripts.handbook pdf checklists site
	$(PY) -m scripts.handbook pdf handouts site
	$(PY) -m scripts.handbook pdf book site
	$(PY) -m scripts.handbook sw site

check: setup
	$(PY) -m scripts.handbook check site

serve: build
	@echo "Serving site/ on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(PY) -m http.server --directory site --bind 127.0.0.1 $(PORT)

live: setup
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:$(PORT)

browser:
	@$(PY) -m scripts.handbook browser

lint: setup
	$(PY) -m ruff check .

# Two workers (pytest-xdist): most tests wait on Chromium, not on the CPU, so two
# halve the run on a 2-core machine. The site is built once for both (a file lock in
# tests/conftest.py); `loadgroup` keeps the tests of one page on one worker, where
# they share one visit of it (tests/e2e/test_pages.py).
test: setup browser lint
	$(PY) -m pytest -n 2 --dist loadgroup

bench: setup
	$(PY) -m scripts.handbook bench --pages 100

perf: build browser
	$(PY) -m scripts.handbook perf site

clean:
	rm -rf site site-offline .pytest_cache
