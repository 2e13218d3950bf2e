"""`python -m bench [--quick] [--suites]`: run every benchmark, print the table, write latest.md.

python -m bench            notebooks (5 interleaved runs), panels (50 changes), the engine (07)
                           against micrograd, a network step (08) against PyTorch, browser table
python -m bench --suites   also time `make test` and `make test-browser` (minutes)
python -m bench --quick    smoke run: 1 round, kernels in parallel, 1 change, overlapped, and only the
                           first notebook and panel (nbval and tests/test_panels.py run them all):
                           checks that every row is produced, its numbers mean nothing
python -m bench --notebooks 04_dead_relus 05_the_sgd_update   only these notebooks (and the floors)
python -m bench --panels 02.chain_rule 05.sgd                  only these panels
python -m bench --only panels   one section (panels, notebooks, browser, suites), for profiling
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench import browser, engine, network, notebooks, panels, suite
from bench.report import RESULTS, Row, render, write
from helpers.series import LESSONS, all_panels

SECTIONS = ("panels", "notebooks", "engine", "network", "browser", "suites")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: few repeats")
    parser.add_argument("--suites", action="store_true", help="also time make test/test-browser")
    parser.add_argument("--runs", type=int, help="notebook rounds (default 5, quick 1)")
    parser.add_argument("--changes", type=int, help="slider steps per panel (default 50, quick 1)")
    parser.add_argument("--notebooks", nargs="+", metavar="STEM", help="run only these notebooks")
    parser.add_argument("--panels", nargs="+", metavar="NAME", help="measure only these panels")
    parser.add_argument("--only", choices=SECTIONS, help="run one section and write nothing")
    parser.add_argument("--out", type=Path, default=RESULTS, help="Markdown output (JSON beside)")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 5)
    changes = args.changes or (1 if args.quick else 50)
    if not args.quick and (runs < 5 or changes < 50):
        print("note: fewer than 5 runs / 50 changes is below the spec's minimum", file=sys.stderr)
    notebooks_run = args.notebooks or ([LESSONS[0].stem] if args.quick else None)
    panels_run = args.panels or ([next(iter(all_panels()))] if args.quick else None)
    start = time.perf_counter()
    sections = {
        "panels": lambda: panels.bench_panels(changes, only=panels_run),
        "notebooks": lambda: notebooks.bench_notebooks(
            runs, parallel=4 if args.quick else 1, only=notebooks_run
        ),
        "engine": _skip_in_quick(args.quick, "engine", lambda: engine.bench_engine(5)),
        "network": _skip_in_quick(args.quick, "network", lambda: network.bench_network(300)),
        "browser": browser.bench_browser,
        "suites": suite.bench_suites if args.suites or args.only else suite.skipped,
    }
    if args.only:
        print(render(sections[args.only]()))
        return 0
    if args.quick:  # a smoke run overlaps the kernels (other processes) with the panels
        with ThreadPoolExecutor(1) as pool:
            later = pool.submit(sections.pop("notebooks"))
            rows = sections.pop("panels")() + later.result()
    else:
        rows = []
    rows += [row for run in sections.values() for row in run()]
    mode = f"{'quick (smoke: numbers not meaningful)' if args.quick else 'full'}, "
    mode += f"{runs} notebook round(s), {changes} changes per panel"
    print(render(rows))
    path = write(rows, mode, args.out)
    print(f"\n{len(rows)} rows in {time.perf_counter() - start:.0f} s → {path}")
    return 0


def _skip_in_quick(quick: bool, section: str, run):
    """The engine (07 vs micrograd) and network (08 vs PyTorch) rows take half a minute: a smoke
    run says they were skipped; their code is tested by tests/test_engine.py and test_trainer.py."""
    if not quick:
        return run
    return lambda: [Row(section, f"{section} rows", verdict="skipped", note="not in --quick")]


if __name__ == "__main__":
    sys.exit(main())
