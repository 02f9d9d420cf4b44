"""``python -m scorecard``: see :mod:`scorecard.cli`."""

import sys

from .cli import main

sys.exit(main())
