"""The seed is the article byte for byte, and the package splits and searches it faithfully."""

import pytest

from thawbook.inputs.seed import (
    SEED_SHA256,
    EvidenceError,
    locate,
    paragraphs,
    read_seed,
    seed_sha256,
    sentences,
    words,
)
from thawbook.paths import ROOT, SEEDS


def test_seed_hash_is_unchanged_and_matches_its_readme():
    assert seed_sha256() == SEED_SHA256
    assert SEED_SHA256 in (SEEDS / "README.md").read_text()


def test_seed_matches_the_shared_copy_when_it_is_present():
    shared = ROOT.parent / "shared" / "seeds" / "000_efb7a1c38396a014.txt"
    if not shared.exists():
        pytest.skip("no shared/ beside this checkout")
    assert shared.read_bytes() == (SEEDS / "000_efb7a1c38396a014.txt").read_bytes()


def test_paragraphs_are_split_at_blank_lines_with_the_headline_first():
    parts = paragraphs()
    assert parts[0].startswith("China Wants To Establish")
    assert len(parts) == 27
    assert all("\n\n" not in p for p in parts)


def test_sentences_do_not_split_at_titles_or_initials():
    text = read_seed()
    spans = [text[a:b] for _, a, b in sentences()]
    assert any("Lloyd J. Austin III" in s for s in spans)
    assert not any(s.endswith("Mr.") for s in spans)
    print(f"{len(spans)} sentences")


def test_locate_returns_offsets_and_paragraph_of_a_unique_span():
    span = locate("Micron Technology")
    assert read_seed()[span.start : span.end] == "Micron Technology"
    assert span.paragraph == paragraphs().index(next(p for p in paragraphs() if "Micron Technology" in p))


@pytest.mark.parametrize(
    "evidence, problem",
    [
        ("", "empty"),
        ("a sentence the article never wrote", "not a verbatim span"),
        ("Beijing", "occurs"),
        ("“healthy” economic relations.\n\nFor China", "crosses a paragraph break"),
    ],
)
def test_locate_rejects_empty_absent_repeated_or_cross_paragraph_evidence(evidence, problem):
    with pytest.raises(EvidenceError, match=problem):
        locate(evidence)


def test_words_keep_contractions_and_hyphenated_words_whole():
    assert words("China's cabinet-level U.S. talks") == ["China's", "cabinet-level", "U.S", "talks"]


def test_an_edited_seed_is_refused_naming_the_file(tmp_path):
    from thawbook.inputs.seed import SEED_README, SeedError, check_seed

    check_seed()  # the real seed passes
    edited = tmp_path / "000_efb7a1c38396a014.txt"
    edited.write_bytes((SEEDS / "000_efb7a1c38396a014.txt").read_bytes().replace(b"Beijing", b"Peking", 1))
    with pytest.raises(SeedError) as caught:
        check_seed(edited, SEED_README)
    message = str(caught.value)
    print(message)
    assert message.startswith(str(edited)) and "SHA-256 is " in message and SEED_SHA256 in message
    assert message.endswith("[rule: seed_sha256]")


def test_a_readme_that_records_no_hash_is_refused(tmp_path):
    from thawbook.inputs.seed import SeedError, check_seed

    readme = tmp_path / "README.md"
    readme.write_text("# seeds\n", encoding="utf-8")
    with pytest.raises(SeedError, match=r"README\.md: records no SHA-256"):
        check_seed(readme=readme)
