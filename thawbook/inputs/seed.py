"""The seed article: read it byte for byte, split it, and locate verbatim evidence in it.

The seed is never edited. Everything the report claims about it points back into it
through an ``evidence`` span that must occur exactly once; :func:`locate` turns such a
span into character offsets and a paragraph number.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from thawbook.paths import ROOT, SEED, SEEDS, read_recorded, record_read

SEED_SHA256 = "06dd7ff0ab21ae4a7ffc8b326b7317383e0aa53afb549bf6286ba0b57b866f63"
SEED_README = SEEDS / "README.md"


@dataclass(frozen=True)
class Span:
    """Where a piece of evidence sits in the seed: ``text[start:end]`` equals it."""

    start: int
    end: int
    paragraph: int  # 0 is the headline, 1 the first body paragraph


class EvidenceError(ValueError):
    """Evidence that is empty, absent from the seed, or found more than once."""


class SeedError(ValueError):
    """The seed is not the article the report was written from: it was edited, or is missing."""


def _shown(path: Path) -> str:
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def documented_sha256(readme: Path = SEED_README) -> str:
    """The SHA-256 that ``seeds/README.md`` records for the seed."""
    found = (
        re.search(r"SHA-256: `([0-9a-f]{64})`", read_recorded(readme).decode("utf-8"))
        if readme.exists()
        else None
    )
    if not found:
        raise SeedError(
            f"{_shown(readme)}: records no SHA-256 of the seed (a line 'SHA-256: `<hex>`') "
            "[rule: seed_sha256]"
        )
    return found.group(1)


def check_seed(path: Path = SEED, readme: Path = SEED_README) -> None:
    """Stop, naming the file, unless the seed's bytes hash to the SHA-256 in ``seeds/README.md``
    (and in this module). The book build calls this before it reads anything."""
    if not Path(path).exists():
        raise SeedError(f"{_shown(path)}: file not found [rule: seed_sha256]")
    actual, documented = seed_sha256(path), documented_sha256(readme)
    for expected, where in ((documented, _shown(readme)), (SEED_SHA256, "thawbook.inputs.seed.SEED_SHA256")):
        if actual != expected:
            raise SeedError(
                f"{_shown(path)}: SHA-256 is {actual}, {where} records {expected}; the seed is never "
                "edited (restore it byte for byte) [rule: seed_sha256]"
            )


@cache
def read_seed(path: Path = SEED) -> str:
    """The article as text, exactly as stored (UTF-8); the seed itself only if its hash is right."""
    record_read(path)
    if Path(path) == SEED:
        check_seed(path)
    return read_recorded(path).decode("utf-8")


def seed_sha256(path: Path = SEED) -> str:
    """The SHA-256 hex digest of the seed file's bytes."""
    return hashlib.sha256(read_recorded(Path(path))).hexdigest()


@cache
def paragraph_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of each non-empty paragraph; paragraphs are separated by blank lines."""
    bounds = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        if match.group().strip():
            bounds.append((match.start(), match.end()))
    return tuple(bounds)


def paragraphs(text: str | None = None) -> list[str]:
    """The seed's non-empty paragraphs, in reading order."""
    text = read_seed() if text is None else text
    return [text[a:b] for a, b in paragraph_bounds(text)]


_SENTENCE_END = re.compile(r"(?<=[.!?])[”’\"')]*\s+(?=[“\"(A-Z])")


def sentences(text: str | None = None) -> list[tuple[int, int, int]]:
    """(paragraph, start, end) of each sentence, split at terminal punctuation followed by a capital.

    The headline counts as one sentence. Abbreviations such as "Mr." or "J." followed by a
    capital are not sentence ends.
    """
    text = read_seed() if text is None else text
    out = []
    for number, (a, b) in enumerate(paragraph_bounds(text)):
        para = text[a:b]
        cuts = [0]
        for match in _SENTENCE_END.finditer(para):
            before = para[: match.start()].rstrip("”’\"')")
            last_word = before.split()[-1] if before.split() else ""
            if re.fullmatch(r"(Mr|Mrs|Ms|Dr|[A-Z])\.", last_word):
                continue
            cuts.append(match.end())
        cuts.append(len(para))
        for s, e in zip(cuts, cuts[1:]):
            chunk = para[s:e].rstrip()
            if chunk:
                out.append((number, a + s, a + s + len(chunk)))
    return out


def paragraph_of(offset: int, text: str | None = None) -> int:
    """The number of the paragraph containing character ``offset``."""
    text = read_seed() if text is None else text
    for number, (a, b) in enumerate(paragraph_bounds(text)):
        if a <= offset < b:
            return number
    raise ValueError(f"offset {offset} is not inside a paragraph")


def locate(evidence: str, text: str | None = None) -> Span:
    """The single place where ``evidence`` occurs verbatim in the seed.

    Raises :class:`EvidenceError` if it is empty, absent, or occurs more than once.
    """
    text = read_seed() if text is None else text
    if not isinstance(evidence, str) or not evidence.strip():
        raise EvidenceError("evidence is empty")
    first = text.find(evidence)
    if first < 0:
        raise EvidenceError(f"evidence is not a verbatim span of the seed: {evidence[:80]!r}")
    second = text.find(evidence, first + 1)
    if second >= 0:
        count = text.count(evidence)
        raise EvidenceError(
            f"evidence occurs {count} times in the seed, must occur exactly once "
            f"(lengthen it): {evidence[:80]!r}"
        )
    end = first + len(evidence)
    paragraph = paragraph_of(first, text)
    if paragraph_of(end - 1, text) != paragraph:
        raise EvidenceError(f"evidence crosses a paragraph break: {evidence[:80]!r}")
    return Span(first, end, paragraph)


def words(text: str) -> list[str]:
    """Words as a reader counts them: runs of letters or digits, with inner apostrophes and hyphens."""
    return re.findall(r"[^\W_]+(?:['’\-.][^\W_]+)*", text)


def paragraph_table(text: str | None = None):
    """One row per paragraph: its number, sentence and word counts, and its opening words."""
    import pandas as pd

    text = read_seed() if text is None else text
    sentence_counts: dict[int, int] = {}
    for number, _, _ in sentences(text):
        sentence_counts[number] = sentence_counts.get(number, 0) + 1
    rows = []
    for number, para in enumerate(paragraphs(text)):
        rows.append(
            {
                "paragraph": number,
                "kind": "headline" if number == 0 else "body",
                "sentences": sentence_counts.get(number, 0),
                "words": len(words(para)),
                "opening": " ".join(para.split()[:8]) + (" …" if len(para.split()) > 8 else ""),
            }
        )
    return pd.DataFrame(rows)


def seed_figures(text: str | None = None) -> dict:
    """What chapter 01 says about the article: words, body paragraphs, sentences, curly-quoted
    spans, the median body paragraph's words, and the start of the seed's SHA-256 (as Markdown)."""
    from IPython.display import Markdown

    text = read_seed() if text is None else text
    body = paragraph_table(text).query("kind == 'body'")
    return {
        "n_words": len(words(text)),
        "n_body_paragraphs": len(body),
        "n_sentences": len(sentences(text)),
        "n_curly_quotes": len(re.findall("“[^”]*”", text)),
        "median_words": int(body["words"].median()),
        "sha_short": Markdown(f"`{seed_sha256()[:12]}…`"),
    }


ANNOTATED_PAGE = "02_annotated_source.html"


def anchor(evidence: str) -> str:
    """The HTML id of an evidence span in the annotated source: ``span-<start>-<end>``."""
    span = locate(evidence)
    return f"span-{span.start}-{span.end}"
