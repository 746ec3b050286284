"""Alternative readings of the data: the choices a careful reader could make differently.

The article leaves some things open, and the report has to choose. A :class:`Reading` names
one set of choices; :func:`apply` returns the tables as that reading sees them, so that every
finding can be recomputed under it (see :mod:`thawbook.findings.register`).

The choices, and the book's own reading (:data:`AS_READ`) of each:

* **week convention**: the article never says whether its weeks start on Monday or Sunday.
  As read, every relative date is the hull over both conventions and weeks are binned Monday
  to Sunday; the alternatives resolve and bin with one convention only.
* **placement**: where in its interval an imprecise event falls. As read, its weight is spread
  evenly over the interval; the alternatives put it all on the first or on the last day.
* **coding**: the CAMEO alternatives in ``data/coding_alternatives.csv``, each alone and all
  together.
* **themes**: the disputed theme assignments in ``data/theme_alternatives.csv``, each alone
  and all together.
* **attribution**: as read, a position counts for the side the article attributes it to;
  the alternative keeps only positions a government states in its own voice (no analyst or
  other side speaking for it).

One more reading is not a choice the article leaves open but a check against the world:
:data:`ON_RECORD`, "as the record dates it", moves every event that a dated outside source
places on a day or an interval to that outside date
(:func:`thawbook.dates.agreement.record_dates`) and leaves the rest as read. The register
evaluates every finding under it too (its ``on_record`` column).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from thawbook.dates.agreement import record_dates
from thawbook.dates.intervals import WEEK_STARTS, precision_of
from thawbook.dates.publication import infer_publication_interval, resolve_in_article
from thawbook.render.labels import humanise

PLACEMENTS = ("spread", "start", "end")
ATTRIBUTIONS = ("attributed", "own-words")
COUNTINGS = ("events", "acts")
STANCE_RULES = ("theme", "act")


@dataclass(frozen=True)
class Reading:
    """One way of reading the data; the defaults are the book's own reading."""

    id: str = "as-read"
    label: str = "as the book reads it"
    week_start: str | None = None  # None: hull of both conventions, Monday bins
    placement: str = "spread"
    codings: tuple[str, ...] = field(default_factory=tuple)  # coding alternative ids swapped in
    themes: tuple[str, ...] = field(default_factory=tuple)  # theme alternative ids swapped in
    attribution: str = "attributed"
    record: bool = False  # True: events move to the dates the outside record gives them
    counting: str = "events"  # "acts": the economic and military domains compared by deeds, not statements
    stance: str = "theme"  # "act": engagement or friction read from the event's CAMEO act, not its theme

    def __post_init__(self) -> None:
        if self.week_start not in (None, *WEEK_STARTS):
            raise ValueError(f"week_start must be None or one of {WEEK_STARTS}, got {self.week_start!r}")
        if self.placement not in PLACEMENTS:
            raise ValueError(f"placement must be one of {PLACEMENTS}, got {self.placement!r}")
        if self.attribution not in ATTRIBUTIONS:
            raise ValueError(f"attribution must be one of {ATTRIBUTIONS}, got {self.attribution!r}")
        if self.counting not in COUNTINGS or self.stance not in STANCE_RULES:
            raise ValueError(f"counting must be one of {COUNTINGS} and stance one of {STANCE_RULES}")

    @property
    def bins(self) -> str:
        """The week convention used to group days into weeks."""
        return self.week_start or "monday"


AS_READ = Reading()
ON_RECORD = Reading("on-record", "as the record dates it", record=True)


def alternatives(tables: dict[str, pd.DataFrame]) -> list[Reading]:
    """Every alternative reading the data allows, in a fixed order.

    Needs ``coding_alternatives`` and ``theme_alternatives`` in ``tables``.
    """
    readings = [
        Reading(f"week-{ws}", f"weeks from {ws.capitalize()} only", week_start=ws) for ws in WEEK_STARTS
    ]
    readings += [
        Reading(f"placement-{p}", f"each imprecise event on the {p} of its interval", placement=p)
        for p in PLACEMENTS[1:]
    ]
    codings = sorted(tables["coding_alternatives"]["alternative_id"])
    readings += [Reading(c, _coding_words(tables, c), codings=(c,)) for c in codings]
    readings.append(Reading("coding-all", "all alternative codings", codings=tuple(codings)))
    themes = sorted(tables["theme_alternatives"]["alternative_id"])
    readings += [Reading(t, _theme_words(tables, t), themes=(t,)) for t in themes]
    readings.append(Reading("themes-all", "all disputed themes", themes=tuple(themes)))
    readings.append(
        Reading("own-words", "positions only in a government's own voice", attribution="own-words")
    )
    return readings + list(REFEREE)


#: The readings a referee asked for: the domains compared by acts, one event per incident (a
#: statement about an incident or a remark about a trip is not counted beside it), and stance
#: read from the act rather than the theme. The findings read them (``counting``, ``stance``), and
#: :func:`alternatives` ends with them, so every finding is tested under them too.
REFEREE = (
    Reading("acts-only", "the two domains compared by deeds only, one event per incident", counting="acts"),
    Reading(
        "stance-by-act", "engagement and friction read from each event's act, not its theme", stance="act"
    ),
)


