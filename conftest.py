"""Repository-wide pytest hooks; they apply to the notebooks (index.ipynb, chapters/) that nbval
tests, which ``tests/conftest.py`` does not reach.

Every test gets exactly one tier marker (registered in pyproject.toml, ``--strict-markers``),
so the quick loop can run without a build: ``make unit`` runs ``-m "unit or data"``. The rule,
first match wins:

- ``notebook``: an nbval item, i.e. a cell of an ``*.ipynb`` file;
- ``build``: a test in a file of ``BUILD_FILES``, which run real ``jupyter-book`` builds;
- ``browser``: a test in a file of ``BROWSER_FILES``, or any test that uses the built book or
  Chromium (the ``built_book``, ``browser`` or ``local_server`` fixtures);
- ``unit``: a test in a file of ``UNIT_FILES``, which read nothing under ``data/``;
- ``data``: every other test (they load the tables of ``data/``).

An nbval failure because a cell's output differs from the stored one usually means the data,
the seed or the package changed on purpose: the report then says how to store the new outputs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

BUILD_FILES = {"test_build.py", "test_faults.py", "test_hostile.py"}
BROWSER_FILES = {"test_browser.py", "test_book.py", "test_findings_register.py"}
BROWSER_FIXTURES = {"built_book", "browser", "local_server"}
UNIT_FILES = {
    "test_dates.py",
    "test_seed.py",
    "test_theme.py",
    "test_sphinxext.py",
    "test_notebooks.py",
    "test_execute.py",
}
TIERS = ("unit", "data", "notebook", "build", "browser")


def tier(item) -> str:
    """The one tier marker of a collected test; see the module docstring for the rule."""
    name = Path(str(item.fspath)).name
    if name.endswith(".ipynb"):
        return "notebook"
    if name in BUILD_FILES:
        return "build"
    if name in BROWSER_FILES or BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
        return "browser"
    if name in UNIT_FILES:
        return "unit"
    return "data"


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
