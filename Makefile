# Entraide. `make run` serves the demo; `make test` runs the suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
RUN_ENV := DEBUG=1 EMAIL_URL=console://

.PHONY: run test test-services test-browser messages install bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

messages: $(STAMP)
	$(RUN_ENV) $(PY) manage.py compile_catalogues

run: $(STAMP) messages
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py seed_demo
	$(RUN_ENV) $(PY) manage.py serve_demo

test: $(STAMP) messages
	$(PY) -m pytest -m "not browser" -n auto -rs

# Two checkouts on one machine may run this at once: each gets databases of its own, named
# after its folder (tests/settings.py does the same for Redis keys).
CHECKOUT_ID := $(shell printf '%s' "$(CURDIR)" | md5sum | cut -c1-8)

test-services: $(STAMP) messages
	ENTRAIDE_REQUIRE_SERVICES=1 \
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/entraide_$(CHECKOUT_ID)} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/15} \
	$(PY) -m pytest -m "not browser" -n 2

# The Nu Html Checker for the browser tests, from the npm registry (package.json). Its
# install script would download a Java runtime of its own: the machine's Java is used
# instead (.ci/run installs Debian's when it is missing).
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar

$(VNU_JAR): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm is needed for the Nu Html Checker (apt-get install npm)"; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(VNU_JAR)

test-browser: $(STAMP) messages $(VNU_JAR)
	ENTRAIDE_REQUIRE_BROWSER=1 $(PY) -m pytest -m browser

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var staticfiles entraide.egg-info
