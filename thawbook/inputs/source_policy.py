"""The source policy for outside facts (``data/context.csv``), checked when the table loads.

Each rule looks at one row and returns a problem or nothing; :func:`violations` runs them
all. When :mod:`thawbook.inputs.tables` loads the table, :mod:`thawbook.inputs.checks` turns the first
violation into a :class:`~thawbook.inputs.checks.DataError` naming the file, the row, the column
and the rule, so a row that breaks the policy stops the build. The rules (also listed in the
data dictionary through :data:`RULES`):

- ``no_reference_works``: an encyclopedia or other reference work (``source_type``
  ``reference``, or any Wikipedia address) is not a source for a fact;
- ``no_email_notices``: a forwarded or replied e-mail ("Fwd:", "Re:", "RSVP" in the title) is
  not a source for a fact;
- ``source_title_not_reconstructed``: the title is the page's own, not rebuilt from its URL;
- ``state_media_only_for_its_state``: state media (``source_type`` ``state_media``, with the
  owning state in ``source_state``) may only be used for what that state says: the claim
  must name the state and attribute the words ("China's foreign minister ... said");
  ``source_state`` is filled exactly for state media;
- ``accessed_not_before_source``: a source cannot be read before it was published;
- ``source_type_matches_site``: ``source_type`` is not typed freely: it must be the kind of
  the site the URL points to, as :data:`SITES` (the one list of known sites) classifies it
  (:func:`site_kind`); a site not on the list is ``other``. A copy of wire or government text
  on another site is therefore ``other`` (or the kind of that site), never ``wire`` or
  ``primary``; the column ``via`` names the original;
- ``weak_site_needs_reason``: a row on a site outside primary sources, wire services and
  outlets of record (an ``other`` site, state media, a reference work) says in
  ``source_note`` why no better source was used;
- ``time_dependent_source_in_window``: a fact that changes over time (a title, an office,
  who holds a post; ``time_dependent`` is ``yes``) rests on a source dated within
  :data:`WINDOW_MONTHS` months of the article's publication interval
  (:func:`thawbook.dates.publication.infer_publication_interval`): an undated page, or one
  from long before or after, cannot say what held when the article was written.

The preference among sources (primary, then wire, then outlet of record) is the editors'
job; :func:`site_kind` and the rules above make the choice visible and checked. What the
policy cannot check by machine (that a claim says no more than its one source) is the
editors' job too; the ``accessed`` date records when they did it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd

from thawbook.dates.intervals import iso

# Words that name a state in a claim, by ISO 3166-1 alpha-3 code.
STATE_NAMES = {
    "CHN": ("China", "Chinese", "Beijing", "PRC"),
    "RUS": ("Russia", "Russian", "Moscow", "Kremlin"),
    "IRN": ("Iran", "Iranian", "Tehran"),
    "USA": ("United States", "US", "U.S.", "American", "Washington"),
}
ATTRIBUTION = re.compile(
    r"\b(said|says|say|told|asked|stated|announced|called|warned|according to|quoted)\b", re.IGNORECASE
)
EMAIL_TITLE = re.compile(r"^\s*(fwd?|re|fw)\s*:|\brsvp\b", re.IGNORECASE)

#: The kinds of site a source can sit on, best first; ``state_media`` and ``reference`` are
#: kept apart because the policy restricts them (see the module's rules).
SITE_KINDS = ("primary", "wire", "outlet_of_record", "state_media", "reference", "other")
#: The kinds a row may rest on without giving a reason (``weak_site_needs_reason``).
STRONG_KINDS = ("primary", "wire", "outlet_of_record")

#: THE list of known sites: ``(domain, kind, who)``. A URL's host matches a domain when it is
#: the domain or ends with ``.`` + domain. Kinds: ``primary`` (a government's or institution's
#: own statements, transcripts, rules and filings, and an institution's own pages about itself
#: and its staff), ``wire`` (a news agency's own pages), ``outlet_of_record`` (a national or
#: international news organisation of record, also when it carries a wire's copy: ``via``
#: names the wire), ``state_media`` (outlets a state owns or directs), ``reference``
#: (encyclopedias). Every other site is ``other``: aggregators, regional reposts, blogs,
#: advocacy sites, event listings, podcast directories and legal-text mirrors.
SITES: tuple[tuple[str, str, str], ...] = (
    # governments and institutions, on their own sites
    ("state.gov", "primary", "U.S. Department of State"),
    ("defense.gov", "primary", "U.S. Department of Defense"),
    ("whitehouse.gov", "primary", "The White House"),
    ("treasury.gov", "primary", "U.S. Department of the Treasury"),
    ("bis.gov", "primary", "Bureau of Industry and Security, U.S. Department of Commerce"),
    ("bis.doc.gov", "primary", "Bureau of Industry and Security, U.S. Department of Commerce"),
    ("federalregister.gov", "primary", "Federal Register"),
    ("govinfo.gov", "primary", "U.S. Government Publishing Office"),
    ("pacom.mil", "primary", "U.S. Indo-Pacific Command"),
    ("fmprc.gov.cn", "primary", "Ministry of Foreign Affairs of the PRC"),
    ("mfa.gov.cn", "primary", "Ministry of Foreign Affairs of the PRC"),
    ("china-embassy.gov.cn", "primary", "Embassies of the PRC (foreign ministry releases)"),
    ("mindef.gov.sg", "primary", "Ministry of Defence, Singapore"),
    ("sais.jhu.edu", "primary", "Johns Hopkins SAIS (its own events)"),
    ("gmfus.org", "primary", "German Marshall Fund of the United States (about itself)"),
    ("carnegieendowment.org", "primary", "Carnegie Endowment for International Peace (about itself)"),
    ("carnegietsinghua.org", "primary", "Carnegie-Tsinghua Center (about itself)"),
    ("fudan.edu.cn", "primary", "Fudan University (about itself and its staff)"),
    # wire services, on their own sites
    ("reuters.com", "wire", "Reuters"),
    ("apnews.com", "wire", "Associated Press"),
    ("afp.com", "wire", "Agence France-Presse"),
    # outlets of record
    ("nytimes.com", "outlet_of_record", "The New York Times"),
    ("wsj.com", "outlet_of_record", "The Wall Street Journal"),
    ("washingtonpost.com", "outlet_of_record", "The Washington Post"),
    ("ft.com", "outlet_of_record", "Financial Times"),
    ("bloomberg.com", "outlet_of_record", "Bloomberg"),
    ("bbc.com", "outlet_of_record", "BBC"),
    ("bbc.co.uk", "outlet_of_record", "BBC"),
    ("theguardian.com", "outlet_of_record", "The Guardian"),
    ("cnn.com", "outlet_of_record", "CNN"),
    ("npr.org", "outlet_of_record", "NPR"),
    ("nbcnews.com", "outlet_of_record", "NBC News"),
    ("politico.com", "outlet_of_record", "Politico"),
    ("axios.com", "outlet_of_record", "Axios"),
    ("thehill.com", "outlet_of_record", "The Hill"),
    ("foreignpolicy.com", "outlet_of_record", "Foreign Policy"),
    ("washingtontimes.com", "outlet_of_record", "The Washington Times"),
    ("seattletimes.com", "outlet_of_record", "The Seattle Times"),
    ("aljazeera.com", "outlet_of_record", "Al Jazeera"),
    ("scmp.com", "outlet_of_record", "South China Morning Post"),
    ("nikkei.com", "outlet_of_record", "Nikkei"),
    ("japantimes.co.jp", "outlet_of_record", "The Japan Times"),
    ("straitstimes.com", "outlet_of_record", "The Straits Times"),
    ("thehindu.com", "outlet_of_record", "The Hindu"),
    ("business-standard.com", "outlet_of_record", "Business Standard"),
    ("nzherald.co.nz", "outlet_of_record", "The New Zealand Herald"),
    ("globalnews.ca", "outlet_of_record", "Global News (Canada)"),
    ("tvbs.com.tw", "outlet_of_record", "TVBS News (Taiwan)"),
    # state media (the state is in source_state)
    ("shine.cn", "state_media", "Shanghai Daily (CHN)"),
    ("news.cn", "state_media", "Xinhua (CHN)"),
    ("people.cn", "state_media", "People's Daily (CHN)"),
    ("chinadaily.com.cn", "state_media", "China Daily (CHN)"),
    ("globaltimes.cn", "state_media", "Global Times (CHN)"),
    ("cgtn.com", "state_media", "CGTN (CHN)"),
    ("tass.com", "state_media", "TASS (RUS)"),
    ("sputnikglobe.com", "state_media", "Sputnik (RUS)"),
    # reference works
    ("wikipedia.org", "reference", "Wikipedia"),
)

#: How far, in months, a source for a time-dependent fact may lie from the article.
WINDOW_MONTHS = 6


@dataclass(frozen=True)
class PolicyRule:
    """One rule outside facts must follow: its name, wording, column and check."""

    name: str
    description: str
    column: str
    check: Callable[[pd.Series], str | None]


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() == ""


def _no_reference(row: pd.Series) -> str | None:
    if row["source_type"] == "reference":
        return "a reference work is not a source for a fact; cite the source it relies on"
    if "wikipedia.org" in str(row["source_url"]).lower():
        return f"{row['source_url']} is Wikipedia, a reference work, not a source for a fact"
    return None


def _no_email(row: pd.Series) -> str | None:
    if EMAIL_TITLE.search(str(row["source_title"])):
        return f"{row['source_title']!r} is an e-mail notice, not a source for a fact"
    return None


def _title_not_reconstructed(row: pd.Series) -> str | None:
    if "reconstructed" in str(row["source_title"]).lower():
        return "the title was rebuilt from the URL; give the page's own title or a better source"
    return None


def _names_state(claim: str, state: str) -> bool:
    return any(
        re.search(rf"(?<!\w){re.escape(word)}(?!\w)", claim) for word in STATE_NAMES.get(state, (state,))
    )


def _state_media(row: pd.Series) -> str | None:
    state, claim = row["source_state"], str(row["claim"])
    if row["source_type"] != "state_media":
        return None if _blank(state) else "source_state is only for state media"
    if _blank(state):
        return "state media needs source_state, the state that owns or directs it"
    if not _names_state(claim, state) or not ATTRIBUTION.search(claim):
        return (
            f"state media ({state}) may only source what {state} says: the claim must name the state "
            'and attribute the words (e.g. "China\'s foreign minister said ...")'
        )
    return None


def _accessed_after_source(row: pd.Series) -> str | None:
    published, accessed = row["source_date"], row["accessed"]
    if _blank(published) or _blank(accessed):
        return None
    if pd.Timestamp(accessed) < pd.Timestamp(published):
        accessed_on, published_on = pd.Timestamp(accessed), pd.Timestamp(published)
        return f"accessed {iso(accessed_on)} is before the source's date {iso(published_on)}"
    return None


def _host(url) -> str:
    return (urlsplit(str(url).strip()).hostname or "").lower()


def site(url) -> tuple[str, str, str] | None:
    """The entry of :data:`SITES` whose domain the URL's host is or ends with (the longest), or None."""
    host = _host(url)
    matches = [entry for entry in SITES if host == entry[0] or host.endswith("." + entry[0])]
    return max(matches, key=lambda entry: len(entry[0])) if matches else None


