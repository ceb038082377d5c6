# Two entry points: `make practice` (install what is missing, then hold a call on the
# embedded model) and `make test` (dev extras, then ruff, mypy and pytest).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# llama.cpp's default build targets the build machine's CPU and can crash with
# "Illegal instruction" on VMs; this portable set works here. Override with CMAKE_ARGS.
CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DLLAVA_BUILD=OFF -DMTMD_BUILD=OFF
export CMAKE_ARGS
ARGS ?= --persona pit-bull

.PHONY: install dev practice test lint bench catalogues

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

practice: install
	$(BIN)/callsim practice $(ARGS)

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -q --record-mode=none --block-network

bench: dev
	$(BIN)/python bench/referee_speed.py

# Screen text: extract the English msgids (Python and Jinja2), merge them into each
# language's .po (translate the new ones there), then compile the .mo that ships.
LOCALES := simulator/locale
catalogues: dev
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --add-comments=TRANSLATORS: \
		--project=callsim --version=0.1.0 -o $(LOCALES)/callsim.pot simulator
	$(BIN)/pybabel update -D callsim -i $(LOCALES)/callsim.pot -d $(LOCALES) --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -D callsim -d $(LOCALES) --statistics
