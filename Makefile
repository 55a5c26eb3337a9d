# The project's front door: `make help` lists every target.

# Overridable, so a read-only checkout can test with a venv elsewhere: make test VENV=/tmp/workbook-venv
VENV      ?= .venv
BIN       := $(VENV)/bin
PYTHON    := $(BIN)/python
INSTALLED := $(VENV)/.installed
# uv installs the same pins several times faster than pip; used when on PATH or already in the venv, else pip.
# Looked up when a recipe runs (=, not :=), so a venv that installed uv uses it from then on.
UV         = $(or $(wildcard $(BIN)/uv),$(shell command -v uv 2>/dev/null))
INSTALL    = $(if $(UV),$(UV) pip install --quiet --python $(PYTHON),$(PYTHON) -m pip install --quiet --disable-pip-version-check)
# Node.js and npm for building the site, installed into the venv from site/requirements.txt.
SITE_TOOLS := $(VENV)/.site-tools
# Jupyter refuses to start as root unless told to; add the flag only when it is needed.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Extra arguments for the Jupyter server, e.g. make notebook ARGS="--no-browser --port 8899"
ARGS      ?=
PYTEST    := $(PYTHON) -m pytest -p no:cacheprovider
NBVAL     := --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg

.DEFAULT_GOAL := help
.PHONY: help install notebook lab run test test-postgres unit notebooks-test execute lint bench binder-link site serve-site check-site bench-site clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-15s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(INSTALLED): requirements.txt
	python3 -m venv $(VENV)
	$(INSTALL) -r requirements.txt
	$(PYTHON) -m tutorial_project.workbook.kernel_config
	touch $(INSTALLED)

$(SITE_TOOLS): $(INSTALLED) site/requirements.txt
	$(INSTALL) -r site/requirements.txt
	touch $(SITE_TOOLS)

install: $(INSTALLED) ## Create the virtual environment from requirements.txt (the other targets do it for you)

.env:
	cp -n .env.example .env
	@echo "Created .env from .env.example; edit it to change settings."

notebook: $(INSTALLED) .env ## Start the workbook in Jupyter Notebook 7 (shell_plus --notebook)
	$(PYTHON) manage.py migrate --noinput --verbosity 0
	$(PYTHON) manage.py shell_plus --notebook -- --notebook-dir=notebooks $(ROOT_FLAG) $(ARGS)

lab: $(INSTALLED) .env ## Start the workbook in JupyterLab 4 (shell_plus --lab)
	$(PYTHON) manage.py migrate --noinput --verbosity 0
	$(PYTHON) manage.py shell_plus --lab -- --notebook-dir=notebooks $(ROOT_FLAG) $(ARGS)

run: $(INSTALLED) .env ## Run the site on http://localhost:8000 (emails are printed in the terminal)
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py runserver $(ARGS)

test: $(INSTALLED) $(SITE_TOOLS) ## Run every test: lint, unit tests, and strict nbval over every notebook and solution
	$(BIN)/ruff check --quiet --no-cache .
	$(BIN)/ruff format --check --quiet --no-cache .
	$(PYTEST) -n 2 --dist loadfile $(NBVAL) tutorial_project notebooks
	$(PYTEST) -n 2 --dist loadfile --ds tutorial_project.settings_test_postgres tutorial_project/tasks tutorial_project/users

test-postgres: $(INSTALLED) ## Run the site's tests (tasks, users, races) on a throwaway PostgreSQL server
	$(PYTEST) -n 2 --dist loadfile --ds tutorial_project.settings_test_postgres tutorial_project/tasks tutorial_project/users

unit: $(INSTALLED) ## Run the unit tests only
	$(PYTEST) tutorial_project

notebooks-test: $(INSTALLED) ## Run strict nbval over the notebooks only
	$(PYTEST) -n 2 --dist loadfile $(NBVAL) notebooks

execute: $(INSTALLED) ## Re-execute every notebook and solution in place, refreshing the committed outputs
	$(PYTHON) -m tutorial_project.workbook.execute notebooks notebooks/solutions

lint: $(INSTALLED) ## Check the code with ruff
	$(BIN)/ruff check --no-cache .
	$(BIN)/ruff format --check --no-cache .

bench: $(INSTALLED) ## Measure where time and memory go (make test's phases, setup, tracer, kernels); not a test
	$(PYTHON) -m tutorial_project.testing.bench

binder-link: ## Print the "launch on Binder" link of this repository's GitHub remote (origin)
	@url=$$(git remote get-url origin 2>/dev/null) || { echo "No git remote 'origin': push this repository to GitHub first." >&2; exit 1; }; \
	case "$$url" in *github.com[:/]*) ;; *) echo "Binder builds public GitHub repositories; origin is $$url" >&2; exit 1;; esac; \
	slug=$$(echo "$$url" | sed -E 's#^.*github\.com[:/]##; s#\.git$$##'); \
	echo "https://mybinder.org/v2/gh/$$slug/HEAD?urlpath=lab/tree/notebooks/00-start-here.ipynb"

# The npm packages the site copies (Pyodide, Mermaid), at the versions site/package-lock.json pins.
SITE_NPM  := site/node_modules/.package-lock.json

$(SITE_NPM): $(SITE_TOOLS) site/package.json site/package-lock.json
	cd site && PATH="$(abspath $(BIN)):$$PATH" npm ci --no-audit --no-fund
	touch $(SITE_NPM)

site: $(SITE_TOOLS) $(SITE_NPM) ## Build _site/: the book and JupyterLite with Python in the browser (served, it needs no network)
	$(PYTHON) site/build_site.py

serve-site: $(INSTALLED) ## Serve _site/ on http://127.0.0.1:8001 (make site first; ARGS="--port N" to change it)
	$(PYTHON) site/serve_site.py $(ARGS)

check-site: $(INSTALLED) ## Check _site/ offline: each book page draws its diagrams, each notebook runs as stored
	$(PYTHON) site/check_site.py --keep-going $(ARGS)

bench-site: $(INSTALLED) ## Time notebook 00 in _site/'s JupyterLite: page open → first output, then Run All
	$(PYTHON) site/bench_site.py

clean: ## Remove what make created (the virtual environment, caches, the development database)
	rm -rf $(VENV) .pytest_cache .ruff_cache db.sqlite3 _site site/node_modules site/.cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
