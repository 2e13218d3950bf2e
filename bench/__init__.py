"""The series' benchmark suite: `python -m bench` (or `make bench`) measures and prints one table.

Absolute times wander on a shared machine, so every figure that matters is a ratio against a
baseline measured in the same run, interleaved with it, with medians and the spread shown:

- notebooks.py  each notebook's headless run vs an empty notebook (fresh kernel each)
- panels.py     each live panel's update latency vs the naive "new figure per call" baseline
- browser.py    the real-browser suite's per-slider table (artifacts/browser-latency.md)
- suite.py      wall time of `make test` and `make test-browser` (opt-in: --suites)
- report.py     the table: printed, and written to bench/results/latest.md (+ .json)
"""
