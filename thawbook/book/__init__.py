"""The Sphinx extension and notebook execution: what `make book` runs around jupyter-book."""
