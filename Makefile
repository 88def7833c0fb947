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

# The PDFs and the blank Word templates are made by Chromium from the built pages,
# and the lecture slides (.pptx) from the course data, before the ZIP that carries
# them and the validator that checks the links to them.
# The service worker (`sw`, Workbox) comes after every step that writes pages or downloads
# into site/; the .gz copies (nginx gzip_static) after the ZIP, which does not carry them,
# and the worker, which leaves them out.
build: setup browser
	$(PY) -m mkdocs build --strict
	$(PY) -m scripts.handbook pdf checklists site
	$(PY) -m scripts.handbook pdf handouts site
	$(PY) -m scripts.handbook pdf book site
	$(PY) -m scripts.handbook docx site
	$(PY) -m scripts.handbook deck site
	$(PY) -m scripts.handbook work-rules-docx site
	$(PY) -m scripts.handbook zip site
	$(PY) -m scripts.handbook sw site
	$(PY) -m scripts.handbook compress site
	$(PY) -m scripts.handbook check site

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
# halve the run on a 2-core machine. Each worker builds the site once.
test: setup browser lint
	$(PY) -m pytest -n 2 --dist load

bench: setup
	$(PY) -m scripts.handbook bench --pages 100

perf: build browser
	$(PY) -m scripts.handbook perf site

clean:
	rm -rf site site-offline .pytest_cache
