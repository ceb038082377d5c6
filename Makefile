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

.PHONY: install dev practice test lint bench

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
