# hyoka — two commands for a fresh machine:
#   make demo   set up .venv, ingest samples/ into hyoka.sqlite (every printing; which
#               one is current follows publication, not the walk: README "Versions"),
#               show what was loaded,
#               write the HTML report to report/
#   make test   set up .venv, install the generator's Japanese fonts if missing
#               (.ci/fonts.sh), and run the test suite (SQLite; PostgreSQL too when
#               HYOKA_TEST_PG_URL is set — .ci/run starts a server and sets it)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= sqlite:///hyoka.sqlite

.PHONY: demo test samples bench clean

$(BIN)/hyoka: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,ocr]'
	@touch $@

demo: $(BIN)/hyoka
	$(BIN)/hyoka ingest samples --db $(DB)
	$(BIN)/hyoka views --db $(DB)
	$(BIN)/hyoka report --db $(DB) --out report

test: $(BIN)/hyoka
	bash .ci/fonts.sh
	$(BIN)/pytest

# Rebuild the sample PDFs (needs LibreOffice + fonts-ipaexfont/fonts-noto-cjk).
samples: $(BIN)/hyoka
	$(BIN)/python samples/build/build_all.py

bench: $(BIN)/hyoka
	$(BIN)/python bench/icdar2013.py
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/audit.py

clean:
	rm -rf $(VENV) hyoka.sqlite report .pytest_cache
