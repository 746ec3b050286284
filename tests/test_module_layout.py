"""The package keeps each chapter's frames apart from its charts (see README, Layout)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest

from thawbook.paths import ROOT

PACKAGE = ROOT / "thawbook"

#: Modules that shape frames for a chapter; their charts live in the ``*_charts`` module beside them.
SHAPING = [
    "coding",
    "thaw_index",
    "voices",
    "contacts",
    "trade_contacts",
    "military_contacts",
    "timeline",
    "telling_order",
    "measures",
    "exports",
    "chronicle",
    "criticism",
    "plover_index",
]
CHARTS = [
    "thaw_index_charts",
    "voices_charts",
    "contacts_charts",
    "contrast_charts",
    "timeline_charts",
    "chronicle_charts",
    "criticism_charts",
    "plover_index_charts",
    "measures_charts",
]
#: Modules split by concern rather than into frames and charts; they draw nothing either.
CORE = ["dates", "publication_date", "tables", "table_checks"]


def _imports(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("module", SHAPING + CORE)
def test_a_frame_shaping_module_does_not_import_altair(module):
    assert "altair" not in _imports(module)


@pytest.mark.parametrize("module", CHARTS)
def test_a_charts_module_draws_with_altair(module):
    assert "altair" in _imports(module)


MODULES = sorted(str(p.relative_to(PACKAGE).with_suffix("")) for p in PACKAGE.rglob("*.py"))
#: Besides the ``*_charts`` modules, the only modules that may draw: the shared chart helpers,
#: the theme, and the build hook that finds chart pages.
DRAWING = {"charts", "theme", "build_chart_assets"}


@pytest.mark.parametrize("module", MODULES)
def test_no_module_of_the_package_grows_much_past_four_hundred_lines(module):
    lines = (PACKAGE / f"{module}.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 410, f"thawbook/{module}.py has {lines} lines: split it by concern"


def test_only_charts_modules_the_theme_and_the_chart_page_hook_import_altair():
    drawing = {m for m in MODULES if "altair" in _imports(m)}
    assert drawing - DRAWING == {m for m in drawing if m.endswith("_charts")}
    assert {m for m in MODULES if m.endswith("_charts")} <= drawing


def test_no_two_chart_functions_share_a_name():
    seen: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name.endswith("_chart"):
                seen.setdefault(node.name, []).append(str(path.relative_to(ROOT)))
    assert {name: paths for name, paths in seen.items() if len(paths) > 1} == {}


def test_importing_any_module_of_the_package_changes_nothing_in_altair():
    modules = ", ".join("thawbook." + name.replace("/", ".") for name in MODULES if name != "__init__")
    code = f"import altair as alt, {modules}; print(alt.theme.active, alt.renderers.active)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "thawbook" not in out


# Entry points and the per-chapter protocol share their names on purpose: ``main`` runs a module
# as a command, ``setup`` registers a Sphinx extension, ``findings`` is each chapter's register.
SHARED_BY_DESIGN = {"main", "setup", "findings"}


def test_no_two_public_functions_or_classes_share_a_name():
    seen: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                seen.setdefault(node.name, []).append(str(path.relative_to(PACKAGE)))
    shared = {name: paths for name, paths in seen.items() if len(paths) > 1 and name not in SHARED_BY_DESIGN}
    assert not shared, shared


def test_the_readme_layout_names_every_module_of_the_package_and_no_other():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout") : readme.index("## Rules the build enforces")]
    top = {p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"}
    named = set(re.findall(r"\b(\w+\.py)\b", layout))
    findings = {p.name for p in (PACKAGE / "findings").glob("*.py")}
    assert top - named == set(), "modules the README's layout does not name"
    assert named - top - findings == set(), "modules the README's layout names that do not exist"
