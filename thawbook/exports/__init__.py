"""The generated files of data/ (CAMEO, EDTF, PLOVER, FollowTheMoney); `python -m thawbook.exports`."""
