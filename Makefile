# The two commands of the README: `make run` and `make test`. Both set up .venv first when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

.PHONY: run test lint build bench clean

$(READY): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test,build,bench,cluster]'
	bash packaging/system-libs.sh
	touch $(READY)

run: $(READY)
	$(BIN)/wiretrace seeds

lint: $(READY)
	$(BIN)/ruff check app tests benchmarks packaging

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

build: $(READY)
	$(BIN)/python packaging/build.py

bench: $(READY)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build dist $(VENV) .pytest_cache .ruff_cache .hypothesis
