"""The ``imvo-graph`` command: a thin layer over the library API.

Each command lives in its own module with ``add_parser(subparsers)`` and ``run(args) -> int``.
Errors a user can cause are :class:`~imvo_graph.errors.ImvoGraphError` subclasses; they are
mapped to exit codes here, in one place, and printed without a traceback.

Standard output is one of those places: while a command runs, ``sys.stdout`` (and its
``buffer``) turn a failed write (a full disk, ``> /dev/full``, an I/O error) into
:class:`StdoutError`, which :func:`main` reports as ``cannot write the output: REASON`` (exit 2,
like any output that cannot be written); a closed pipe (``| head``) ends the command quietly.

- :mod:`.main`     :func:`main` and :func:`build_parser`;
- :mod:`.flags`    library errors in the command line's words;
- :mod:`.output`, :mod:`.signals`, :mod:`.parser`: standard output, SIGTERM/SIGHUP, the parser class;
- ``*_command``    one module per command.
"""

import sys

from ..errors import EXIT_BAD_INPUT
from .main import COMMANDS, build_parser, main

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = ["main", "build_parser", "EXIT_BAD_INPUT", "COMMANDS"]
