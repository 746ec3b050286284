"""No stale pages: pages and published sources of chapters renamed or removed from the book go.

Sphinx keeps a page whose source left the book, and a reader, a search engine or a link could
still find it. Hooked into Sphinx (``build-finished``) by :mod:`thawbook.book.sphinxext`.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

LOG = logging.getLogger(__name__)
BUILDER_PAGES = {"genindex", "search"}


def remove_pages_of_removed_documents(app: Sphinx, exception: Exception | None) -> None:
    """Delete built pages whose source is no longer in the book (a renamed or removed chapter).

    Sphinx keeps them otherwise, and a reader, a search engine or a link could still find them.
    """
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    current = set(app.env.found_docs) | BUILDER_PAGES
    for page in outdir.rglob("*.html"):
        relative = page.relative_to(outdir)
        if relative.parts[0] in {"_static", "_sources", "_downloads", "_images"}:
            continue
        if str(relative.with_suffix("")) not in current:
            LOG.info("thawbook: removing %s, whose source is no longer in the book", relative)
            page.unlink()
    sources = outdir / "_sources"
    for published in sorted(sources.rglob("*")) if sources.is_dir() else []:
        if published.is_file() and _source_docname(published.relative_to(sources)) not in current:
            LOG.info(
                "thawbook: removing %s, whose source is no longer in the book", published.relative_to(outdir)
            )
            published.unlink()


def _source_docname(relative: Path) -> str:
    """``chapters/x.ipynb`` or ``chapters/x.md.txt`` (a published source) -> ``chapters/x``."""
    name = relative.as_posix().removesuffix(".txt")
    for suffix in (".ipynb", ".md", ".rst"):
        if name.endswith(suffix):
            return name.removesuffix(suffix)
    return name
