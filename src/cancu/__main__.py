"""``python -m cancu``: the ``cancu`` command."""

import sys

from cancu.cli import main

sys.exit(main())
