"""Property-based proofs that the escaping helpers hold for any input, not only for the payloads
we thought of: hypothesis generates text rich in backtick runs, brackets, braces, angle brackets,
backslashes, colons and dollar signs, wraps it the way the notebooks wrap values, and the output
is parsed by the parsers that read it in the book (MyST's markdown-it for :func:`md` and
:func:`escape_markdown`, an HTML parser for :func:`escape_html` and chart specs in ``<script>``)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from thawbook.charts.theme import ScriptSafeJSONEncoder
from thawbook.render import display

# Bounded and reproducible: the same examples on every run, in a few seconds.
BOUNDED = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

PIECES = st.sampled_from(
    [
        "`",
        "``",
        "```",
        "````",
        "\\",
        "\\`",
        "{",
        "}",
        "{raw}",
        "{eval-rst}",
        "{{",
        "}}",
        "[",
        "]",
        "(",
        ")",
        "(x)=",
        "<",
        ">",
        "<b>",
        "</script>",
        "<http://x.org>",
        "<javascript:x>",
        ":",
        ":::",
        "::",
        "$",
        "$$",
        "!",
        "&",
        "&lt;",
        "#",
        "|",
        "~~~",
        "*",
        "_",
        "=",
        "-",
        "+",
        "%",
        " ",
        "  ",
        "    ",
        "\n",
        "\r\n",
        "\t",
        "a",
        "bc",
        "javascript:alert(1)",
        "mailto:x@y.z",
        "http://example.org",
        "x@y.z",
        "[^1]",
        "]: ",
        "{doc}",
        "{sub-ref}",
        "html",
        "\u00e9",
    ]
)
TEXT = st.one_of(st.lists(PIECES, max_size=24).map("".join), st.text(max_size=40))

# How the notebooks put a value into text for {glue:md}: bare, emphasised, in a code span, in a
# sentence with both.
WRAPPINGS = [
    "{}",
    "*{}*",
    "`{}`",
    "The *{}* and `{}`.",
    "{} (`{}`): *{}*",
    "``{}``",
]


def parser():
    config = MdParserConfig(enable_extensions={"colon_fence", "deflist", "dollarmath", "substitution"})
    return create_md_parser(config, RendererHTML)


MD = parser()
UNSAFE_TOKENS = {
    "html_block",
    "html_inline",
    "myst_role",
    "myst_target",
    "math_inline",
    "math_inline_double",
    "math_block",
    "math_block_label",
    "amsmath",
    "substitution_inline",
    "substitution_block",
    "image",
    "footnote_ref",
}


def tokens(markdown: str):
    for token in MD.parse(markdown):
        yield token
        yield from token.children or []


def assert_inert(markdown: str) -> None:
    """No HTML, role, directive, target, autolink, math, substitution or non-http link survives."""
    for token in tokens(markdown):
        assert token.type not in UNSAFE_TOKENS, (token.type, markdown)
        if token.type in ("fence", "colon_fence"):
            assert not token.info.strip().startswith("{"), ("directive", markdown)
        if token.type == "link_open":
            assert token.markup not in ("autolink", "linkify"), ("autolink", markdown)
            href = token.attrGet("href") or ""
            assert href.startswith(("http://", "https://")), ("link", href, markdown)


@BOUNDED
@given(st.sampled_from(WRAPPINGS), st.lists(TEXT, min_size=3, max_size=3))
def test_md_leaves_no_markup_in_any_wrapped_value(wrapping, values):
    assert_inert(display.md(wrapping.format(*values)).data)


@BOUNDED
@given(TEXT)
def test_md_leaves_no_markup_in_any_text(text):
    assert_inert(display.md(text).data)


@BOUNDED
@given(TEXT)
def test_escape_markdown_leaves_no_markup_and_keeps_one_paragraph(text):
    markdown = f"Before {display.escape_markdown(text)} after"
    assert_inert(markdown)
    assert [t.type for t in MD.parse(markdown)] == ["paragraph_open", "inline", "paragraph_close"]


@BOUNDED
@given(TEXT)
def test_code_md_is_one_code_span_showing_the_value(text):
    value = re.sub(r"[\r\n]+", " ", text)  # line breaks become one space, as code_md says
    inline = [t for t in tokens(f"Code: {display.code_md(text)}") if t.type == "code_inline"]
    assert len(inline) == 1
    assert inline[0].content == (value or " ").replace("\0", "\ufffd")  # CommonMark replaces NUL


class Collect(HTMLParser):
    """Every tag, attribute and text an HTML parser sees."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, attrs))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        if self.events and self.events[-1][0] == "data":
            self.events[-1] = ("data", self.events[-1][1] + data)
        else:
            self.events.append(("data", data))

    def handle_comment(self, data):
        self.events.append(("comment", data))

    def handle_decl(self, decl):
        self.events.append(("decl", decl))

    def handle_pi(self, data):
        self.events.append(("pi", data))

    def unknown_decl(self, data):
        self.events.append(("unknown", data))


def parse_html(text: str) -> list:
    collector = Collect()
    collector.feed(text)
    collector.close()
    return collector.events


@BOUNDED
@given(TEXT)
def test_escape_html_is_text_and_attribute_value_exactly(text):
    escaped = display.escape_html(text)
    events = parse_html(f"<p title=\"{escaped}\" class='{escaped}'>{escaped}</p>")
    body = [("data", text)] if text else []
    assert events == [("start", "p", [("title", text), ("class", text)]), *body, ("end", "p")]


SPEC_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)


@BOUNDED
@given(SPEC_VALUES)
def test_a_chart_spec_stays_inside_its_script_and_reads_back(spec):
    body = json.dumps(
        {"data": spec, "title": spec if isinstance(spec, str) else "t"}, cls=ScriptSafeJSONEncoder
    )
    events = parse_html(f'<script type="application/json">{body}</script><p>after</p>')
    assert events[0] == ("start", "script", [("type", "application/json")])
    assert events[1] == ("data", body) and events[2] == ("end", "script"), events
    assert events[3:] == [("start", "p", []), ("data", "after"), ("end", "p")]
    assert "<!--" not in body and "</" not in body.lower()
    assert json.loads(body)["data"] == spec
