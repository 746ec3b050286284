"""How things appear on a page: escaping, tables, the annotated article, the data dictionary."""
