# The only entry point. Each target installs what it needs; a second run skips what is in place.
#   make serve   build the site and serve it on http://127.0.0.1:8000
#   make test    every test, browser tests included
#   make build   build the site into site/
#   make bench   print speed and size figures
#   make audit   privacy, hostile-input, failure and accessibility tests, with a summary of what they checked
#   make offline build dist/xieshang-huankuan-zhinan-<version>-<date>.zip: the copy anyone can host
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build test bench audit offline clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(CHROMIUM):
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends chromium

site/.built: $(VENV)/.installed node_modules/.installed mkdocs.yml requirements.txt \
             $(shell find docs overrides calculators build_scripts -type f -not -path '*/__pycache__/*' 2>/dev/null)
	$(VENV)/bin/mkdocs build --strict --quiet
	touch $@

build: site/.built

serve: site/.built
	@echo "协商还款指南: http://127.0.0.1:8000/  (Ctrl+C to stop)"
	$(PY) -m http.server 8000 --bind 127.0.0.1 --directory site

test: site/.built $(CHROMIUM)
	$(PY) -m pytest tests

bench: site/.built offline $(CHROMIUM)
	$(PY) build_scripts/bench.py

audit: site/.built $(CHROMIUM)
	$(PY) build_scripts/audit.py

offline: site/.built
	$(PY) build_scripts/make_offline_zip.py

clean:
	rm -rf site dist build .pytest_cache
