"""``imvo-graph completion bash|zsh``: a shell completion script, generated from the parser.

shtab writes the script from the argparse parser itself, so the completion always knows every
command, option and choice the tool has (a well-kept library instead of hand-written scripts
that go stale). It is an optional dependency: ``pip install 'imvo-graph[completion]'``.
"""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK, InputError

SHELLS = ("bash", "zsh")


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "completion",
        help="print a shell completion script (bash or zsh)",
        description="Print a completion script for bash or zsh, generated from the tool's own "
        "parser by shtab (pip install 'imvo-graph[completion]'). bash: "
        "`imvo-graph completion bash > ~/.local/share/bash-completion/completions/imvo-graph`; "
        "zsh: `imvo-graph completion zsh > ~/.zfunc/_imvo-graph` (with ~/.zfunc in $fpath).",
    )
    parser.add_argument("shell", choices=SHELLS, help="the shell")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        import shtab
    except ImportError:
        raise InputError(
            "shell completion needs the shtab package: pip install 'imvo-graph[completion]'"
        ) from None
    from . import build_parser

    sys.stdout.write(shtab.complete(build_parser(), shell=args.shell))
    return EXIT_OK
