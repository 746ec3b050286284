"""Shared logic of the US-China thaw report: paths, the seed, tables, dates, coding, charts."""
