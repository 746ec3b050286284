"""``make bench``: how long the book takes to build and how heavy its pages are, as ratios.

Everything runs in a throwaway copy of this checkout, so the working tree's ``_build`` is
left alone. Each timing is the median of several runs; absolute seconds are printed for
reference, but the figures to compare between machines are the ratios.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from thawbook.paths import ROOT

RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def copy_checkout(target: Path) -> Path:
    """The files git tracks, and untracked ones it does not ignore, copied to ``target``."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split()
    for name in listed:
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


def timed(command: list[str], cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def bare_execution_seconds(checkout: Path) -> float:
    """All chapter notebooks executed by nbclient in one process loop, without Sphinx."""
    import nbformat
    from nbclient import NotebookClient

    start = time.perf_counter()
    for path in sorted((checkout / "chapters").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, kernel_name="python3", timeout=300,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def page_bytes(html: Path) -> dict[str, tuple[int, int]]:
    """Each page's own bytes, and the bytes of the shared ``_static`` files it links."""
    import re

    weights = {}
    for page in sorted(html.rglob("*.html")):
        relative = page.relative_to(html)
        if relative.parts[0] in {"_static", "_sources", "_downloads"}:
            continue
        linked = set(re.findall(r'(?:src|href)="(?:\.\./)*(_static/[^"?#]+)', page.read_text(encoding="utf-8")))
        shared = sum((html / name).stat().st_size for name in linked if (html / name).is_file())
        weights[str(relative)] = (page.stat().st_size, shared)
    return weights


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="thawbook-bench-") as folder:
        checkout = copy_checkout(Path(folder) / "checkout")
        env = {**os.environ, "PYTHONPATH": str(checkout)}
        os.environ["PYTHONPATH"] = str(checkout)  # kernels started here import the copy too
        make = ["make", "book", f"VENV={ROOT / '.venv'}"]
        cold, nochange, datachange = [], [], []
        for _ in range(RUNS):
            shutil.rmtree(checkout / "_build", ignore_errors=True)
            cold.append(timed(make, checkout, env))
            nochange.append(timed(make, checkout, env))
            events = checkout / "data" / "events.csv"
            table = events.read_text(encoding="utf-8")
            events.write_text(table.replace("Sullivan meets Wang Yi", "Sullivan meets Wang Yi (bench)", 1),
                              encoding="utf-8")
            datachange.append(timed(make, checkout, env))
            events.write_text(table, encoding="utf-8")
        bare = statistics.median(bare_execution_seconds(checkout) for _ in range(RUNS))
        tests = statistics.median(
            timed([sys.executable, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider",
                   "-k", "not build and not browser"], checkout, env) for _ in range(RUNS))
        pages = page_bytes(checkout / "_build" / "html")
        bundle = (checkout / "_build" / "html" / "_static" / "thawbook" / "vega-bundle.js").stat().st_size

    cold_s, nochange_s, data_s = (statistics.median(x) for x in (cold, nochange, datachange))
    print(f"runs per figure: {RUNS} (medians)")
    print(f"cold build:                       {cold_s:7.1f} s")
    print(f"no-change rebuild:                {nochange_s:7.1f} s   = {nochange_s / cold_s:6.1%} of cold")
    print(f"rebuild after one data change:    {data_s:7.1f} s   = {data_s / cold_s:6.1%} of cold")
    print(f"bare notebook execution (nbclient): {bare:5.1f} s   build overhead = cold / bare = {cold_s / bare:.2f}x")
    print(f"unit + data tests:                {tests:7.1f} s   = {tests / cold_s:6.1%} of cold")
    print(f"vega bundle (linked only from pages with charts): {bundle:,d} bytes")
    for name, (own, shared) in pages.items():
        print(f"  {name:42s} own {own:9,d} B   shared static linked {shared:10,d} B   shared/own = {shared / own:5.1f}x")
    print(f"largest page: {max(own for own, _ in pages.values()):,d} bytes of its own (budget 300,000)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
