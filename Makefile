.PHONY: run test setup-run setup-test

# Run the archive on this machine: embedded SQLite, Whoosh, local files, a database task worker, demo content.
run:
	scripts/setup run
	scripts/serve

# The whole test suite on the embedded default (SQLite, Whoosh, local files).
test:
	scripts/setup test
	.venv/bin/python -m pytest $(PYTEST_ARGS)
