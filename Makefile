# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Where the development server listens, as others reach it: `make run HOST=192.168.1.20:8000`.
# The links in e-mails (SITE_URL) and the accepted host names follow it.
HOST ?= 127.0.0.1:8000
SITE_URL ?= http://$(HOST)
# A development checkout needs no .env: these are the only variables it sets.
DEV_ENV := DEBUG=1 SITE_URL=$(SITE_URL) ALLOWED_HOSTS=127.0.0.1,localhost,$(firstword $(subst :, ,$(HOST)))

.PHONY: run manage test install install-dev translations assets clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Start the portal with demo data on the embedded SQLite database.
run: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEV_ENV) $(BIN)/python manage.py seed_demo
	@echo "Open $(SITE_URL)/ and log in with one of the demo users above."
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST)

# Any management command on the development checkout, with the same settings as `make run`:
# make manage ARGS="send_reminders --dry-run"
manage: install
	@$(DEV_ENV) $(BIN)/python manage.py $(ARGS)

# Run the whole suite (browser tests skip with a message if Chromium is missing).
# A development checkout keeps its PostgreSQL test database between runs (--reuse-db: no database to
# create, migrate and drop each time; new migrations still apply); `make test TEST_DB=--create-db`
# builds it afresh, as after switching to a branch whose migrations differ. CI (CI set) always builds
# a fresh one.
TEST_DB ?= $(if $(CI),--create-db,--reuse-db)
# One test process per core, at most 8 (pytest-xdist); each has its own test database and its own Redis
# database (khuyenhoc/test_settings.py). A module's tests run in one process, so what a module builds
# once is built once. `make test WORKERS=0` runs everything in one process, as under a debugger.
WORKERS ?= auto
PARALLEL := $(if $(filter 0,$(WORKERS)),,-n $(WORKERS) --maxprocesses 8 --dist loadscope)
test: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest $(PARALLEL) $(TEST_DB) $(PYTEST_ARGS)

# Refresh the Vietnamese catalogue after changing texts; needs GNU gettext.
translations: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l vi --no-location --no-obsolete \
		-i ".venv/*" -i "node_modules/*" -i "staticfiles/*"
	DEBUG=1 $(BIN)/python manage.py compilemessages -l vi

# Re-vendor third-party front-end assets from npm (pinned in package.json).
assets:
	npm ci --no-audit --no-fund
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map \
		node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map \
		node_modules/bootstrap/LICENSE static/vendor/bootstrap/
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/htmx.org/LICENSE static/vendor/htmx/
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map node_modules/chart.js/LICENSE.md static/vendor/chartjs/

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

# The national benchmark: its own PostgreSQL database with the national data set (about 10 minutes
# the first time on 2 cores, then skipped), ANALYZE, the portal under gunicorn with 2 workers and DEBUG
# off, Redis as the cache on a database number of its own, pages over HTTP beside their bare SQL; then
# the period exports of ~3,400 units and the busiest reminder day (each in a throwaway database beside
# BENCH_DATABASE_URL's, dropped at the end: the data set is left as it was), and the plan parser.
#   make bench BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/khuyenhoc_bench20 BENCH_YEARS=20
# measures a data set with twice the history; BENCH_2X_DATABASE_URL=... measures both in one run
# (loaded with BENCH_2X_YEARS, twice BENCH_YEARS) and sets the pages side by side. BENCH_LOAD=0
# measures the databases as they are (no migrate, no seed_demo).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/khuyenhoc_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/15
BENCH_YEARS ?= 10
BENCH_2X_DATABASE_URL ?=
BENCH_2X_YEARS ?= $(shell echo $$(( $(BENCH_YEARS) * 2 )))
BENCH_LOAD ?= 1
# Create the database of $(1) if missing, migrate it, load the national data set of $(2) years.
define bench_load
	$(BIN)/python -c "import dj_database_url, psycopg2; c = dj_database_url.parse('$(1)'); \
		conn = psycopg2.connect(dbname='postgres', user=c['USER'], host=c['HOST'], port=c['PORT'] or 5432, password=c['PASSWORD'] or None); \
		conn.autocommit = True; cur = conn.cursor(); cur.execute('SELECT 1 FROM pg_database WHERE datname = %s', [c['NAME']]); \
		cur.fetchone() or cur.execute('CREATE DATABASE \"%s\"' % c['NAME'])"
	DATABASE_URL=$(1) DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DATABASE_URL=$(1) DEBUG=1 $(BIN)/python manage.py seed_demo --scale national --years $(2)
endef
bench: install
ifeq ($(BENCH_LOAD),1)
	$(call bench_load,$(BENCH_DATABASE_URL),$(BENCH_YEARS))
ifneq ($(BENCH_2X_DATABASE_URL),)
	$(call bench_load,$(BENCH_2X_DATABASE_URL),$(BENCH_2X_YEARS))
endif
endif
	DATABASE_URL=$(BENCH_DATABASE_URL) BENCH_2X_DATABASE_URL=$(BENCH_2X_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) \
		$(BIN)/python benchmarks/bench_pages.py
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) $(BIN)/python benchmarks/bench_exports.py
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) $(BIN)/python benchmarks/bench_reminders.py
	$(BIN)/python benchmarks/bench_importer.py
