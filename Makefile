# The two commands: `make run` and `make test`. Each sets up everything it needs first.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint install system-deps browser-deps localdb-start localdb-stop localdb-status clean

run: install system-deps ## Local Neo4j (unless NEO4J_URI is set), schema, demo data, API on :8000
	LL_DEMO_DATA=$${LL_DEMO_DATA:-true} $(BIN)/python -m service run

test: install system-deps browser-deps lint ## Lint, type-check, then the tests against a real Neo4j and Chromium
	$(BIN)/python -m pytest

test-fast: install system-deps lint ## The inner loop: every test but the slow ones (servers, browsers, faults)
	$(BIN)/python -m pytest -m "not slow"

# mypy keeps its cache with the project's other caches (the Neo4j jars), outside the checkout:
# a fresh clone checks in about a second what takes 10 s cold. Sound, as mypy's incremental mode
# is: each cached module is checked against its source's hash.
MYPY_CACHE = $${LL_CACHE_DIR:-$${XDG_CACHE_HOME:-$$HOME/.cache}/lifelong-links}/mypy

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --cache-dir "$(MYPY_CACHE)"

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
	  { echo "Python 3.11 is needed (found $$($(PYTHON) --version 2>&1))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	@# uv installs the same packages as pip would, in a third of the time; pip's own index and
	@# certificate settings, where a machine has them, are passed on.
	$(BIN)/pip install --quiet 'uv>=0.13,<1'
	$(BIN)/uv pip install --quiet --python $(BIN)/python $${PIP_INDEX_URL:+--default-index "$$PIP_INDEX_URL"} \
	  $${PIP_CERT:+--cert "$$PIP_CERT"} -e '.[dev]'
	touch $@

# Java 17 and Maven run the local Neo4j; they are on every project machine, and are installed
# from Debian's packages where they are missing and apt-get can be used. Graphviz (`dot`) lays
# out the family tree (the genogram), for the service and its tests alike. Pango and a font
# set the journey book's PDF (WeasyPrint).
system-deps:
	@if [ -z "$$NEO4J_URI" ] && ! { command -v java && command -v mvn; } >/dev/null; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-17-jre-headless maven; \
	  else \
	    echo "The local Neo4j needs Java 17 and Maven: install them, or set NEO4J_URI."; exit 1; \
	  fi; \
	fi
	@if ! command -v dot >/dev/null; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends graphviz; \
	  else \
	    echo "The family tree needs Graphviz (Debian: apt-get install graphviz)."; exit 1; \
	  fi; \
	fi
	@if ! { ldconfig -p | grep -q libpangoft2-1.0.so.0 && ldconfig -p | grep -q libharfbuzz-subset.so.0 \
	        && fc-list 2>/dev/null | grep -q .; }; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core; \
	  else \
	    echo "The journey book's PDF needs Pango and a font (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)."; exit 1; \
	  fi; \
	fi
	@# Names as families write them (Chinese, Korean, Thai, Bengali, Punjabi, Tamil, ...): without
	@# a font for their script a PDF prints them as empty boxes.
	@if ! { fc-list :lang=zh-cn | grep -q . && fc-list :lang=th | grep -q . && fc-list :lang=bn | grep -q .; }; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	      fonts-noto-core fonts-noto-cjk; \
	  else \
	    echo "PDFs need fonts for the scripts families write names in (Debian: apt-get install fonts-noto-core fonts-noto-cjk)."; exit 1; \
	  fi; \
	fi

# The map tests drive Debian's headless Chromium through its matching chromedriver, and check
# the pages against WCAG 2.2 AA with Deque's axe-core (npm, MPL-2.0), kept with the other caches.
AXE_VERSION := 4.14.1
AXE_DIR = $${LL_CACHE_DIR:-$${XDG_CACHE_HOME:-$$HOME/.cache}/lifelong-links}/axe-core-$(AXE_VERSION)

browser-deps:
	@if ! { command -v chromium && command -v chromedriver; } >/dev/null; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; \
	  else \
	    echo "The map tests need Chromium and chromedriver (Debian: apt-get install chromium chromium-driver)."; exit 1; \
	  fi; \
	fi
	@if [ ! -f "$(AXE_DIR)/node_modules/axe-core/axe.min.js" ]; then \
	  if ! command -v npm >/dev/null; then \
	    if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	      apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends npm; \
	    else \
	      echo "The accessibility tests need npm, to install axe-core (Debian: apt-get install npm)."; exit 1; \
	    fi; \
	  fi; \
	  npm install --no-save --no-audit --no-fund --ignore-scripts --prefix "$(AXE_DIR)" \
	    "axe-core@$(AXE_VERSION)"; \
	fi

localdb-start localdb-stop localdb-status: install
	$(BIN)/python -m service.localdb $(@:localdb-%=%)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