def site_kind(url) -> str:
    """The kind of site a URL points to (one of :data:`SITE_KINDS`); unlisted sites are ``other``."""
    entry = site(url)
    return entry[1] if entry else "other"


def publication_window() -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days a source of a time-dependent fact may carry: :data:`WINDOW_MONTHS` months either
    side of the article's inferred publication interval."""
    from thawbook.dates.publication import infer_publication_interval

    interval, _ = infer_publication_interval()
    months = pd.DateOffset(months=WINDOW_MONTHS)
    return pd.Timestamp(interval.start) - months, pd.Timestamp(interval.end) + months


def _date_or_none(value) -> pd.Timestamp | None:
    if _blank(value):
        return None
    day = pd.to_datetime(value, errors="coerce")
    return None if pd.isna(day) else day


def _type_matches_site(row: pd.Series) -> str | None:
    kind = site_kind(row["source_url"])
    if row["source_type"] != kind:
        return (
            f"source_type {row['source_type']!r} but {_host(row['source_url']) or row['source_url']!r} is "
            f"a {kind} site (thawbook.inputs.source_policy.SITES); a copy on another site is that site's kind, "
            "with the original in via"
        )
    return None


def _weak_site_reason(row: pd.Series) -> str | None:
    kind = site_kind(row["source_url"])
    if kind not in STRONG_KINDS and _blank(row.get("source_note")):
        return (
            f"{_host(row['source_url'])!r} is a {kind} site, not a primary source, wire or outlet of record: "
            "say in source_note why no better source was used"
        )
    return None


