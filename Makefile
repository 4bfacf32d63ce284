# The two commands a newcomer needs: `make demo` scores the bundled seeds and writes
# their gap reports; `make test` runs the test suite. Both set the machine up first.
.PHONY: setup demo test bench
setup:
	@bash scripts/setup.sh
demo: setup
	.venv/bin/scorer score seeds/
	.venv/bin/scorer report seeds/ --out out/
	.venv/bin/scorer review seeds/ --out out/review.pdf
test: setup
	.venv/bin/python -m pytest -q
bench: setup
	.venv/bin/python benchmarks/bench_score.py
	.venv/bin/python benchmarks/bench_batch.py
	.venv/bin/python benchmarks/bench_render.py
