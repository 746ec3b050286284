"""Repository-wide pytest hooks; they apply to the notebooks (index.ipynb, chapters/) that nbval
tests, which ``tests/conftest.py`` does not reach.

Every test gets exactly one tier marker (registered in pyproject.toml, ``--strict-markers``),
and its folder states it, so the quick loop can run without a build (``make unit`` runs ``-m unit``):

- ``notebook``: an nbval item, i.e. a cell of an ``*.ipynb`` file;
- ``build``: a test under ``tests/build/``: they run real ``jupyter-book`` builds;
- ``browser``: a test under ``tests/browser/``: they read the built book or drive Chromium;
- ``unit``: every other test. Those folders mirror the package (``tests/analysis/`` tests
  ``thawbook/analysis/``); they build nothing and open no browser.

An nbval failure because a cell's output differs from the stored one usually means the data,
the seed or the package changed on purpose: the report then says how to store the new outputs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

TIERS = ("unit", "notebook", "build", "browser")
#: The folders under tests/ that are tiers of their own; every other test is ``unit``.
TIER_FOLDERS = ("build", "browser")


def tier(item) -> str:
    """The one tier marker of a collected test; see the module docstring for the rule."""
    path = Path(str(item.fspath))
    if path.suffix == ".ipynb":
        return "notebook"
    folder = path.parent.name
    return folder if folder in TIER_FOLDERS and path.parent.parent.name == "tests" else "unit"


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
