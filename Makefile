# Two commands for a newcomer: `make demo` runs the main job on bundled data, `make test` runs
# every test. Both install missing Debian packages first (scripts/ensure-deps.sh).
.PHONY: demo test deps bench fuzz

deps:
	@scripts/ensure-deps.sh

demo: deps
	@scripts/demo.sh

test: deps
	swift build --build-tests
	swift test --skip-build

bench:
	Benchmarks/scripts/compare.sh

fuzz:
	fuzz/run.sh 600
