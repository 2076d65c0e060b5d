# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install ingest lint clean browser

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# The CPU build of torch first (a plain `torch` pulls several GB of CUDA packages).
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -c constraints.txt -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

ingest: install
	$(BIN)/cbsi ingest

run: install
	$(BIN)/cbsi ingest || [ $$? -eq 3 ]
	$(BIN)/cbsi serve

# The browser tests drive Debian's Chromium; without it they skip (and say why).
browser:
	@if [ -x /usr/bin/chromium ] || [ -x /usr/lib/chromium/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Chromium for the browser tests (apt-get)"; \
		{ apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
			|| echo "Chromium did not install: tests/test_browser.py will skip."; \
	else \
		echo "No Chromium, and cannot install it here (needs root and apt-get): tests/test_browser.py will skip."; \
	fi

test: install browser
	$(BIN)/ruff check assistant tests
	$(BIN)/ruff format --check assistant tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check assistant tests
	$(BIN)/ruff format --check assistant tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) index/manifest.json index/*.jsonl index/*.faiss index/*.json
