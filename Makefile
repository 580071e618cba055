# TalentLoop: `make demo` runs the product on its embedded default, `make test` runs the whole test suite.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
# Optional extras to install besides the dev tools, e.g. `make test EXTRAS=dev,speech` (CI does).
EXTRAS ?= dev
comma := ,
STAMP := $(VENV)/.talentloop-installed-$(subst $(comma),-,$(EXTRAS))

.PHONY: demo test lint check bench messages clean install

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever the project's dependencies change.
$(STAMP): pyproject.toml requirements/constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e ".[$(EXTRAS)]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/talentloop demo --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy talentloop tests
	DJANGO_SETTINGS_MODULE=talentloop.config.test_settings $(BIN)/talentloop manage makemigrations --check --dry-run

bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

# Refresh the translation catalogues from the code (needs GNU gettext), then compile them.
messages: $(STAMP)
	cd talentloop && DJANGO_SETTINGS_MODULE=talentloop.config.test_settings ../$(BIN)/talentloop manage makemessages --all --no-obsolete --no-location --ignore "tests/*" --ignore "*/tests/*"
	$(BIN)/python -m talentloop.cli.catalogues compile

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
