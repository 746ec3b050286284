"""Dates: intervals of days and the one formatter, the publication date, agreement with the record."""
