# Two commands do all the set-up on a fresh machine with Python 3.11:
#   make demo   builds .venv if needed and analyses the bundled example corpus into out/
#   make test   builds .venv if needed and runs the test suite
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast lint bench clean

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null || { echo "need $(PY) on PATH"; exit 2; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev,ray]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsprism analyze examples -o out

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/python -m pytest -q

# The fast subset for the edit-test loop: everything but the tests marked slow (end-to-end runs, Ray, the
# browser, kill-and-resume); `make test` (CI) runs them all.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts

bench: $(STAMP)
	$(BIN)/newsprism bench --articles 1000

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
