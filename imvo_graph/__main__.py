"""``python -m imvo_graph``: the same as the ``imvo-graph`` command."""

import sys

from .cli import main

sys.exit(main())
