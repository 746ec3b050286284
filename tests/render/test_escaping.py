"""Data strings reach pages only through thawbook.render.display's escaping helpers and the theme's
script-safe chart specs: hostile values render as their characters and never as markup."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd
import pytest
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from thawbook.charts import theme
from thawbook.inputs.tables import load_table
from thawbook.render import dictionary, display

PAYLOADS = [
    "<img src=x onerror=document.title='pwned'>",
    "</script><script>document.title='pwned'</script>",
    "[x](javascript:document.title='pwned')",
    "<!--<script>",
    "{{ 7 * 7 }} {raw}`<b>pwned</b>` $\\href{javascript:x}{y}$",
    "\n:::{raw} html\n<b>pwned</b>\n:::\n",
]


def render(markdown: str) -> str:
    """Markdown as MyST renders it with the book's extensions (raw HTML passes through)."""
    parser = create_md_parser(
        MdParserConfig(enable_extensions={"colon_fence", "deflist", "dollarmath", "substitution"}),
        RendererHTML,
    )
    return parser.render(markdown)


def assert_inert(html: str) -> None:
    assert not re.search(r"<(img|script|b)\b", html), html
    assert "javascript:" not in re.findall(r'href="([^"]*)"', html).__str__(), html
    assert 'class="substitution"' not in html and "math" not in html and "myst role" not in html, html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escape_markdown_renders_the_characters_and_no_markup(payload):
    html = render(f"Before {display.escape_markdown(payload)} after")
    assert_inert(html)
    assert html.count("<p>") == 1


@pytest.mark.parametrize("payload", PAYLOADS)
def test_md_keeps_emphasis_and_code_but_neutralises_markup(payload):
    html = render(display.md(f"*{payload}* and `{payload.strip()[:5]}`").data)
    assert_inert(html)
    assert "<em>" in html or payload.startswith("\n")  # "* " opens a list item, which is harmless


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escape_html_leaves_no_tag(payload):
    assert "<" not in display.escape_html(payload) and '"' not in display.escape_html('"' + payload)


def test_code_span_cannot_be_closed_by_a_value():
    html = render(display.code_md("a`<b>`c"))
    assert html.count("<code>") == 1 and "<b>" not in html


@pytest.mark.parametrize(
    "url", ["javascript:document.title='pwned'", "data:text/html,x", "//example.org", "ftp://x/y"]
)
def test_safe_url_admits_only_http(url):
    with pytest.raises(ValueError):
        display.safe_url(url)


def test_safe_url_cannot_end_the_link_destination():
    assert display.safe_url("https://example.org/a (b)<c>") == "https://example.org/a%20%28b%29%3Cc%3E"


def test_context_box_escapes_every_value():
    context = load_table("context").copy()
    first = context.index[0]
    for column in ("claim", "source_publisher", "source_title"):
        context.loc[first, column] = " ".join(PAYLOADS)
    box = display.context_box(context, [context.loc[first, "context_id"]], title=PAYLOADS[0]).data
    fence, option, blank, *body = box.splitlines()
    assert fence.startswith(":::{admonition} ") and body[-1] == ":::"
    assert_inert(render(fence.removeprefix(":::{admonition} ")))  # MyST parses the title as Markdown
    html = render("\n".join(body[:-1]))
    assert_inert(html)
    assert html.count("<a ") == 2 and html.count("<li>") == 1  # the source, and the id's row in chapter 08


def test_table_escapes_cells_captions_and_headers():
    frame = pd.DataFrame({PAYLOADS[1]: [PAYLOADS[0]], "note": [PAYLOADS[3]]})
    html = display.table(frame, PAYLOADS[1], ident='x" onmouseover="y').data
    assert not re.search(r"<(img|script)\b", html) and 'onmouseover="' not in html


def test_data_dictionary_summary_escapes_the_package_text():
    summary = dictionary.resource_summary(
        {
            "name": "x`y",
            "path": "x.csv",
            "title": PAYLOADS[0],
            "description": PAYLOADS[5] + PAYLOADS[2],
            "schema": {"fields": [], "primaryKey": "id`<b>"},
        },
        rows=1,
    )
    assert_inert(render(dictionary.summary_markdown(summary)))


def test_chart_specs_cannot_end_their_script():
    theme.enable()
    chart = alt.Chart(pd.DataFrame({"a": PAYLOADS}), title=PAYLOADS[1]).mark_point().encode(x="a:N")
    bundle = chart._repr_mimebundle_()
    html = (bundle[0] if isinstance(bundle, tuple) else bundle)["text/html"]
    assert html.count("</script>") == 1 and "<!--<" not in html
    assert theme.script_safe('"</script><!--"') == '"\\u003c/script>\\u003c!--"'
