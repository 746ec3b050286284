"""``python -m thawbook.exports`` (``make exports``): regenerate every export of ``data/``."""

import sys

from thawbook.exports.regenerate import main

sys.exit(main())
