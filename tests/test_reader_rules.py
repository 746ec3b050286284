"""Rules for what a reader sees: key points taken in at a glance, plain words, terms explained.

These read the stored notebooks (markdown cells, and the glued values of their stored outputs,
which nbval keeps current) and the Markdown pages, the way ``test_notebook_rules`` does:

- every key-points box has at most 5 bullets, each at most 45 words, and at most 220 words in
  all, counted on the text a reader sees (glued values expanded, roles shown as their words);
- no internal id (``co-…``, ``ev-…``, …) and no file path shows in prose or captions;
- on every page, the first use of each technical term links to the glossary (``{term}``);
- no caption asks for hovering alone ("tap or hover"), nor for a click alone ("tap or click");
- on every page, the first mention of each person the article names, in the page's own prose,
  links to the glossary's who's who (a mention inside a glued finding cannot carry a link).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from thawbook.paths import ROOT

NOTEBOOKS = sorted([ROOT / "index.ipynb", *(ROOT / "chapters").glob("*.ipynb")])
PAGES = [*NOTEBOOKS, *sorted((ROOT / "chapters").glob("9[1-4]_*.md"))]

MAX_BULLETS, MAX_BULLET_WORDS, MAX_BOX_WORDS = 5, 45, 220

#: An internal id as the data writes it: a table's prefix, a hyphen and at least one word.
ID = re.compile(r"(?<![\w-])(?:co|ta|al|me|ev|cx|ac|qu|po|mi|te|ec)-[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")
#: A file path or file name of the project.
PATH = re.compile(
    r"(?<![\w/])(?:data|seeds|thawbook|chapters|tests|_static|_build)/[\w./-]*|\b[\w-]+\.(?:csv|json|py|txt|ipynb)\b"
)

#: Glossary entry -> what counts as using the term in a page's visible text.
TERMS = {
    "fragile finding": r"\bfragile\b",
    "robust finding": r"\brobust\b",
    "alternative reading": r"\balternative readings?\b",
    "hull": r"\bhull\b",
    "Goldstein scale": r"\bGoldstein\b",
    "QuadClass": r"\bQuadClass\b",
    "CAMEO": r"\bCAMEO\b",
    "PLOVER": r"\bPLOVER\b",
    "EDTF": r"\bEDTF\b",
    "ISO week": r"\b\d{4}-W\d{2}\b|\bISO weeks?\b",
    "Kendall's tau-b": r"\bKendall",
    "seed": r"\bseed\b",
    "SHA-256": r"\bSHA-256\b",
    "Table Schema": r"\bTable Schema\b",
    "GDELT": r"\bGDELT\b",
}
#: The glossary's who's who: entry -> what counts as naming the person (a surname alone, too).
PEOPLE = {
    "Biden": r"\bBiden\b",
    "Jake Sullivan": r"\bSullivan\b",
    "Lloyd Austin": r"\bAustin\b",
    "John Kerry": r"\bKerry\b",
    "Janet Yellen": r"\bYellen\b",
    "Xi Jinping": r"\bXi\b",
    "Wang Yi": r"\bWang Yi\b",
    "Qin Gang": r"\bQin\b",
    "Li Shangfu": r"\bLi\b",
    "Mao Ning": r"\bMao Ning\b",
    "Xie Feng": r"\bXie\b",
    "Drew Thompson": r"\bThompson\b",
    "Shen Dingli": r"\bShen\b",
    "Bonnie Glaser": r"\bGlaser\b",
    "Paul Haenle": r"\bHaenle\b",
    "Tim Cook": r"\bCook\b",
    "Elon Musk": r"\bMusk\b",
}
#: Pages that define the terms rather than use them.
TERM_EXEMPT = {"93_glossary.md", "94_references.md"}


# ---------------------------------------------------------------- reading the pages
def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell) -> str:
    return "".join(cell["source"])


def prose(path: Path) -> list[str]:
    """The page's Markdown, block by block, in reading order."""
    if path.suffix == ".md":
        return [path.read_text(encoding="utf-8")]
    return [source(c) for c in cells(path) if c["cell_type"] == "markdown"]


