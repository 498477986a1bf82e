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

.PHONY: faults node-deps apt-node help run test lint format migrations-check check-compose image-check bench loadtest worker system-deps system-deps-test venv clean messages

help:
	@echo "make run     - set up everything and serve the demo on http://$(HOST):$(PORT)"
	@echo "make test    - lint, migrations check and the whole test suite"
	@echo "make image-check - the image's build steps on a fresh clone, served by gunicorn and crawled"
	@echo "make bench   - benchmarks on a scratch PostgreSQL database with a synthetic national data set;"
	@echo "               writes docs/PERFORMANCE.md (BENCH_ZONES=10 for a quick run; default 185)"
	@echo "make loadtest - only the load test (gunicorn + Redis on loopback) on a scratch database"
	@echo "make worker  - a Celery worker with the job reaper (needs CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0)"
	@echo "make faults  - only the fault tests: kills, outages, backup round trip (make test runs them too)"
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

# The Dockerfile's steps on a fresh clone of what is committed, gunicorn on PostgreSQL and Redis, a crawl (.ci/run).
image-check: system-deps
	bash .ci/image-check

test: venv node-deps system-deps-test messages lint migrations-check check-compose
	$(PY) manage.py check
	$(BIN)/pytest $(PYTEST_ARGS)

# The benchmarks make their own PostgreSQL database (zvp_bench_<pid>) and drop it: DATABASE_URL is never touched.
BENCH_ZONES ?= 185
bench: venv node-deps system-deps messages
	BENCH_ZONES=$(BENCH_ZONES) $(PY) -m benchmarks

loadtest: venv node-deps system-deps messages
	BENCH_ZONES=$(BENCH_ZONES) $(PY) -m benchmarks load

# --beat runs the periodic job reaper (core.tasks.reap_jobs) in the worker; run it in one worker only.
worker: venv system-deps
	$(BIN)/celery -A zvp_portal worker --beat --loglevel=INFO

# The fault tests (tests/faults/): a real worker killed mid-PDF, the broker stopped (a redis-server of their own),
# pg_dump/pg_restore. They need PostgreSQL (DATABASE_URL) and redis-server; `make test` and .ci/run include them.
faults: venv system-deps-test messages
	$(BIN)/pytest -m faults tests/faults $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
