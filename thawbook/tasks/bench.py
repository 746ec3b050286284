"""``make bench``: how long the book takes to build and how heavy its pages are, as ratios.

Everything runs in a throwaway copy of this checkout, so the working tree's ``_build`` is
left alone. Each timing is the median of several runs; absolute seconds are printed for
reference, but the figures to compare between machines are the ratios.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from thawbook.book.execute import jobs
from thawbook.paths import ROOT
from thawbook.tasks.checkout import copy_checkout

# Builds are repeated RUNS times (medians); the test suites run once. One run keeps bench
# affordable on the 2-core machine (about a quarter of an hour); BENCH_RUNS=3 for steadier medians.
RUNS = int(os.environ.get("BENCH_RUNS", "1"))


def timed(command: list[str], cwd: Path, env: dict, outcomes: dict | None = None) -> float:
    """Seconds ``command`` takes to run in ``cwd`` with ``env``. A failure stops the bench, unless
    ``outcomes`` is given (the suites): their exit status is kept there, since a suite with a
    failing test still has a duration worth reporting beside that it failed, and their output goes
    to ``_build/bench-<target>.log``, where the failure can be read."""
    target = next((t for t in ("test", "unit") if t in command), "book")
    log = ROOT / "_build" / f"bench-{target}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with open(log if outcomes is not None else os.devnull, "wb") as out:
        done = subprocess.run(command, cwd=cwd, env=env, check=outcomes is None, stdout=out, stderr=out)
    if outcomes is not None:
        outcomes[f"make {target}"] = done.returncode
    return time.perf_counter() - start


def notebooks(checkout: Path) -> list[Path]:
    """The book's notebooks: the landing page and every chapter, in reading order."""
    return [checkout / "index.ipynb", *sorted((checkout / "chapters").glob("*.ipynb"))]


def serial_execution_seconds(checkout: Path) -> float:
    """The same notebooks the build executes, index included, run by nbclient one after
    another in one loop, without Sphinx, myst-nb or the cache."""
    import nbformat
    from nbclient import NotebookClient

    start = time.perf_counter()
    for path in notebooks(checkout):
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(
            notebook, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(path.parent)}}
        ).execute()
    return time.perf_counter() - start


# The module edited for package_change_ratio: one that only the annotated-source chapter imports
# (checked against the build's records of what each notebook imported: at most half of them).
PACKAGE_MODULE = "thawbook/analysis/annotation.py"


def notebooks_importing(checkout: Path, module: str) -> tuple[int, int]:
    """How many notebooks the build recorded as importing ``module``, of how many."""
    records = [
        json.loads(p.read_text())
        for p in (checkout / "_build" / "thawbook-deps").glob("*.json")
        if p.name != "durations.json"
    ]
    return sum(module in record["reads"] for record in records), len(records)


def page_bytes(html: Path) -> dict[str, tuple[int, int]]:
    """Each page's own bytes, and the bytes of the shared ``_static`` files it links."""
    import re

    weights = {}
    for page in sorted(html.rglob("*.html")):
        relative = page.relative_to(html)
        if relative.parts[0] in {"_static", "_sources", "_downloads"}:
            continue
        linked = set(
            re.findall(r'(?:src|href)="(?:\.\./)*(_static/[^"?#]+)', page.read_text(encoding="utf-8"))
        )
        shared = sum((html / name).stat().st_size for name in linked if (html / name).is_file())
        weights[str(relative)] = (page.stat().st_size, shared)
    return weights


def edited(path: Path, change) -> str:
    """Apply ``change`` to the text of ``path``; return the original text, to restore it."""
    text = path.read_text(encoding="utf-8")
    path.write_text(change(text), encoding="utf-8")
    return text


