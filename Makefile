# The only entry point. Each target installs what it needs; a second run skips what is in place.
#   make serve   build the site and serve it on http://127.0.0.1:8000 (precompressed files, a host's headers)
#   make serve-nginx PORT=8080   the same with Debian's nginx and deploy/nginx.conf, in the foreground
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
NGINX := /usr/sbin/nginx
NGINX_BROTLI := /usr/share/nginx/modules-available/mod-http-brotli-static.conf
CADDY := /usr/bin/caddy
PORT ?= 8080
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve serve-nginx build test bench audit offline clean

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

# Debian's nginx with its brotli module (for deploy/nginx.conf's brotli_static), and Debian's caddy:
# the deploy tests serve the site with each. On a machine with services, apt starts both on port 80.
$(NGINX) $(NGINX_BROTLI) &:
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends nginx libnginx-mod-http-brotli-static

$(CADDY):
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends caddy \
	  || echo "caddy could not be installed: tests/browser/test_deploy.py skips its Caddy checks and says so"

site/.built: $(VENV)/.installed node_modules/.installed mkdocs.yml requirements.txt \
             $(shell find docs overrides calculators build_scripts -type f -not -path '*/__pycache__/*' 2>/dev/null)
	$(VENV)/bin/mkdocs build --strict --quiet
	touch $@

build: site/.built

serve: site/.built
	$(PY) build_scripts/serve_site.py --directory site --port 8000

serve-nginx: site/.built $(NGINX) $(NGINX_BROTLI)
	$(PY) build_scripts/serve_nginx.py --port $(PORT)

test: site/.built $(CHROMIUM) $(NGINX) $(NGINX_BROTLI) $(CADDY)
	$(PY) -m pytest tests

bench: site/.built offline $(CHROMIUM)
	$(PY) build_scripts/bench.py

audit: site/.built $(CHROMIUM)
	$(PY) build_scripts/audit.py

offline: site/.built
	$(PY) build_scripts/make_offline_zip.py

clean:
	rm -rf site dist build .pytest_cache
