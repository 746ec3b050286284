"""What every run of ``make book`` and ``make refresh`` shares: one run at a time per checkout,
kernels' connection files in a private folder, and failures told in one line."""