def glued(path: Path) -> dict[str, str]:
    """Every glued name of a notebook with the text its stored output shows."""
    values = {}
    if path.suffix != ".ipynb":
        return values
    for cell in cells(path):
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name and not name.startswith("fig-"):
                data = output["data"]
                text = data.get(
                    "application/papermill.record/text/markdown",
                    data.get("application/papermill.record/text/plain", ""),
                )
                values[name] = "".join(text) if isinstance(text, list) else str(text)
    return values


def title(docname: str, base: Path) -> str:
    """The first heading of the page a ``{doc}`` role names (what the reader sees)."""
    target = (base / docname).resolve()
    for candidate in (target.with_suffix(".ipynb"), target.with_suffix(".md")):
        if candidate.exists():
            for block in prose(candidate):
                for line in block.splitlines():
                    if line.startswith("# "):
                        return line[2:].strip()
    return docname


GLUE = re.compile(r"\{glue(?::(?:md|text|any))?\}`([^`]+)`")
ROLE = re.compile(r"\{(term|ref|doc|numref|correction|cite:p|cite:t|cite)\}`([^`]+)`")
EXPLICIT = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.S)


def _plain_number(value: str, spec: str) -> str:
    text = value.strip().strip("'\"")
    if spec:
        try:
            return format(float(text), spec)
        except ValueError:
            return text
    return text


def visible(text: str, values: dict[str, str], base: Path, *, marks: bool = False) -> str:
    """``text`` as a reader sees it: glued values in place, roles as their words.

    With ``marks``, each ``{term}`` role becomes ``⟦term:entry⟧words`` so that term checks can
    see where a term is linked; a glued verdict mark becomes ``⟦mark⟧``."""

    def glue(match):
        name, _, spec = match.group(1).partition(":")
        value = values.get(name, name)
        if marks and name.endswith("-verdict"):
            return "⟦mark⟧"
        # a glued value is itself MyST: expand its roles too
        return visible(_plain_number(value, spec), {}, base, marks=marks)

    def role(match):
        kind, body = match.groups()
        explicit = EXPLICIT.match(body)
        words, target = (explicit.group(1), explicit.group(2)) if explicit else (body, body)
        if kind == "term":
            return f"⟦term:{target.strip().lower()}⟧{words}" if marks else words
        if marks and kind in ("doc", "ref"):
            return "⟦link⟧"  # a link's words name a page or entry; they do not use a term
        if kind == "doc":
            return words if explicit else title(target, base)
        if kind == "numref":
            return "Fig. 1"
        if kind.startswith("cite"):
            return "(Author 2000)"
        return words  # ref and correction show their title, or their target when none is given

    text = GLUE.sub(glue, text)
    text = ROLE.sub(role, text)
    text = re.sub(r"<[^>\n]+>", "", text)  # raw HTML tags show only their content
    text = re.sub(r"\\(.)", r"\1", text)  # backslash escapes
    return text


def words(text: str) -> int:
    """Words as a reader counts them: runs of letters or digits (a number with its sign and
    decimals is one word)."""
    return len(re.findall(r"[\w][\w'’.,%+−-]*", text))


def key_point_boxes(text: str) -> list[list[str]]:
    """The bullets of every key-points (or key-findings) admonition in ``text``."""
    boxes = []
    for match in re.finditer(
        r"^:::\{admonition\} Key (?:points|findings)[^\n]*\n(.*?)^:::", text, re.S | re.M
    ):
        bullets, current = [], None
        for line in match.group(1).splitlines():
            if line.startswith("- "):
                current = [line[2:]]
                bullets.append(current)
            elif line.startswith(":") or not line.strip():
                continue
            elif current is not None:
                current.append(line.strip())
        boxes.append([" ".join(b) for b in bullets])
    return boxes


def box_problems(bullets: list[str], values: dict[str, str], base: Path) -> list[str]:
    """What breaks the glance rules in one box, in words."""
    counts = [words(visible(b, values, base)) for b in bullets]
    problems = []
    if len(bullets) > MAX_BULLETS:
        problems.append(f"{len(bullets)} bullets (at most {MAX_BULLETS})")
    problems += [
        f"bullet {i + 1} has {n} words (at most {MAX_BULLET_WORDS}): {bullets[i][:60]}…"
        for i, n in enumerate(counts)
        if n > MAX_BULLET_WORDS
    ]
    if sum(counts) > MAX_BOX_WORDS:
        problems.append(f"the box has {sum(counts)} words (at most {MAX_BOX_WORDS})")
    return problems


