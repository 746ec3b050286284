"""The package keeps each chapter's frames apart from its charts (see README, Layout)."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys

import pytest

from thawbook.paths import ROOT

PACKAGE = ROOT / "thawbook"
#: A chapter's code has one name in every layer: analysis/<name>.py, charts/<name>.py, findings/<name>.py.
LAYERS = ("analysis", "charts", "findings")


def _imports(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


MODULES = sorted(str(p.relative_to(PACKAGE).with_suffix("")) for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("module", MODULES)
def test_no_module_of_the_package_grows_much_past_four_hundred_lines(module):
    lines = (PACKAGE / f"{module}.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 410, f"thawbook/{module}.py has {lines} lines: split it by concern"


def test_only_the_charts_folder_imports_altair_and_every_chart_module_draws():
    drawing = {m for m in MODULES if "altair" in _imports(m)}
    charts = {m for m in MODULES if m.startswith("charts/") and not m.endswith("__init__")}
    assert drawing == charts


def test_the_package_top_holds_few_modules_and_the_stages_are_subpackages():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    stages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    print(f"top: {top}; stages: {stages}")
    assert len(top) <= 8 and len(stages) >= 5


def test_a_chapter_has_one_name_in_every_layer_and_in_the_tests():
    names = {layer: {p.stem for p in (PACKAGE / layer).glob("*.py")} for layer in LAYERS}
    chapters = names["findings"] - {"__init__", "core", "register", "readings"}
    for layer in ("analysis", "charts"):
        assert chapters <= names[layer], f"{layer}/ lacks {sorted(chapters - names[layer])}"
    for layer in ("analysis", "findings"):
        tested = {p.stem.removeprefix("test_") for p in (ROOT / "tests" / layer).glob("test_*.py")}
        assert chapters <= tested, f"tests/{layer}/ lacks {sorted(chapters - tested)}"


def test_the_tests_mirror_the_package_folders():
    stages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    folders = {p.name for p in (ROOT / "tests").iterdir() if (p / "__init__.py").is_file()}
    assert stages - folders == set(), "a stage of the package without its test folder"
    assert folders - stages == {"whole", "build", "browser"}, "test folders are stages or tiers"


def test_no_two_chart_functions_share_a_name():
    seen: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name.endswith("_chart"):
                seen.setdefault(node.name, []).append(str(path.relative_to(ROOT)))
    assert {name: paths for name, paths in seen.items() if len(paths) > 1} == {}


def test_importing_any_module_of_the_package_changes_nothing_in_altair():
    # A __main__ module is a command: importing it runs it (exports/__main__ rewrites data/'s exports).
    names = [name for name in MODULES if name != "__init__" and not name.endswith("__main__")]
    modules = ", ".join("thawbook." + name.replace("/", ".") for name in names)
    code = f"import altair as alt, {modules}; print(alt.theme.active, alt.renderers.active)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["default", "default"], "importing the package printed or changed something"


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


def test_the_readme_layout_names_every_folder_of_the_package():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout") : readme.index("## Rules the build enforces")]
    stages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert {s for s in stages if f"{s}/" not in layout} == set()


def test_no_notebook_imports_the_build_or_the_tasks():
    notebooks = [ROOT / "index.ipynb", *sorted((ROOT / "chapters").glob("*.ipynb"))]
    offenders = []
    for path in notebooks:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"]) if cell["cell_type"] == "code" else ""
            if re.search(r"\bthawbook\.(book|runs|tasks)\b", source):
                offenders.append(path.name)
    assert offenders == [], "a notebook imports book/, runs/ or tasks/: an edit there would not re-execute it"


def _module_graph() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports, anywhere in its body."""
    modules = {"thawbook." + m.replace("/", ".") for m in MODULES}
    graph: dict[str, set[str]] = {}
    for name in modules:
        tree = ast.parse((ROOT / (name.replace(".", "/") + ".py")).read_text(encoding="utf-8"))
        edges = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                edges |= {alias.name for alias in node.names if alias.name in modules}
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("thawbook"):
                for alias in node.names:
                    target = f"{node.module}.{alias.name}"
                    edges.add(target if target in modules else node.module)
        graph[name] = (edges & modules) - {name}
    return graph


def test_no_import_cycle_counting_imports_inside_functions():
    graph = _module_graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(trail[trail.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert cycles == [], f"import cycles: {cycles}"


def test_the_cycle_check_finds_a_cycle_hidden_in_a_function(monkeypatch):
    graph = {"a": {"b"}, "b": {"a"}}
    monkeypatch.setattr(sys.modules[__name__], "_module_graph", lambda: graph)
    with pytest.raises(AssertionError, match="import cycles"):
        test_no_import_cycle_counting_imports_inside_functions()


def test_each_date_idea_has_one_definition():
    # the ISO day format is spelled once (dates.intervals.ISO_DAY, written by dates.intervals.iso),
    # and only the dates stage computes weekdays (a week's first day comes from dates.intervals.week_of)
    spelled, weekdays = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        text, name = path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE))
        spelled += [name] * text.count("%Y-%m-%d")
        if not name.startswith("dates/") and re.search(r"day_of_week|dayofweek|\.weekday\(\)", text):
            weekdays.append(name)
    assert spelled == ["dates/intervals.py"], spelled
    assert not weekdays, f"weekdays computed outside thawbook/dates: {weekdays}"


def test_one_label_humaniser():
    # enum values become words in one place (render.labels.humanise); charts, tables and sentences call it
    rule = re.compile(r"""\.replace\(\s*["']_["']\s*,\s*["'] ["']\s*\)""")
    found = [
        str(p.relative_to(PACKAGE))
        for p in sorted(PACKAGE.rglob("*.py"))
        if rule.search(p.read_text(encoding="utf-8"))
    ]
    assert found == ["render/labels.py"], found


def test_one_palette():
    # every colour of the package is written in charts/theme.py; the other modules name it from there
    hex_colour = re.compile(r"#[0-9A-Fa-f]{6}\b")
    found = [
        str(p.relative_to(PACKAGE)) for p in sorted(PACKAGE.rglob("*.py")) if hex_colour.search(p.read_text())
    ]
    assert found == ["charts/theme.py"], found
