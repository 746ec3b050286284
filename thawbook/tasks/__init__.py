"""The Makefile's other targets: `make refresh`, `make bench`, `make pdf`, throwaway checkouts."""
