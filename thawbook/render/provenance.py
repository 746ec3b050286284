"""Where the book comes from: how to cite it, which build a reader holds, what the download holds.

- :func:`citation` reads ``CITATION.cff``; :func:`cite_text` and :func:`bibtex` turn it into a
  reference and a BibTeX entry, and the ``thawbook-cite`` directive puts both in a "Cite this"
  box (the About page and the landing page use it), so the box never disagrees with the file.
- As a Sphinx extension (registered in ``_config.yml``), it writes the build's date and git
  commit (:func:`build_stamp`) into ``_static/thawbook-build.js``, which fills the footer of
  every page (:func:`write_build_stamp`), and adds the seed article to the data
  package download (:func:`add_seed_to_archive`).
- The ``{correction}`` role links a correction id in the prose (``{correction}`co-…```) to its
  row in chapter 08's table of corrections, wherever the citing page is (and within the one
  page of the PDF edition). With an explicit title, ``{correction}`the likely reading <co-…>```,
  the reader sees the words and not the id.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import yaml

from thawbook.paths import ROOT

CITATION = ROOT / "CITATION.cff"


def citation(path: Path = CITATION) -> dict:
    """``CITATION.cff`` as a dict."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _authors(cff: dict) -> list[str]:
    out = []
    for author in cff.get("authors", []):
        if "name" in author:
            out.append(str(author["name"]))
        else:
            out.append(" ".join(str(author[k]) for k in ("given-names", "family-names") if k in author))
    return out


def cite_text(cff: dict) -> str:
    """A reference in words: authors (year). *Title* (version ...). URL if any."""
    year = str(cff.get("date-released", ""))[:4]
    parts = [
        " and ".join(_authors(cff)) or "Anonymous",
        f"({year})." if year else ".",
        f"{cff['title']}.",
        f"Version {cff['version']}." if cff.get("version") else "",
    ]
    if cff.get("url") or cff.get("repository-code"):
        parts.append(str(cff.get("url") or cff.get("repository-code")))
    return " ".join(p for p in parts if p)


def bibtex(cff: dict) -> str:
    """A BibTeX ``@software`` entry for the report."""
    year = str(cff.get("date-released", ""))[:4]
    fields = {
        "title": cff["title"],
        "author": " and ".join("{" + a + "}" for a in _authors(cff)),
        "year": year,
        "version": cff.get("version", ""),
        "date": str(cff.get("date-released", "")),
        "license": cff.get("license", ""),
        "url": cff.get("url") or cff.get("repository-code") or "",
    }
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v)
    return f"@software{{thaw_report_{year},\n{body}\n}}"


def build_stamp(today: dt.date | None = None, commit: str | None = None) -> str:
    """``"Built 2026-11-29 from commit abc1234."``: the build's UTC date and the checkout's commit
    (``+ local changes`` when the working tree differs from it; ``unknown`` outside git)."""
    today = today or dt.datetime.now(dt.UTC).date()
    commit = commit if commit is not None else git_commit()
    return f"Built {today.isoformat()} from commit {commit}."


def git_commit(root: Path = ROOT) -> str:
    """The short commit the book is built from, or ``unknown`` outside a git checkout."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()

    try:
        head = git("rev-parse", "--short=10", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head} + local changes" if dirty else head


# ---------------------------------------------------------------- Sphinx
def _cite_directive():
    from docutils import nodes
    from sphinx.util.docutils import SphinxDirective

    class CiteThis(SphinxDirective):
        """``thawbook-cite``: a "Cite this" box made from CITATION.cff at build time."""

        has_content = False

        def run(self):
            self.env.note_dependency(str(CITATION))
            cff = citation()
            box = nodes.admonition(classes=["cite-this"])
            box += nodes.title(text="Cite this report")
            box += nodes.paragraph(text=cite_text(cff))
            box += nodes.paragraph(text="As BibTeX (from CITATION.cff, which citation managers read too):")
            box += nodes.literal_block(text=bibtex(cff), language="bibtex")
            return [box]

    return CiteThis


#: The page whose table gives every correction (and every context fact) a row with its id.
ROWS_PAGE = "chapters/08_source_criticism"


def _correction_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    import re

    from docutils import nodes

    explicit = re.match(r"^(.*?)\s*<([^<>]+)>$", text.strip(), re.S)
    if explicit:  # {correction}`the likely reading <co-…>`: words for the reader, the id for the link
        words, ident = explicit.group(1).strip(), explicit.group(2).strip()
        shown = nodes.inline(words, words)
    else:
        ident = text.strip()
        shown = nodes.literal(ident, ident)
    node = nodes.reference(rawtext, "", shown, internal=True, refuri="#" + ident, classes=["thawbook-ref"])
    node["thawbook_row"] = ident
    return [node], []


def resolve_row_links(app, doctree, docname) -> None:
    """Point each ``{correction}`` link at its row: ``../08_source_criticism.html#co-…`` and the
    like, or ``#co-…`` in the single-page build, where every row is on the one page."""
    from docutils import nodes

    for node in doctree.findall(nodes.reference):
        ident = node.get("thawbook_row")
        if not ident:
            continue
        if app.builder.name == "singlehtml" or docname == ROWS_PAGE:
            node["refuri"] = "#" + ident
        else:
            node["refuri"] = app.builder.get_relative_uri(docname, ROWS_PAGE) + "#" + ident


def list_roles_for_references(app, pagename, templatename, context, doctree) -> None:
    """docutils marks each reference of the bibliography ``role="doc-biblioentry"`` inside a
    ``role="list"``; that role is deprecated and not a list item, so assistive technology (and
    axe) sees a list without items. Each entry becomes a ``listitem``."""
    body = context.get("body", "")
    if 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


#: Written beside the pages at the end of each build; ``_static/thawbook-sortable.js`` loads it
#: and it fills every ``<span class="thawbook-build">`` of the footer (``_config.yml``).
STAMP_SCRIPT = "_static/thawbook-build.js"


def stamp_script(stamp: str) -> str:
    """The script that writes ``stamp`` into the footer's build span(s)."""
    import json

    return (
        "/* Written by thawbook.render.provenance at the end of the build: the build's date and commit. */\n"
        "document.querySelectorAll('.thawbook-build').forEach(function (span) { span.textContent = "
        f"{json.dumps(stamp)}; }});\n"
    )


def write_build_stamp(app, exception) -> None:
    """Write the build stamp as a script beside the pages, not into them: the pages of one commit
    stay byte-identical whenever and wherever they are built, and an unchanged page is not
    rewritten just because the date or the commit moved on."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / STAMP_SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(stamp_script(build_stamp()), encoding="utf-8")


def setup(app) -> dict:
    """Register the cite box, the correction role and the provenance hooks with Sphinx."""
    app.add_directive("thawbook-cite", _cite_directive())
    app.add_role("correction", _correction_role)
    app.connect("doctree-resolved", resolve_row_links)
    app.connect("html-page-context", list_roles_for_references)
    app.connect("build-finished", write_build_stamp)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