def _title(tables: dict[str, pd.DataFrame], event_id: str) -> str:
    events = tables.get("events")
    if events is None or event_id not in set(events["event_id"]):
        return event_id
    title = events.set_index("event_id").at[event_id, "title"]
    return f"“{title}”"


def _coding_words(tables: dict[str, pd.DataFrame], alternative_id: str) -> str:
    """A coding alternative as a reader's words: the event and the CAMEO category it takes."""
    row = tables["coding_alternatives"].set_index("alternative_id").loc[alternative_id]
    codebook = tables.get("cameo_codebook")
    code = row["cameo_code"]
    if codebook is not None and code in set(codebook["cameo_code"]):
        code = codebook.set_index("cameo_code").at[code, "label"]
    return f"{_title(tables, row['event_id'])} coded as “{code}”"


def _theme_words(tables: dict[str, pd.DataFrame], alternative_id: str) -> str:
    """A theme alternative as a reader's words: the event and the theme it takes."""
    row = tables["theme_alternatives"].set_index("alternative_id").loc[alternative_id]
    return f"{_title(tables, row['event_id'])} themed {humanise(row['theme'], capital=False)}"


def events_under(events: pd.DataFrame, week_start: str | None) -> pd.DataFrame:
    """Events with relative dates re-resolved under one week convention (None: unchanged).

    A relative date is resolved again from its ``date_expression`` against that convention's
    publication interval (future tense for forthcoming events). An inferred date that ends on
    the last possible publication day ends on that convention's last publication day instead.
    ``date_precision`` is derived again from the new interval.
    """
    if week_start is None:
        return events
    frame = events.copy()
    hull_end = pd.Timestamp(infer_publication_interval()[0].end)
    published = infer_publication_interval(week_start)[0]
    for index, row in frame.iterrows():
        if row["date_basis"] == "relative" and row["date_expression"]:
            tense = "future" if row["status"] == "forthcoming" else "past"
            found = resolve_in_article(row["date_expression"], tense=tense, week_start=week_start)
            frame.at[index, "date_start"], frame.at[index, "date_end"] = (
                pd.Timestamp(found.start),
                pd.Timestamp(found.end),
            )
        elif row["date_basis"] == "inferred" and row["date_end"] == hull_end:
            frame.at[index, "date_end"] = pd.Timestamp(published.end)
    frame["date_precision"] = [precision_of(s, e) for s, e in zip(frame["date_start"], frame["date_end"])]
    return frame


def events_on_record(events: pd.DataFrame, context: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    """Events moved to the dates the outside record gives them; the others as they are.

    ``date_precision`` is derived again from the new intervals.
    """
    found = record_dates(events, context, corrections).set_index("event_id")
    frame = events.copy()
    moved = frame["event_id"].isin(found.index)
    ids = frame.loc[moved, "event_id"]
    frame.loc[moved, "date_start"] = found.loc[ids, "date_start"].to_numpy()
    frame.loc[moved, "date_end"] = found.loc[ids, "date_end"].to_numpy()
    frame["date_precision"] = [precision_of(s, e) for s, e in zip(frame["date_start"], frame["date_end"])]
    return frame


def own_voice(positions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The positions a government states in its own voice.

    A position is kept when the article reports it without a reporter, or when its reporter
    speaks for the holder's own government (a minister, a spokesperson, the ministry);
    positions carried by analysts, media or the other side are dropped.
    """
    side = actors.set_index("actor_id")["side"]
    reporter = positions["reported_by_actor_id"]
    own = (reporter == "") | (reporter.map(side) == positions["side"])
    return positions[own].reset_index(drop=True)


def apply(reading: Reading, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables as ``reading`` sees them; the input tables are not modified."""
    out = dict(tables)
    if "events" in tables:
        events = events_under(tables["events"], reading.week_start)
        if reading.record:
            events = events_on_record(events, tables["context"], tables["corrections"])
        if reading.themes:
            chosen = tables["theme_alternatives"].set_index("alternative_id").loc[list(reading.themes)]
            events = events.copy()
            swap = events["event_id"].map(chosen.set_index("event_id")["theme"])
            events["theme"] = swap.where(swap.notna(), events["theme"]).astype(events["theme"].dtype)
        out["events"] = events
    if reading.codings and "event_coding" in tables:
        chosen = tables["coding_alternatives"].set_index("alternative_id").loc[list(reading.codings)]
        coding = tables["event_coding"].copy()
        swap = coding["event_id"].map(chosen.set_index("event_id")["cameo_code"])
        coding["cameo_code"] = swap.where(swap.notna(), coding["cameo_code"]).astype(
            coding["cameo_code"].dtype
        )
        out["event_coding"] = coding
    if reading.attribution == "own-words" and "positions" in tables:
        out["positions"] = own_voice(tables["positions"], tables["actors"])
    return out
