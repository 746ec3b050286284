"""Every id a chapter cites resolves, every context fact carries a citation, and every figure
is referred to from the prose."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from thawbook.inputs.tables import load_tables
from thawbook.paths import ROOT

PAGES = sorted(ROOT.glob("chapters/*.ipynb")) + [ROOT / "index.ipynb"]
MARKDOWN_PAGES = sorted(ROOT.glob("chapters/*.md"))


def sources(kind: str | None = None) -> dict[Path, str]:
    """The source of each page's cells (of one kind, if given), not their outputs."""
    texts = {}
    for path in PAGES:
        cells = nbformat.read(path, as_version=4).cells
        texts[path] = "\n".join(c.source for c in cells if kind is None or c.cell_type == kind)
    if kind in (None, "markdown"):
        texts.update({path: path.read_text(encoding="utf-8") for path in MARKDOWN_PAGES})
    return texts


def test_every_context_id_cited_by_a_chapter_is_a_row_with_a_full_citation():
    context = load_tables("context")["context"].set_index("context_id")
    cited = {cid for text in sources().values() for cid in re.findall(r"\bcx-[a-z0-9-]+[a-z0-9]", text)}
    missing = sorted(cited - set(context.index))
    print(f"context: {len(cited)} ids cited by chapters, {len(context)} rows, {len(missing)} unresolved")
    assert cited and not missing, missing
    for column in ["claim", "source_publisher", "source_title", "source_url"]:
        assert (context.loc[sorted(cited), column].str.strip() != "").all(), column
    assert context.loc[sorted(cited), "source_url"].str.match(r"https?://").all()


@pytest.mark.parametrize(
    "prefix, table, key",
    [
        ("co", "corrections", "correction_id"),
        ("ev", "events", "event_id"),
        ("me", "measures", "measure_id"),
        ("qu", "quotes", "quote_id"),
    ],
)
def test_every_row_id_named_in_a_chapter_exists(prefix, table, key):
    ids = set(load_tables(table)[table][key])
    named = {
        i for text in sources().values() for i in re.findall(rf"\b{prefix}-[a-z0-9]+(?:-[a-z0-9]+)*", text)
    }
    missing = sorted(named - ids)
    print(f"{table}: {len(named)} ids named in chapter sources, {len(missing)} unresolved")
    assert not missing, missing


def test_every_figure_has_a_caption_and_is_referred_to_from_the_prose():
    markdown = sources("markdown")
    figures = {}
    for path, text in markdown.items():
        for name, caption in re.findall(r"```\{glue:figure\}\s*\S+\n:name: (\S+)\n+(.+?)```", text, re.S):
            figures[name] = (path.name, caption.strip())
    referenced = {name for text in markdown.values() for name in re.findall(r"\{numref\}`([^`<]+?)`", text)}
    referenced |= {
        name for text in markdown.values() for name in re.findall(r"\{numref\}`[^`]*<([^>]+)>`", text)
    }
    print(f"{len(figures)} figures, {len(figures.keys() & referenced)} referred to")
    uncaptioned = [n for n, (_, caption) in figures.items() if len(caption) < 20]
    unreferenced = sorted(f"{page}: {name}" for name, (page, _) in figures.items() if name not in referenced)
    assert figures and not uncaptioned, uncaptioned
    assert not unreferenced, unreferenced