def main() -> int:
    """Run every benchmark in a throwaway copy, print the table and write ``_build/bench.json``."""
    # The folder's name must not contain "thawbook": a test asserts that no output names the package.
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        checkout = copy_checkout(Path(folder) / "checkout")
        # The test suite's own builds run make with VENV=<checkout>/.venv: share ours.
        (checkout / ".venv").symlink_to(ROOT / ".venv")
        # ... and copy_checkout (used by the build tests) lists files with git, and the book's
        # provenance names a commit: the copy is a repository with one commit of its files.
        git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
        subprocess.run(["git", "init", "-q"], cwd=checkout, check=True)
        subprocess.run(["git", "add", "-A"], cwd=checkout, check=True)
        subprocess.run([*git, "commit", "-q", "-m", "bench"], cwd=checkout, check=True)
        # The seed test compares seeds/ with ../shared/seeds/ when it is there, as beside a clone.
        if (ROOT.parent / "shared").is_dir():
            (Path(folder) / "shared").symlink_to(ROOT.parent / "shared")
        env = {**os.environ, "PYTHONPATH": str(checkout)}
        os.environ["PYTHONPATH"] = str(checkout)  # kernels started here import the copy too
        # Every make in the copy uses our venv as it is: "-o <stamp>" keeps make from reinstalling
        # it (the copy's files are newer than the stamp), which pointed its editable install at
        # the copy, so that the suites then failed at once (exit status 2) and the copy's removal
        # left the venv pointing nowhere.
        venv = [f"VENV={ROOT / '.venv'}", "-o", str(ROOT / ".venv" / ".installed")]
        make = ["make", "book", *venv]
        events, module = checkout / "data" / "events.csv", checkout / PACKAGE_MODULE
        cold, nochange, datachange, packagechange = [], [], [], []
        for _ in range(RUNS):
            shutil.rmtree(checkout / "_build", ignore_errors=True)
            cold.append(timed(make, checkout, env))
            importing, total = notebooks_importing(checkout, PACKAGE_MODULE)
            if not 0 < importing <= total / 2:
                raise SystemExit(
                    f"{PACKAGE_MODULE} is imported by {importing} of {total} notebooks: pick a module "
                    "that at most half of them use, or package_change_ratio measures nothing"
                )
            nochange.append(timed(make, checkout, env))
            table = edited(
                events, lambda t: t.replace("Sullivan meets Wang Yi", "Sullivan meets Wang Yi (bench)", 1)
            )
            datachange.append(timed(make, checkout, env))
            events.write_text(table, encoding="utf-8")
            timed(make, checkout, env)  # back to the committed data
            source = edited(module, lambda t: t + "\n# bench: an edit that changes no behaviour\n")
            packagechange.append(timed(make, checkout, env))
            module.write_text(source, encoding="utf-8")
            timed(make, checkout, env)  # back to the committed package, so the tests see it built
        serial = statistics.median(serial_execution_seconds(checkout) for _ in range(RUNS))
        # The full suite after a build, as `make test` runs it (its book and browser steps are
        # up to date here, so -o skips them): notebook, build and browser tests included.
        outcomes: dict[str, int] = {}
        tests = timed(["make", "-o", "book", "-o", "browser", "test", *venv], checkout, env, outcomes)
        unit = timed(["make", "unit", *venv], checkout, env, outcomes)
        pages = page_bytes(checkout / "_build" / "html")
        bundle = (checkout / "_build" / "html" / "_static" / "thawbook" / "vega-bundle.js").stat().st_size

    cold_s, nochange_s, data_s, package_s = (
        statistics.median(x) for x in (cold, nochange, datachange, packagechange)
    )
    figures = {
        "runs": RUNS,
        "cold_s": round(cold_s, 1),
        "serial_execution_s": round(serial, 1),
        "cold_over_serial_execution": round(cold_s / serial, 3),
        "nochange_s": round(nochange_s, 1),
        "nochange_ratio": round(nochange_s / cold_s, 3),
        "data_change_s": round(data_s, 1),
        "data_change_ratio": round(data_s / cold_s, 3),
        "package_change_module": PACKAGE_MODULE,
        "package_change_notebooks": f"{importing} of {total}",
        "execution_jobs": jobs(),
        "package_change_s": round(package_s, 1),
        "package_change_ratio": round(package_s / cold_s, 3),
        "test_s": round(tests, 1),
        "test_over_cold": round(tests / cold_s, 3),
        "unit_s": round(unit, 1),
        "suite_exit_status": outcomes,
        "largest_page_bytes": max(own for own, _ in pages.values()),
    }
    targets = {  # issue #21's targets
        "cold_s / serial_execution_s <= 0.7": cold_s / serial <= 0.7,
        "package_change_ratio <= 0.5": package_s / cold_s <= 0.5,
        "nochange_ratio <= 0.10": nochange_s / cold_s <= 0.10,
        # a suite that failed is not a suite that met its time
        "test_s <= 5 x cold_s": tests <= 5 * cold_s and not outcomes.get("make test"),
        "unit_s <= 30": unit <= 30 and not outcomes.get("make unit"),
    }
    figures["targets_met"] = targets
    out = ROOT / "_build" / "bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")

    print(f"runs per figure: {RUNS} (medians); figures written to {out.relative_to(ROOT)}")
    print(f"cold build:                       {cold_s:7.1f} s")
    print(f"no-change rebuild:                {nochange_s:7.1f} s   = {nochange_s / cold_s:6.1%} of cold")
    print(f"rebuild after one data change:    {data_s:7.1f} s   = {data_s / cold_s:6.1%} of cold")
    print(
        f"rebuild after editing {PACKAGE_MODULE} (imported by {importing} of {total} notebooks): "
        f"{package_s:5.1f} s   = {package_s / cold_s:6.1%} of cold"
    )
    print(
        f"serial notebook execution (nbclient, one loop): {serial:5.1f} s   cold / serial = {cold_s / serial:.2f}x"
    )
    print(f"full test suite (make test after a build):      {tests:5.1f} s   = {tests / cold_s:.2f}x cold")
    print(f"unit + data tests (make unit):    {unit:7.1f} s")
    print(f"exit status of the suites: {outcomes}")
    print(f"vega bundle (linked only from pages with charts): {bundle:,d} bytes")
    for name, (own, shared) in pages.items():
        print(
            f"  {name:42s} own {own:9,d} B   shared static linked {shared:10,d} B   shared/own = {shared / own:5.1f}x"
        )
    print(f"largest page: {max(own for own, _ in pages.values()):,d} bytes of its own (budget 300,000)")
    for target, met in targets.items():
        print(f"target {target}: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
