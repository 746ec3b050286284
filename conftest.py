"""Repository-wide pytest hooks; they apply to the notebooks (index.ipynb, chapters/) that nbval
tests, which ``tests/conftest.py`` does not reach.

An nbval failure because a cell's output differs from the stored one usually means the data,
the seed or the package changed on purpose: the report then says how to store the new outputs.
"""
from __future__ import annotations

import pytest

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
