# Every target sets up .venv first: created when missing, reinstalled only when
# requirements.txt differs from the copy recorded at the last install. The same for the npm
# tools the tests use (package-lock.json: the W3C Nu HTML checker), when npm is there.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/requirements.installed
NODE_INSTALLED := node_modules/package-lock.installed
SERVE_ADDR ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build publish test bench translations lock setup clean

# The preview starts without a system part it lacks (Voikko, Hunspell, Pango): one line per part
# says what is skipped and the command that adds it (hooks/guide/shared/system_parts.py).
serve: setup
	@eval "$$(PYTHONPATH=hooks $(BIN)/python -m guide.shared.system_parts --preview)" && $(BIN)/mkdocs serve --dev-addr $(SERVE_ADDR)

build: setup
	$(BIN)/mkdocs build --strict --site-dir site

# The build to upload: refuses to run without a public https SITE_URL (hooks/publishing.py).
publish: setup
	PUBLISH=1 $(BIN)/mkdocs build --strict --site-dir site

# The Debian packages the tests need (.ci/debian-packages.txt, as .ci/run): the missing ones are
# installed first (asking sudo once), or the exact command is named; then the set-up, which
# finds npm for the W3C checker once it is installed.
test:
	@.ci/install-packages
	@$(MAKE) --no-print-directory setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python benchmarks/build_speed.py
	$(BIN)/python benchmarks/search.py
	$(BIN)/python benchmarks/planner_cls.py

# The translation status, then the spell check (hooks/guide/translation/spelling.py); either one failing fails it.
translations: setup
	@PYTHONPATH=hooks $(BIN)/python -m guide.translation.status $(ARGS); status=$$?; \
	$(if $(findstring --stamp,$(ARGS)),,PYTHONPATH=hooks $(BIN)/python -m guide.translation.spelling || status=1;) exit $$status

setup:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create $(VENV). On Debian: sudo apt-get install python3-venv"; exit 1; }
	@cmp -s requirements.txt $(INSTALLED) || { \
	  $(BIN)/python -m pip install --quiet --upgrade pip && \
	  $(BIN)/python -m pip install --quiet --requirement requirements.txt && \
	  cp requirements.txt $(INSTALLED); }
	@cmp -s package-lock.json $(NODE_INSTALLED) || { \
	  if command -v npm >/dev/null; then \
	    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && cp package-lock.json $(NODE_INSTALLED); \
	  else echo "npm is missing: the HTML check (tests/test_shell.py) will be skipped. On Debian: sudo apt-get install npm default-jre-headless"; fi; }

# Re-pin after editing requirements.in: resolve in a scratch venv, freeze it.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --requirement requirements.in
	{ echo "# Generated from requirements.in by 'make lock' (pip freeze of a clean .venv). Do not edit."; \
	  .lock-venv/bin/python -m pip freeze; } > requirements.txt
	rm -rf .lock-venv

clean:
	rm -rf site .cache
