"""One module per chapter, named as in analysis/, plus the theme; the only place that imports altair."""
