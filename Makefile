# The two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/council
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist); each gets its own test database. TEST_WORKERS=0 runs in one.
TEST_WORKERS ?= 2
# The address that links in mail, PDFs, QR codes, the iCal feed and signed record books carry:
# the one `make run` serves unless SITE_URL is set (behind a proxy, say).
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: compilemessages run test lint typecheck contract pytest pytest-sqlite pytest-postgres messages bench \
	setup setup-dev secrets migrate demo clean lock upgrade smoke restore-drill pytest-topology \
	load pytest-federation federation-demo

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The locks (requirements*.txt) pin every package with its hashes; pip installs nothing else.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q --require-hashes -r requirements-dev.txt
	touch $(VENV)/.installed $@

setup: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev

compilemessages: setup
	$(BIN)/python scripts/compile_catalogues.py

# The development secrets (data/secret_key, data/mfa_encryption_key): written once here, only
# read by the settings, so that importing them writes nothing.
secrets: setup
	$(BIN)/python scripts/dev_secrets.py

migrate: setup compilemessages secrets
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_reference

demo: migrate
	$(BIN)/python manage.py seed_demo

run: demo
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py demo_logins
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Commit subjects of at most 72 characters, checked on the commits after the one that added
# the check (older history predates the rule).
lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/check_commit_subjects.py

typecheck: setup-dev
	$(BIN)/mypy council

contract: setup-dev
	$(BIN)/lint-imports

# SQLite always; PostgreSQL too when DATABASE_URL points at it or under CI=true, where an
# unreachable PostgreSQL fails the run instead of skipping it.
test: lint typecheck contract
	$(BIN)/python scripts/compile_catalogues.py
	$(MAKE) pytest-sqlite
	@if [ "$$CI" = "true" ] || echo "$$DATABASE_URL" | grep -q '^postgres'; then \
		$(MAKE) pytest-postgres; \
	else \
		echo "PostgreSQL suite not run: set DATABASE_URL=postgres://... or CI=true."; \
	fi
	$(MAKE) pytest-federation
	@if [ "$$CI" = "true" ]; then \
		$(MAKE) pytest-topology; \
	else \
		echo "Topology suite not run (a replica cluster and PgBouncer): make pytest-topology, or CI=true."; \
	fi

# The API fuzz run (-m fuzz, schemathesis) is for PostgreSQL, where the platform runs.
pytest-sqlite: setup-dev
	DATABASE_URL=sqlite:///$(CURDIR)/data/test.sqlite3 $(BIN)/pytest -n $(TEST_WORKERS) -m "not fuzz" $(PYTEST_ARGS)

pytest-postgres: setup-dev
	$(BIN)/python scripts/require_postgres.py "$${DATABASE_URL:-$(PG_URL)}"
	DATABASE_URL=$$(echo "$${DATABASE_URL:-$(PG_URL)}" | grep '^postgres' || echo "$(PG_URL)") \
		$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# More than one machine, on this one (docs/operations.md): a streaming replica and PgBouncer
# (scripts/topology.py), the app through PgBouncer with its reads routed to the replica, then
# everything stopped and removed whatever the tests' outcome. Under CI=true a topology that
# does not start fails the run.
TOPOLOGY_DATABASE_URL ?= postgres://postgres@127.0.0.1:6432/council
TOPOLOGY_REPLICA_URL ?= postgres://postgres@127.0.0.1:5433/council
TOPOLOGY_TEST_DATABASE ?= test_council_topology
pytest-topology: setup-dev
	$(BIN)/python scripts/topology.py up || { $(BIN)/python scripts/topology.py down; exit 1; }
	DATABASE_URL=$(TOPOLOGY_DATABASE_URL) DATABASE_POOLER=pgbouncer \
		REPLICA_DATABASE_URL=$(TOPOLOGY_REPLICA_URL) TEST_DATABASE_NAME=$(TOPOLOGY_TEST_DATABASE) \
		$(BIN)/pytest -n 0 -m topology tests/topology $(PYTEST_ARGS); \
		status=$$?; $(BIN)/python scripts/topology.py down; exit $$status