# ---------------------------------------------------------------- the rules
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_key_points_are_taken_in_at_a_glance(path):
    values = glued(path)
    boxes = [box for block in prose(path) for box in key_point_boxes(block)]
    problems = [p for box in boxes for p in box_problems(box, values, path.parent)]
    for box in boxes:
        counts = [words(visible(b, values, path.parent)) for b in box]
        print(f"{path.name}: {len(box)} bullets, longest {max(counts, default=0)}, box {sum(counts)} words")
    assert not problems, problems


def test_the_glance_rules_can_fail():
    long = " ".join(["word"] * 46)
    assert box_problems([long], {}, ROOT)  # one bullet over 45 words
    assert box_problems(["a"] * 6, {}, ROOT)  # six bullets
    assert not box_problems([" ".join(["w"] * 40)] * 5, {}, ROOT)  # 200 words: fine
    assert box_problems([" ".join(["w"] * 45)] * 5, {}, ROOT)  # 225 words in the box
    # glued values count: a short source can carry a long value
    assert box_problems(["{glue:md}`x` ends."], {"x": long}, ROOT)
    # a doc role shows the page's title, not its name
    assert (
        visible("{doc}`chapters/10_thaw_index`", {}, ROOT) == "The thaw index: scoring the article's events"
    )


def test_every_box_is_found():
    """The parser finds a box on every page that has one (so the rule above cannot pass empty)."""
    found = {p.name for p in NOTEBOOKS if any(key_point_boxes(b) for b in prose(p))}
    expected = {p.name for p in NOTEBOOKS if any(":::{admonition} Key" in b for b in prose(p))}
    assert found == expected and len(found) >= 12, found


def developer_section_removed(text: str) -> str:
    """``text`` without the About page's "How to reproduce" section: commands for a developer,
    which must name files as they are."""
    return re.sub(r"^## How to reproduce\n.*?(?=^## |\Z)", "", text, flags=re.S | re.M)


def ids_and_paths(text: str) -> list[str]:
    """Internal ids and file paths in ``text`` (code spans count: they are visible too)."""
    return ID.findall(text) + PATH.findall(text)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_no_internal_ids_or_paths_in_visible_prose(path):
    values = glued(path)
    # the About page ends with commands for a developer, which name files as they must
    shown = [developer_section_removed(visible(block, values, path.parent)) for block in prose(path)]
    found = sorted({hit for text in shown for hit in ids_and_paths(text)})
    assert not found, found


def test_the_id_rule_can_fail():
    assert ids_and_paths(visible("as {correction}`co-dropped-balloon` says", {}, ROOT)) == [
        "co-dropped-balloon"
    ]
    assert ids_and_paths(visible("as {correction}`the correction <co-dropped-balloon>` says", {}, ROOT)) == []
    assert ids_and_paths("see `data/events.csv` and events_cameo.csv") == [
        "data/events.csv",
        "events_cameo.csv",
    ]
    assert ids_and_paths("co-operation, re-coded, a co-author") == []


def _first_is_link(text: str, entry: str, pattern: str) -> bool:
    """Whether the term's first use in ``text`` comes at, or after, a link to its entry."""
    link = f"⟦term:{entry.lower()}⟧"
    position = text.find(link)
    bare = re.search(pattern, text)
    return position >= 0 and (bare is None or position <= bare.start())


@pytest.mark.parametrize("path", [p for p in PAGES if p.name not in TERM_EXEMPT], ids=lambda p: p.name)
def test_first_use_of_each_term_links_to_the_glossary(path):
    missing = [e for e in TERMS if not _ok(prose(path), glued(path), path.parent, e)]
    assert not missing, missing


def _ok(blocks: list[str], values: dict[str, str], base: Path, entry: str, patterns=TERMS) -> bool:
    text = "\n".join(visible(b, values, base, marks=True) for b in blocks)
    text = re.sub(r"^#+ .*$", "", text, flags=re.M)  # a heading cannot carry a link
    text = developer_section_removed(text)
    if patterns is PEOPLE:  # the article's words in straight quotes are verbatim: they carry no link
        text = re.sub(r'"[^"]*"', " ", text)
    if re.search(patterns[entry], re.sub(r"⟦[^⟧]*⟧", " ", text)) is None:
        return True  # not used on this page
    return _first_is_link(text, entry, patterns[entry])


