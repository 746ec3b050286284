"""The built HTML, read as text: no leaked Python reprs, no CDN, every glue filled in."""

from __future__ import annotations

import re

import pytest

from tests.conftest import book_pages


@pytest.fixture(scope="module")
def pages(built_book):
    return {str(p.relative_to(built_book)): p.read_text(encoding="utf-8") for p in book_pages(built_book)}


def test_no_page_shows_a_python_repr_instead_of_a_value(pages):
    leaks = {
        name: re.findall(
            r"&lt;IPython\.core\.display\.\w+ object&gt;|<IPython\.core\.display\.\w+ object>|object at 0x[0-9a-f]+",
            html,
        )
        for name, html in pages.items()
    }
    leaks = {name: found for name, found in leaks.items() if found}
    assert not leaks, leaks


def test_no_page_refers_to_a_public_cdn(pages):
    cdns = {
        name: sorted(
            set(re.findall(r"https://(?:cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com)[^\"' ]*", html))
        )
        for name, html in pages.items()
    }
    cdns = {name: found for name, found in cdns.items() if found}
    print(f"{len(pages)} pages scanned for CDN references")
    assert not cdns, cdns


def test_every_chapter_page_stays_under_300_kb(pages, built_book):
    sizes = {name: (built_book / name).stat().st_size for name in pages}
    for name, size in sorted(sizes.items()):
        print(f"{name}: {size:,d} bytes")
    assert max(sizes.values()) < 300_000
