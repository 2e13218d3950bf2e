"""The learner's own copies of the series: answers written there survive every update.

    python tools/learner.py             # copy each notebook of notebooks/ missing from my-work/
    python tools/learner.py fresh 03    # a fresh copy of 03; the old one kept as 03_….old-1.ipynb

`make lab` runs the first and opens JupyterLab in my-work/; `make fresh NB=03` runs the second.
A copy that exists is never overwritten, so after `git pull` the next run adds only the new
notebooks. notebooks/ stays pristine (what the tests check) and my-work/ is gitignored, so a pull
never conflicts with an answer.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = "my-work"  # the learner folder, relative to the repository (listed in .gitignore)
NOTEBOOK = re.compile(r"\d\d_[a-z0-9_]+\.ipynb")  # a notebook of the series: 00_start_here.ipynb


def series(root: Path = ROOT) -> list[Path]:
    """The pristine notebooks, in order."""
    folder = root / "notebooks"
    if not folder.is_dir():
        raise FileNotFoundError(f"root: no notebooks/ folder in {root}")
    return sorted(p for p in folder.iterdir() if NOTEBOOK.fullmatch(p.name))


def copy_missing(root: Path = ROOT, work: Path | None = None) -> list[Path]:
    """Copy every notebook of the series that has no copy in `work` yet; returns the new copies.
    An existing copy is never touched, whatever its content."""
    work = root / WORK if work is None else work
    work.mkdir(parents=True, exist_ok=True)
    new = []
    for source in series(root):
        target = work / source.name
        if not target.exists():
            shutil.copyfile(source, target)
            new.append(target)
    return new


def _pick(root: Path, which: str) -> Path:
    """The series notebook `which` names: '03', '03_gradients' or '03_gradients.ipynb'."""
    stem = which.removesuffix(".ipynb")
    matches = [p for p in series(root) if p.stem == stem or p.stem.split("_", 1)[0] == stem]
    if len(matches) != 1:
        names = ", ".join(p.stem for p in series(root))
        raise ValueError(
            f"notebook: expected a number or name of the series ({names}), got {which!r}"
        )
    return matches[0]


def fresh(which: str, root: Path = ROOT, work: Path | None = None) -> tuple[Path, Path | None]:
    """A fresh copy of one notebook; the learner's old copy, if any, is renamed, never deleted:
    03_gradients.ipynb -> 03_gradients.old-1.ipynb (old-2, … if that exists).
    Returns (the fresh copy, where the old one went or None)."""
    work = root / WORK if work is None else work
    source = _pick(root, which)
    target = work / source.name
    kept = None
    if target.exists():
        n = 1
        while (kept := work / f"{source.stem}.old-{n}.ipynb").exists():
            n += 1
        target.rename(kept)
    work.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target, kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", choices=["copy", "fresh"], default="copy")
    parser.add_argument("notebook", nargs="?", help="for fresh: 03 or 03_gradients")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        if args.command == "fresh":
            if not args.notebook:
                parser.error("fresh needs a notebook: python tools/learner.py fresh 03")
            target, kept = fresh(args.notebook, root)
            if kept:
                print(f"kept your old copy as {kept.relative_to(root)}")
            print(f"fresh copy: {target.relative_to(root)}")
        else:
            new = copy_missing(root)
            for path in new:
                print(f"new: {path.relative_to(root)}")
            print(f"{WORK}/: {len(series(root))} notebooks, {len(new)} new; your copies untouched")
    except (ValueError, FileNotFoundError) as exc:
        print(f"learner: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
