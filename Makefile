# Backprop from Scratch — the two commands in the README are the contract:
#   make lab    set up .venv and open the series in JupyterLab
#   make test   set up .venv with the test tools and run every test
# Both are idempotent: nothing is reinstalled unless a requirement file changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
LAB_ARGS ?=
# Offline by design: no news feed, no update check. Root (a container, CI) needs --allow-root.
LAB_FLAGS := --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
             $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: lab test test-browser test-fast bench lint format execute clean help fresh notebook

help:
	@echo "make lab      - set up .venv, copy new notebooks into my-work/ (never overwriting) and open JupyterLab there"
	@echo "make notebook - the same as make lab, in Jupyter Notebook 7 instead of JupyterLab"
	@echo "make fresh NB=03 - a fresh copy of one notebook in my-work/ (the old copy is kept, renamed)"
	@echo "make test-widgets7 - the helper and panel tests again with ipywidgets 7.7.1 (Colab's)"
	@echo "make test     - set up .venv with test tools; lint, unit tests, strict nbval"
	@echo "make test-browser - run every notebook in JupyterLab and Notebook 7 in headless Chromium (needs chromium)"
	@echo "make bench    - benchmarks: notebook overhead, panel latency (SUITES=1: also time the tests)"
	@echo "make execute  - re-run every notebook in place to refresh its stored outputs"
	@echo "make format   - format code and notebooks with ruff"
	@echo "make clean    - remove .venv and caches"

# The stamp files record which requirement files the venv was built from.
$(VENV)/.stamp-lab: requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@# Build matplotlib's font cache now, so its one-time notice never lands in a cell's output.
	MPLBACKEND=Agg $(PY) -c "import matplotlib.pyplot"
	@touch $@

$(VENV)/.stamp-dev: $(VENV)/.stamp-lab requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

# Playwright drives the system's Chromium (apt-get install chromium, or CHROMIUM_PATH=...);
# it never downloads a browser, so there is no `playwright install` step.
$(VENV)/.stamp-browser: $(VENV)/.stamp-dev requirements-browser.txt
	$(PY) -m pip install --quiet -r requirements-browser.txt
	@touch $@

# Learners work in their own copies (my-work/, gitignored): missing notebooks are copied in, an
# existing copy is never overwritten, so a `git pull` of the series never touches an answer.
WORK := my-work
lab: $(VENV)/.stamp-lab
	$(PY) tools/learner.py
	cd $(WORK) && ../$(BIN)/jupyter lab 00_start_here.ipynb $(LAB_FLAGS) $(LAB_ARGS)

# The same copies in Jupyter Notebook 7 (`jupyter notebook`, one notebook per browser tab), with
# make lab's offline flags (they reach the JupyterLab server extension Notebook 7 loads).
notebook: $(VENV)/.stamp-lab
	$(PY) tools/learner.py
	cd $(WORK) && ../$(BIN)/jupyter notebook 00_start_here.ipynb $(LAB_FLAGS) $(LAB_ARGS)

# A fresh copy of one notebook; the old copy is kept, renamed (my-work/03_gradients.old-1.ipynb).
#   make fresh NB=03
fresh:
	$(if $(NB),,$(error usage: make fresh NB=03))
	$(if $(wildcard $(PY)),$(PY),$(PYTHON)) tools/learner.py fresh "$(NB)"

test: $(VENV)/.stamp-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) -m pytest tests notebooks $(NBVAL) --ignore=tests/browser -p no:cacheprovider -n auto --dist loadscope

# Every notebook, run in a real JupyterLab: errors, math, widgets, sliders; writes artifacts/.
test-browser: $(VENV)/.stamp-browser
	$(PY) -m pytest tests/browser -m browser -p no:cacheprovider

# Speed, as same-run ratios: prints a table and writes bench/results/latest.md (see bench/).
# SUITES=1 also times `make test` and `make test-browser` (minutes), which are skipped otherwise.
# Bench-only peers (micrograd, PyTorch CPU) from requirements-bench.txt; a row whose peer could
# not be installed is skipped with a note.
$(VENV)/.stamp-bench: $(VENV)/.stamp-dev requirements-bench.txt
	$(PY) -m pip install --quiet -r requirements-bench.txt || echo "note: a bench peer did not install; its row will be skipped"
	@touch $@

bench: $(VENV)/.stamp-bench
	$(PY) -m bench $(if $(filter-out 0,$(SUITES)),--suites,)

lint: $(VENV)/.stamp-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.stamp-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Re-execute every notebook in place (fresh kernel each, in order) after editing one.
execute: $(VENV)/.stamp-dev
	$(PY) tests/harness.py execute notebooks/*.ipynb

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache

# A new lesson, one command: its notebook (executed), lesson package (views, checkers), their
# tests and its line in helpers/series.py, all passing `make test` (see tools/new_lesson.py).
#   make new-lesson NAME=06_layers_and_batches TITLE="Layers and batches"
.PHONY: new-lesson test-new-lesson
new-lesson: $(VENV)/.stamp-dev
	$(PY) tools/new_lesson.py "$(NAME)" "$(TITLE)"

# The generator end to end in a temporary copy of the repo: execute, strict nbval, audit (slow).
test-new-lesson: $(VENV)/.stamp-dev
	BPS_NEW_LESSON_E2E=1 $(PY) -m pytest tests/test_new_lesson.py -p no:cacheprovider

# The helper and panel tests a second time with ipywidgets 7.7.1, what Colab ships (kernel side),
# in their own venv: the requirements with ipywidgets 7.7.1 in place of 8, and the package.
# Not here: nbval and the notebook harness (stored outputs come from ipywidgets 8), the browser,
# the benchmarks, the scaffold generator and the learner scenario (it runs nbval).
.PHONY: test-widgets7
W7 := .venv-widgets7
W7_SKIP := --ignore=tests/browser --ignore=tests/test_notebook_harness.py \
           --ignore=tests/test_bench.py --ignore=tests/test_new_lesson.py \
           --ignore=tests/test_learner.py

$(W7)/.stamp: requirements.txt requirements-dev.txt pyproject.toml
	@test -x $(W7)/bin/python || $(PYTHON) -m venv $(W7)
	$(W7)/bin/python -m pip install --quiet --upgrade pip
	grep -v -i -e '^ipywidgets' -e '^-e' requirements.txt > $(W7)/requirements.txt
	grep -v -e '^-r' requirements-dev.txt > $(W7)/requirements-dev.txt
	$(W7)/bin/python -m pip install --quiet "ipywidgets==7.7.1" \
	    -r $(W7)/requirements.txt -r $(W7)/requirements-dev.txt -e .
	MPLBACKEND=Agg $(W7)/bin/python -c "import matplotlib.pyplot"
	@touch $@

test-widgets7: $(W7)/.stamp
	$(W7)/bin/python -c "import ipywidgets as w; assert w.__version__ == '7.7.1', w.__version__"
	$(W7)/bin/python -m pytest tests $(W7_SKIP) -p no:cacheprovider -q

# Slide metadata for a 1280 × 720 projector, assigned by rules (tools/slides.py; the rules are
# in its docstring, tests/test_slides.py checks every notebook). Metadata only: no re-execution.
.PHONY: slide-metadata
slide-metadata: $(VENV)/.stamp-lab
	$(PY) tools/slides.py apply notebooks/*.ipynb

# Handout decks: one offline reveal.js deck per notebook, from the stored outputs, into
# build/slides/ (tools/build_decks.py; reveal.js and MathJax from slides/vendor/).
.PHONY: slides
slides: $(VENV)/.stamp-lab
	$(PY) tools/build_decks.py
