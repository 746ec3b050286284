"""Rules the chapters keep: hidden cells only glue, no typed dates, one value per glued name.

These read the stored notebooks, so they also hold for what nbval compares.
"""

from __future__ import annotations

import ast
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from thawbook.paths import ROOT

NOTEBOOKS = sorted([ROOT / "index.ipynb", *(ROOT / "chapters").glob("*.ipynb")])
DATE_LITERAL = re.compile(r"\d{4}-\d{2}-\d{2}|date\(\s*\d{4}\s*,")
# Calls a hidden cell may make: glue, and package functions that display or return what is glued.
COMPUTING = {
    "sum",
    "mean",
    "count",
    "value_counts",
    "nunique",
    "loc",
    "iloc",
    "query",
    "groupby",
    "isin",
    "round",
    "sort_values",
    "merge",
    "apply",
    "map",
    "drop",
    "dropna",
    "fillna",
    "agg",
    "strftime",
}
# Chapters whose key points are findings, so each bullet carries its verdict.
WITH_FINDINGS = [
    "chapters/03_dating.ipynb",
    "chapters/04_chronology.ipynb",
    "chapters/05_sanctions.ipynb",
    "chapters/06_trade_and_business.ipynb",
    "chapters/07_military_contact.ipynb",
    "chapters/08_source_criticism.ipynb",
    "chapters/09_voices.ipynb",
    "chapters/10_thaw_index.ipynb",
    "index.ipynb",
]


def cells(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell) -> str:
    return "".join(cell["source"])


def hidden(cell) -> bool:
    return cell["cell_type"] == "code" and "remove-input" in cell.get("metadata", {}).get("tags", [])


def computations(code: str) -> list[str]:
    """What in ``code`` computes rather than glues: arithmetic, comparisons, filters, pandas methods."""
    found = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, (ast.BinOp, ast.Compare, ast.BoolOp, ast.UnaryOp)):
            found.append(ast.unparse(node))
        elif isinstance(node, (ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp, ast.Lambda)):
            found.append(ast.unparse(node))
        elif isinstance(node, ast.Attribute) and node.attr in COMPUTING:
            found.append(ast.unparse(node))
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_code_cell_types_a_date(path):
    typed = [source(c) for c in cells(path) if c["cell_type"] == "code" and DATE_LITERAL.search(source(c))]
    assert not typed, typed


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_hidden_cells_only_glue_what_the_package_returns(path):
    offending = {
        source(c)[:60]: computations(source(c)) for c in cells(path) if hidden(c) and computations(source(c))
    }
    assert not offending, offending


def test_the_computation_check_can_fail():
    assert computations("glue('x', len(a) / len(b))")
    assert computations("x = events[events['a'] >= 3]")
    assert not computations(
        "for name, value in register.glue_items('c'):\n    glue(name, value, display=False)"
    )


def glued(path: Path) -> dict[str, str]:
    values = {}
    for cell in cells(path):
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name and not name.startswith("fig-"):
                data = output["data"]
                values[name] = data.get(
                    "application/papermill.record/text/markdown",
                    data.get("application/papermill.record/text/plain"),
                )
    return values


def test_a_glued_name_carries_one_value_across_the_whole_book():
    seen = defaultdict(dict)
    for path in NOTEBOOKS:
        for name, value in glued(path).items():
            seen[name][path.name] = value
    conflicting = {name: pages for name, pages in seen.items() if len(set(pages.values())) > 1}
    print(f"{len(seen)} glued names across {len(NOTEBOOKS)} notebooks")
    assert not conflicting, conflicting


def test_economic_and_military_are_domains_everywhere_never_tracks():
    prose = {p.name: " ".join(source(c) for c in cells(p) if c["cell_type"] == "markdown") for p in NOTEBOOKS}
    using = {name: re.findall(r"[^.]*\btracks?\b[^.]*", text) for name, text in prose.items()}
    assert not {k: v for k, v in using.items() if v}


@pytest.mark.parametrize("name", WITH_FINDINGS)
def test_every_key_point_carries_its_robustness_verdict(name):
    text = source(cells(ROOT / name)[0])
    box = text[text.index(":::{admonition}") :]
    box = box[: box.index("\n:::", 3)]
    bullets = [line for line in box.splitlines() if line.startswith("- ")]
    # ":myst": {glue:md} parses CommonMark unless told otherwise, and the mark is a {ref} link
    missing = [b[:80] for b in bullets if not re.search(r"\{glue:md\}`[a-z0-9-]+-verdict:myst`\s*$", b)]
    assert bullets and not missing, missing
