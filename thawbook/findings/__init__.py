"""The book's findings: one module per chapter, a core and a register (see ``register``)."""
