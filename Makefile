# ttx: two commands do everything on a fresh machine.
#   make run    set up, then open the facilitator console on the default scenario
#   make test   set up, then ruff, mypy, import contracts and the test suite

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SCENARIO ?= slbm-launch
# postgresql: the tests start a throwaway server of their own (tests/session/pg_cluster.py)
DEBIAN_PACKAGES := fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 \
	poppler-utils tmux chromium libreoffice-writer-nogui postgresql

.PHONY: setup run test lint bench debian clean snapshots

setup: debian $(VENV)/.installed

# Debian packages the PDF, fonts and person-level tests need. Installed when missing and
# we may (root with apt-get); otherwise the exact command is printed and set-up goes on.
debian:
	@missing=""; \
	for package in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" \
			|| missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing Debian packages:$$missing"; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
				apt-get install -y -qq --no-install-recommends $$missing >/dev/null) \
			|| echo "warning: could not install; run: sudo apt-get install -y$$missing"; \
		else \
			echo "warning: missing Debian packages; run: sudo apt-get install -y$$missing"; \
		fi; \
	fi

# Quiet unless it fails: pip's output goes to a log printed only when pip fails.
$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "setting up $(VENV) (pip; its log is $(VENV)/pip.log)"
	@( $(BIN)/python -m pip install -q -q --disable-pip-version-check --upgrade pip \
		&& $(BIN)/python -m pip install -q -q --disable-pip-version-check -e '.[dev]' ) \
		> $(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@touch $@

run: setup
	$(BIN)/ttx run $(SCENARIO)

# Each check prints one line when it passes and everything when it fails (import-linter's
# banner included).
lint: setup
	@$(BIN)/ruff check -q ttx tests bench && echo "ruff: ok"
	@$(BIN)/mypy
	@out=$$($(BIN)/lint-imports --no-cache 2>&1) && echo "$$out" | tail -n 1 \
		|| { echo "$$out"; exit 1; }

test: lint
	@$(BIN)/pytest -q

# Review SVG snapshots in snapshot_report.html before accepting them.
snapshots: setup
	$(BIN)/pytest tests/tui --snapshot-update

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
