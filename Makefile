# OrderGate developer commands. Fresh machine: `make up` and `make test` (python3, make, gcc).
#
# VENV can point elsewhere (CI uses a throwaway one). The install re-runs only when
# pyproject.toml changed since the last one (stamp file inside the venv).

VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.ordergate-installed
LINT_PATHS := $(wildcard app tests bench clients/generate.py)
PYTEST_ARGS ?= -n 2 --dist loadgroup -q
UP_ARGS ?=
BENCH_SIZE ?= small

.PHONY: up test lint fmt migrate bench openapi sdk install clean-venv console docs-examples docs-assets

$(PY):
	python3 -m venv $(VENV)

# pip prints each package as it is collected and installed (a fresh install takes a minute or
# two): a silent minute looks like a hang.
$(STAMP): pyproject.toml | $(PY)
	@echo "==> Installing OrderGate and its dependencies into $(VENV) (once; again only when pyproject.toml changes)"
	$(PY) -m pip install --disable-pip-version-check --progress-bar on -e '.[dev]'
	@echo "==> Installed."
	@touch $@

install: $(STAMP)

up: $(STAMP)
	$(VENV)/bin/ordergate up $(UP_ARGS)

# Uses DATABASE_URL when set, otherwise an embedded PostgreSQL in var/test-pg.
test: $(STAMP)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check $(LINT_PATHS)
	$(VENV)/bin/ruff format --check $(LINT_PATHS)
	$(VENV)/bin/mypy --strict app
	$(VENV)/bin/lint-imports

fmt: $(STAMP)
	$(VENV)/bin/ruff check --fix $(LINT_PATHS)
	$(VENV)/bin/ruff format $(LINT_PATHS)

migrate: $(STAMP)
	$(VENV)/bin/ordergate migrate

# Every runnable bench/*.py (one with a __main__ block; the others are helpers), at BENCH_SIZE
# (small by default; `make bench BENCH_SIZE=full` for the published figures).
bench: $(STAMP)
	@set -e; for script in $$(grep -l '__main__' $(sort $(wildcard bench/*.py)) /dev/null); do \
		echo "== $$script (BENCH_SIZE=$(BENCH_SIZE))"; \
		BENCH_SIZE=$(BENCH_SIZE) $(PY) $$script; \
	done

# Rewrites every example response in README.md and docs/*.md from live calls
# (tests/integration/test_doc_examples.py; `make test` fails when one has drifted).
docs-examples: $(STAMP)
	ORDERGATE_WRITE_DOC_EXAMPLES=1 $(VENV)/bin/pytest -q -n 0 -p no:randomly tests/integration/test_doc_examples.py

# Refreshes the vendored Swagger UI / ReDoc / GraphiQL in app/static/docs (pinned npm versions,
# MANIFEST.json; needs npm). /docs, /redoc and GraphiQL load nothing from a CDN.
docs-assets: $(STAMP)
	$(PY) -m app.static.vendor

# Regenerates the committed contracts: openapi/openapi.json (and schema.graphql).
openapi: $(STAMP)
	$(PY) -m app.schema_dump

# Regenerates the contracts, then the SDKs from them: clients/python (openapi-python-client) and
# clients/typescript (openapi-typescript from the console's dev dependencies; needs Node + npm).
sdk: $(STAMP)
	$(PY) -m app.schema_dump
	cd console && npm ci --no-audit --no-fund
	$(PY) clients/generate.py

# Rebuilds the merchant console bundle (app/console_dist, committed) from console/ (needs Node 20 + npm).
console:
	cd console && npm ci && npm run build

clean-venv:
	rm -rf $(VENV)
