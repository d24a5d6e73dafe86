# Two commands do everything on a fresh machine:
#   make all    set up, check the quizzes, build the learner notebooks, the book (English,
#               German, Vietnamese) and its EPUB, grade the samples
#   make test   set up with test extras (Debian's chromium, npm's gift-pegjs and axe-core), run ruff
#               and the whole test suite
# make pdf prints the single-page book to a PDF with Debian's chromium.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AXE_VERSION := 4.11.0
AXE := .test-deps/axe/node_modules/axe-core/axe.min.js

CHROMIUM ?= chromium
PDF := _build/pdf/the-caio-course.pdf

.PHONY: all setup check notebooks book epub pdf demo chromium test serve bench clean

all: check notebooks book epub demo

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[book,dev]'
	touch $(STAMP)

setup: $(STAMP)

check: $(STAMP)
	$(BIN)/caio check

notebooks: $(STAMP)
	$(BIN)/caio notebooks -o _build/notebooks

# Every edition (en, de, vi) into _build/html/<lang>/, each with -n -W --keep-going.
book: $(STAMP)
	$(BIN)/python -m grading.sphinx_ext.editions
	@echo "book: _build/html/index.html (editions in _build/html/en, de, vi)"

epub: $(STAMP)
	$(BIN)/jupyter-book build . --builder custom --custom-builder epub -n -W --keep-going
	@echo "e-book: _build/epub/TheCAIOCourse.epub"

# The whole book on one page, printed by chromium: no network, nothing but the local files.
pdf: $(STAMP) chromium
	$(BIN)/jupyter-book build . --builder singlehtml -n -W --keep-going
	mkdir -p $(dir $(PDF))
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --disable-background-networking \
	  --disable-component-update --no-first-run --no-pdf-header-footer \
	  --virtual-time-budget=10000 --print-to-pdf=$(PDF) _build/singlehtml/book/intro.html
	@echo "PDF: $(PDF)"

# The samples include broken and tampered submissions on purpose: exit 1 ("some had
# problems") is the expected outcome; anything else fails the build.
demo: $(STAMP)
	$(BIN)/caio grade samples/submissions -o _build/grading; status=$$?; \
	  test $$status -eq 0 -o $$status -eq 1
	@echo "gradebook: _build/grading/gradebook.csv, feedback: _build/grading/feedback/"

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# gift-pegjs (npm) reads our GIFT exports in the tests, as an independent parser.
GIFT_PEGJS := .test-deps/node_modules/gift-pegjs/package.json
$(GIFT_PEGJS):
	@command -v npm >/dev/null 2>&1 || { \
	  echo "installing Debian's nodejs and npm for the GIFT parser tests"; \
	  apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; }
	npm install --silent --no-save --prefix .test-deps gift-pegjs@1.0.2

# axe-core (npm) checks every page's accessibility in the browser tests. A folder of its own:
# an install without a package.json may prune what another one put beside it. After
# gift-pegjs, whose rule installs npm when it is missing.
$(AXE): $(GIFT_PEGJS)
	npm install --silent --no-save --prefix .test-deps/axe axe-core@$(AXE_VERSION)

test: $(STAMP) chromium $(GIFT_PEGJS) $(AXE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

# Live preview: rebuilds and reloads the browser when a chapter, a quiz or the extension
# changes. sphinx-autobuild needs a conf.py, which Jupyter Book writes from _config.yml.
serve: $(STAMP)
	$(BIN)/jupyter-book config sphinx . >/dev/null
	mkdir -p _build/preview && mv conf.py _build/preview/conf.py
	$(BIN)/sphinx-autobuild -c _build/preview -D caio_quiz_dir=$(CURDIR)/quizzes \
	  -D bibtex_bibfiles=$(CURDIR)/book/references.bib --watch quizzes --watch grading \
	  . _build/preview-html

bench: $(STAMP)
	$(BIN)/python benchmarks/grade_benchmark.py

clean:
	rm -rf _build