# Two live nodes (council/demo/nodes): a Russian and a Kazakh one, each a gunicorn process with
# its own database and demo data, behind a link the tests cut and restore. On SQLite always; on
# PostgreSQL too when DATABASE_URL points at it or under CI=true (unreachable: the run fails).
# The migrated template is kept in data/federation/ (and council_fedtpl_* on PostgreSQL).
pytest-federation: setup-dev compilemessages
	$(BIN)/pytest -n 0 -m federation tests/federation $(PYTEST_ARGS)

# A Russian node on 127.0.0.1:8001 and a Kazakh node on localhost:8002, each with its own
# SQLite database (data/federation/{ru,kz}.sqlite3, kept between runs; FRESH=1 starts over)
# and demo data, peered with each other; prints the logins and the demo's steps, runs until
# Ctrl-C.
federation-demo: setup compilemessages
	$(BIN)/python manage.py federation_demo $(if $(FRESH),--fresh)

messages: setup-dev
	$(BIN)/python manage.py makemessages -l ru -l kk -l en --ignore=.venv --ignore=data \
		--ignore=locale_vendor --ignore=tests --no-obsolete --add-location file
	$(BIN)/python scripts/fill_english.py locale/en/LC_MESSAGES/django.po
	$(BIN)/python scripts/compile_catalogues.py

# The restore drill (docs/backups.md): the demo data backed up with `manage.py backup`,
# restored into a new database and checked; then point-in-time recovery on a throwaway
# cluster (port 5439). Both leave no database, cluster or folder behind.
restore-drill: setup compilemessages
	$(BIN)/python scripts/require_postgres.py "$${DATABASE_URL:-$(PG_URL)}"
	DATABASE_URL=$$(echo "$${DATABASE_URL:-$(PG_URL)}" | grep '^postgres' || echo "$(PG_URL)") \
		$(BIN)/python manage.py restore_drill
	scripts/pitr_drill.sh

bench: setup-dev
	$(BIN)/python bench/run.py --database-url "$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/council_bench}"
	$(BIN)/python bench/forum_rush.py --database-url "$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/council_bench}"
	$(BIN)/python bench/reports.py --database-url "$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/council_bench}"
	$(BIN)/python bench/import_volunteers.py --database-url "$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/council_bench}"
	$(BIN)/python bench/export_memory.py --database-url "$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/council_bench}"
	$(BIN)/python bench/matcher.py

# The production topology of deploy/ on this machine, from the commands of deploy/README.md
# and the units' ExecStart: nginx (TLS, self-signed) in front of two gunicorn nodes, the task
# worker, the periodic jobs' runner and a local SMTP server, on a fresh PostgreSQL database;
# a newcomer signs up, confirms the mail and applies over HTTPS; then all of it is torn down.
# Needs nginx, PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 (scripts/smoke.py).
smoke: setup-dev
	$(BIN)/python scripts/smoke.py

# The load and failover figures (docs/benchmarks.md, docs/capacity.md): the topology of `make
# smoke` with PgBouncer in transaction mode on a fresh database load_<random> (seed_demo --scale
# 50000), locust headless (40 people, 3 minutes) while a web node is stopped and started and
# PgBouncer restarted online, then each request kind alone for its CPU; prints the figures as
# Markdown, checks the seats in the database, and tears everything down (bench/load.py).
# Ports 9443, 9080, 9101, 9102, 9025 and 9432. LOAD_ARGS passes options (--help).
load: setup-dev
	$(BIN)/python bench/load.py $(LOAD_ARGS)

# The locks are generated from requirements.in and requirements-dev.in (docs/dependencies.md):
# `make lock` after editing a pin there, `make upgrade` to move every package that is not
# pinned in a .in file to its newest release, then the whole test run.
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

lock: setup-dev
	$(PIP_COMPILE) $(LOCK_ARGS) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) $(LOCK_ARGS) --output-file requirements-dev.txt requirements-dev.in

upgrade:
	$(MAKE) lock LOCK_ARGS=--upgrade
	$(MAKE) test

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache
