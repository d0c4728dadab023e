# Two commands for a new user: `make demo` and `make test`. Each sets up .venv on first use
# (installing the project from pyproject.toml) and reuses it afterwards.
# Installs take the exact versions in requirements.lock as constraints (pyproject.toml keeps
# the ranges); a dependency not yet in the lock still installs, unpinned. `make lock`
# regenerates the lock in a fresh virtual environment, keeping existing pins.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
LOCK_VENV := .lock-venv

.PHONY: demo test lint bench clean setup lock memory

$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[dev,spark]'
	touch $(STAMP)

lock:
	rm -rf $(LOCK_VENV) && $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCK_VENV)/bin/python -m pip install --quiet $$(test -s $(LOCK) && echo -c $(LOCK)) '.[dev,spark]'
	( echo "# Exact versions for CI and \`make test\`/\`make demo\` (pip constraints). Regenerate: make lock"; \
	  $(LOCK_VENV)/bin/python -m pip freeze --exclude tidings | LC_ALL=C sort -f ) > $(LOCK).tmp
	mv $(LOCK).tmp $(LOCK) && rm -rf $(LOCK_VENV)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/tidings demo --db demo.duckdb

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/scale.py --n 1000

memory: $(STAMP)
	$(BIN)/python bench/memory_stream.py

clean:
	rm -rf $(VENV) $(LOCK_VENV) demo.duckdb .pytest_cache
