PY ?= python3

.PHONY: help install serve test test-all lint format layers docs corpus bench
help: ## show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

install: ## install Python packages (system tesseract-ocr, tesseract-ocr-ind, poppler-utils: see .ci/run)
	$(PY) -m pip install -r requirements.lock && $(PY) -m pip install --no-deps -e .

serve: ## run the service on http://127.0.0.1:8000 with the sample corpus
	sopcheck serve --demo

test: ## the test suite CI runs
	$(PY) -m pytest -q -n 2 --dist loadfile

lint: ## ruff lint + format check + layering contract
	ruff check extractor rules api tests bench corpus
	ruff format --check extractor rules api tests bench corpus
	lint-imports

format: ## format the code
	ruff format extractor rules api tests bench corpus
	ruff check --fix extractor rules api tests bench corpus

docs: ## regenerate docs/rules from the rule registry
	$(PY) -m rules.docs

corpus: ## re-render the corpus from its specs (needs LibreOffice)
	$(PY) corpus/generate.py

bench: ## accuracy and speed benchmarks (print tables)
	$(PY) bench/accuracy.py
	$(PY) bench/findings.py
	$(PY) bench/speed.py