@pytest.mark.parametrize("path", [p for p in PAGES if p.name not in TERM_EXEMPT], ids=lambda p: p.name)
def test_first_mention_of_each_person_in_a_pages_own_prose_links_to_the_whos_who(path):
    # Glued values are left out (their names stand in for them): a finding's words cannot link.
    missing = [e for e in PEOPLE if not _ok(prose(path), {}, path.parent, e, PEOPLE)]
    assert not missing, missing


def test_the_person_rule_can_fail_and_every_person_of_the_actors_table_has_an_entry():
    assert not _ok(["Austin met {term}`Li <Li Shangfu>`."], {}, ROOT, "Lloyd Austin", PEOPLE)
    assert _ok(["{term}`Austin <Lloyd Austin>` met Li."], {}, ROOT, "Lloyd Austin", PEOPLE)
    text = (ROOT / "chapters" / "93_glossary.md").read_text(encoding="utf-8")
    body = text[text.index("## Who's who") :]
    entries = {
        line.strip() for line in body.splitlines() if line and not line.startswith((" ", "`", ":", "#"))
    }
    assert set(PEOPLE) <= entries, set(PEOPLE) - entries
    with open(ROOT / "data" / "actors.csv", encoding="utf-8", newline="") as handle:
        people = [r["name"] for r in csv.DictReader(handle) if r["actor_type"] == "person"]
    unnamed = [name for name in people if not any(re.search(p, name) for p in PEOPLE.values())]
    print(f"{len(people)} people in the actors table, {len(PEOPLE)} in the who's who")
    assert not unnamed, unnamed


def test_the_term_rule_can_fail():
    assert not _ok(
        ["A Goldstein sum, then {term}`Goldstein <Goldstein scale>`."], {}, ROOT, "Goldstein scale"
    )
    assert _ok(["The {term}`Goldstein scale`, then Goldstein again."], {}, ROOT, "Goldstein scale")
    assert not _ok(["Week {glue:text}`w` is busy."], {"w": "2023-W22"}, ROOT, "ISO week")
    assert _ok(["In the {term}`ISO week <ISO week>` {glue:text}`w`."], {"w": "2023-W22"}, ROOT, "ISO week")
    assert _ok(["Nothing technical."], {}, ROOT, "QuadClass")


def test_the_glossary_is_a_glossary_with_every_term():
    text = (ROOT / "chapters" / "93_glossary.md").read_text(encoding="utf-8")
    body = text[text.index("```{glossary}") :]
    entries = {line.strip() for line in body.splitlines() if line and not line.startswith((" ", "`", ":"))}
    assert set(TERMS) <= entries, set(TERMS) - entries


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_nothing_is_offered_on_hover_alone(path):
    text = " ".join(prose(path))
    hover_only = re.findall(r"[^.]*(?<!tap or )\b[Hh]over\b[^.]*", text)
    hover_only = [s for s in hover_only if not re.search(r"tap or hover|on hover and on tap", s, re.I)]
    assert not hover_only, hover_only


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_nothing_is_offered_on_a_click_alone(path):
    # A phone has no pointer: "tap or click" (or the buttons' own words) is true on both.
    text = " ".join(prose(path))
    click_only = [
        s
        for s in re.findall(r"[^.]*\b[Cc]lick\b[^.]*", text)
        if not re.search(r"tap or click|click or tap", s, re.I)
    ]
    assert not click_only, click_only


def test_a_correction_link_can_show_words_instead_of_the_id():
    from thawbook.render.provenance import _correction_role

    [titled], _ = _correction_role("correction", "", "the correction <co-dropped-balloon>", 0, None)
    assert titled.astext() == "the correction" and titled["thawbook_row"] == "co-dropped-balloon"
    [bare], _ = _correction_role("correction", "", "co-dropped-balloon", 0, None)
    assert bare.astext() == "co-dropped-balloon"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_robustness_mark_is_pasted_as_myst(path):
    """``{glue:md}`` parses CommonMark by default, which would print the mark's ``{ref}`` role as
    text; every verdict is pasted with ``:myst``."""
    bare = [m for block in prose(path) for m in re.findall(r"\{glue:md\}`([a-z0-9-]+-verdict)`", block)]
    assert not bare, bare
