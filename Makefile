# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages the portal needs at run time (WeasyPrint's Pango, gettext's msgfmt for translations).
APT_RUNTIME := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext fonts-dejavu-core
# Debian packages the checks need (pdftotext for reading generated PDFs, docker-compose to validate the compose file,
# Chromium and its driver for the browser tests in tests/browser/: Playwright drives this Chromium, never a download).
APT_TEST := poppler-utils docker-compose chromium chromium-driver

.PHONY: node-deps apt-node help run test lint format migrations-check check-compose bench worker system-deps system-deps-test venv clean messages

help:
	@echo "make run     - set up everything and serve the demo on http://$(HOST):$(PORT)"
	@echo "make test    - lint, migrations check and the whole test suite"
	@echo "make bench   - benchmarks (timings, never asserted in tests)"
	@echo "make worker  - a Celery worker (needs CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0)"
	@echo "make format  - reformat the code with ruff"

# Installs the Debian packages that are missing (as root, or through sudo when available).
define apt_install
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

system-deps:
	$(call apt_install,$(APT_RUNTIME))

system-deps-test: system-deps
	$(call apt_install,$(APT_TEST))

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

# Front-end libraries from the npm registry (served from static/vendor/, see settings).
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || $(MAKE) --no-print-directory apt-node
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

node-deps: $(NODE_STAMP)

apt-node:
	$(call apt_install,nodejs npm)

messages: venv system-deps
	$(PY) manage.py compilemessages --ignore=.venv -v0

run: venv node-deps system-deps messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_crime_categories
	$(PY) manage.py load_demo --with-users
	$(PY) manage.py generate_documents
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: venv
	$(PY) manage.py makemigrations --check --dry-run

check-compose: system-deps-test
	DJANGO_SECRET_KEY=compose-config-check docker-compose -f docker-compose.yml config -q

test: venv node-deps system-deps-test messages lint migrations-check check-compose
	$(PY) manage.py check
	$(BIN)/pytest $(PYTEST_ARGS)

bench: venv system-deps messages
	$(PY) -m benchmarks

worker: venv system-deps
	$(BIN)/celery -A zvp_portal worker --loglevel=INFO

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
