"""Shared logic of the US-China thaw report: paths, the seed, tables, dates, coding, charts."""
import os as _os

from thawbook.paths import READS_LOG_ENV as _READS_LOG_ENV

if _os.environ.get(_READS_LOG_ENV):  # a notebook executing in the book build: record its imports
    from thawbook.paths import record_imports as _record_imports

    _record_imports()