def _time_dependent_in_window(row: pd.Series) -> str | None:
    if str(row.get("time_dependent", "")).strip() != "yes":
        return None
    day = _date_or_none(row["source_date"])
    first, last = publication_window()
    if day is None:
        return "a time-dependent fact (a title, an office, who holds a post) needs a dated source; this one is undated"
    if not first <= day <= last:
        return (
            f"a time-dependent fact needs a source dated {iso(first)}..{iso(last)} "
            f"(within {WINDOW_MONTHS} months of the article); this one is dated {iso(day)}"
        )
    return None


RULES = [
    PolicyRule(
        "no_reference_works",
        "context: a reference work (e.g. Wikipedia) is not a source for a fact",
        "source_type",
        _no_reference,
    ),
    PolicyRule(
        "no_email_notices", "context: an e-mail notice is not a source for a fact", "source_title", _no_email
    ),
    PolicyRule(
        "source_title_not_reconstructed",
        "context: a source's title is the page's own, not rebuilt from its URL",
        "source_title",
        _title_not_reconstructed,
    ),
    PolicyRule(
        "state_media_only_for_its_state",
        "context: state media only for what its state says (the claim names the state and says who said it)",
        "claim",
        _state_media,
    ),
    PolicyRule(
        "accessed_not_before_source",
        "context: a source is not read before it was published",
        "accessed",
        _accessed_after_source,
    ),
    PolicyRule(
        "source_type_matches_site",
        "context: a source's type is the kind of its site in the one list of sites "
        "(a copy elsewhere is never wire or primary)",
        "source_type",
        _type_matches_site,
    ),
    PolicyRule(
        "weak_site_needs_reason",
        "context: a source outside primary sources, wire services and outlets of record says why in source_note",
        "source_note",
        _weak_site_reason,
    ),
    PolicyRule(
        "time_dependent_source_in_window",
        f"context: a time-dependent fact rests on a source dated within {WINDOW_MONTHS} months of the article",
        "source_date",
        _time_dependent_in_window,
    ),
]


def violations(frame: pd.DataFrame) -> list[tuple[int, str, str, str]]:
    """Every ``(index, column, problem, rule)`` of ``frame`` (context rows) that breaks the policy, in row order."""
    found = []
    for index, row in frame.iterrows():
        for rule in RULES:
            problem = rule.check(row)
            if problem:
                found.append((index, rule.column, problem, rule.name))
    return found
