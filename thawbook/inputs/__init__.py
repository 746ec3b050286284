"""Read the seed and the tables and validate them: schema, the report's rules, the source policy."""
