"""Repository-wide pytest hooks; they apply to the notebooks (index.ipynb, chapters/) that nbval
tests, which ``tests/conftest.py`` does not reach.

Every test gets exactly one tier marker (registered in pyproject.toml, ``--strict-markers``),
and its folder states it, so the quick loop can run without a build (``make unit`` runs ``-m unit``):

- ``notebook``: an nbval item, i.e. a cell of an ``*.ipynb`` file;
- ``whole``: a test under ``tests/whole/``: checks over the whole book, each a minute's work or
  more in all: every chart the notebooks store, drawn at a phone's and a desktop's width, and
  every finding under every reading (the register);
- ``build``: a test under ``tests/build/``, which runs real ``jupyter-book`` builds, or under
  ``tests/book/``, ``tests/runs/`` and ``tests/tasks/``, whose machinery starts kernels;
- ``browser``: a test under ``tests/browser/``: they read the built book or drive Chromium;
- ``unit``: every other test: logic on small fixtures and checks of the data, in folders that
  mirror the package (``tests/analysis/`` tests ``thawbook/analysis/``).

An nbval failure because a cell's output differs from the stored one usually means the data,
the seed or the package changed on purpose: the report then says how to store the new outputs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

TIERS = ("unit", "whole", "notebook", "build", "browser")
#: The folders under tests/ whose tests are not ``unit``, and their tier.
TIER_OF_FOLDER = {
    "whole": "whole",
    "build": "build",
    "book": "build",
    "runs": "build",
    "tasks": "build",
    "browser": "browser",
}


def tier(item) -> str:
    """The one tier marker of a collected test; see the module docstring for the rule."""
    path = Path(str(item.fspath))
    if path.suffix == ".ipynb":
        return "notebook"
    folder = path.parent.name if path.parent.parent.name == "tests" else ""
    return TIER_OF_FOLDER.get(folder, "unit")


def pytest_ignore_collect(collection_path, config):
    """With ``-m unit`` alone (make unit), the tier folders are not even imported: their tier is
    known from the folder, and collecting them computes the whole register and reads every chart."""
    if config.getoption("markexpr", "") == "unit" and collection_path.is_dir():
        folder = collection_path.name if collection_path.parent.name == "tests" else ""
        return True if TIER_OF_FOLDER.get(folder, "unit") != "unit" else None
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if not any(item.get_closest_marker(name) for name in TIERS):
            item.add_marker(getattr(pytest.mark, tier(item)))


REFRESH_HINT = (
    "The outputs stored in the notebook differ from a fresh execution. If the change is deliberate "
    "(data, seed or package edited), run `make refresh` to re-execute every notebook and store its "
    "outputs, check the diff, and commit the notebooks; otherwise the difference is a regression."
)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not (report.failed and call.excinfo is not None and type(item).__name__ == "IPyNbCell"):
        return
    if "outputs" not in str(call.excinfo.value):  # "Cell outputs differ", "Unrun reference cell has outputs"
        return  # a cell that raises needs fixing, not refreshing
    if isinstance(report.longrepr, str):
        report.longrepr = f"{report.longrepr}\n\nHow to fix: {REFRESH_HINT}"
    else:
        report.sections.append(("how to fix", REFRESH_HINT))
