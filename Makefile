# One Makefile for people and CI alike.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
ADILET := $(VENV)/bin/adilet
SAMPLES ?= samples
OUT ?= out
STAMP := $(VENV)/.installed
APT_PACKAGES := gcc poppler-utils chromium tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus
SAMPLE_APT_PACKAGES := chromium fonts-dejavu-core fonts-liberation
GLYPH_APT_PACKAGES := tesseract-ocr-kaz libtesseract-dev hunspell-kk

.PHONY: docs fuzz setup extract test test-slow test-all lint samples golden bench bench-glyphs clean apt validate report

setup: $(STAMP)

# Debian packages are installed only when missing (idempotent; needs root or sudo).
apt:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(STAMP): pyproject.toml $(wildcard extract/*.c extract/*.h)
	@$(MAKE) --no-print-directory apt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q -U pip
	$(PIP) install -q -e '.[dev]'
	touch $(STAMP)

extract: setup
	$(ADILET) extract $(SAMPLES) --out $(OUT)

validate: setup
	$(ADILET) validate $(OUT)

report: extract
	@echo "run report: $(OUT)/report.html ($(OUT)/report.json)"

test: setup
	$(PY) -m pytest -m "not slow"

# the slow tier alone: equivalence, OCR and fuzz-smoke tests (CI runs it after `make test`)
test-slow: setup
	$(PY) -m pytest -m slow

# the fast tier plus the slow equivalence, OCR and fuzz-smoke tests
test-all: setup
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check adilet core extract normalize schemas tests bench samples producer_samples tools
	$(VENV)/bin/mypy adilet core extract normalize schemas

samples: setup
	@$(MAKE) --no-print-directory apt APT_PACKAGES="$(SAMPLE_APT_PACKAGES)"
	$(PIP) install -q -e '.[dev,render]'  # WeasyPrint and fpdf2 render some order samples
	$(PY) samples/render_samples.py

# the docs derived from the declarations: docs/datasets.md, README's datasets list, docs/settings.md's table
docs: setup
	$(PY) tools/write_docs.py

golden: setup
	$(PY) tests/regenerate_golden.py

bench-glyphs: setup
	$(PY) bench/bench_glyphs.py
	$(PY) bench/bench_lost.py $(LOST_ARGS)

bench: bench-glyphs
	@dpkg -s default-jre-headless >/dev/null 2>&1 || $(MAKE) --no-print-directory apt APT_PACKAGES=default-jre-headless
	$(PIP) install -q -e '.[dev,bench]'
	$(PY) bench/bench_cells.py
	$(PY) bench/bench_pipeline.py $(BENCH_ARGS)

fuzz: setup
	$(PY) tools/fuzz_pdfs.py --mutations 1000

clean:
	rm -rf $(OUT)/*.csv $(OUT)/*.parquet $(OUT)/tables
