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
        "zsh: `imvo-graph completion zsh > ~/.zfunc/_imvo-graph` (with ~/.zfunc in $fpath), or "
        "`eval \"$(imvo-graph completion zsh)\"` after compinit.",
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

    parser = build_parser()
    preamble = {"bash": _mark_completions(parser, shtab)}
    sys.stdout.write(shtab.complete(parser, shell=args.shell, preamble=preamble.get(args.shell, "")))
    return EXIT_OK


#: Arguments that name files: completed with file names (so is every FILE or DIR metavar).
FILE_ARGUMENTS = {"data", "file", "files", "output", "old", "new", "previous", "store"}
FILE_METAVARS = {"FILE", "DIR"}


def _mark_completions(parser, shtab) -> str:
    """Tell shtab which arguments are files and which complete from a list of words (a query's
    NAME: the stored queries; help's COMMAND: the commands; export's --format: its formats and
    their short names); returns the bash functions that the lists use."""
    from ..export import FORMAT_ALIASES
    from ..query import query_names
    from .export_command import FORMAT_NAMES

    commands = parser.subcommand_choices() or {}
    word_lists = {
        ("query", "name"): sorted(query_names()),
        ("help", "topic"): sorted(commands),
        ("export", "format"): [*FORMAT_NAMES, *sorted(FORMAT_ALIASES)],
    }
    functions = []
    for command, sub in commands.items():
        for action in sub._actions:
            words = word_lists.get((command, action.dest))
            if words:
                function, listed = f"_imvo_graph_{command}_{action.dest}", " ".join(words)
                functions.append(f'{function}() {{\n  compgen -W "{listed}" -- "$1"\n}}\n')
                action.complete = {"bash": function, "zsh": f"({listed})"}
            elif (action.dest in FILE_ARGUMENTS or action.metavar in FILE_METAVARS) and not action.choices:
                action.complete = shtab.FILE
    return "".join(functions)
