"""The argument parser of every command: no abbreviated options, and a "did you mean" for a
mistyped command, option or choice (difflib's close matches).

argparse accepts ``--form`` for ``--format`` unless ``allow_abbrev=False``: a prefix that
silently picks an option is a guess, and a later option starting the same way would change what
old command lines mean. So no parser here allows abbreviations, and one that does not know an
argument says which known one is closest.
"""

from __future__ import annotations

import argparse
import difflib
import re

_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)")


class Parser(argparse.ArgumentParser):
    """An ArgumentParser without abbreviations whose errors suggest the closest names; its
    sub-command parsers are of the same class (argparse's default ``parser_class``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str):
        m = _INVALID_CHOICE.search(message)
        if m:
            choices = re.findall(r"'([^']*)'", m.group(2))
            message += did_you_mean(m.group(1), choices)
        super().error(message)

    def unknown_options(self, extras: list[str]):
        """Report arguments that no parser took (``parse_known_args``' leftovers), naming the
        closest option of this parser for each that looks like an option."""
        hints = []
        for extra in extras:
            if extra.startswith("-"):
                name = extra.split("=", 1)[0]
                hint = did_you_mean(name, self.option_names())
                if hint:
                    hints.append(f"{name}{hint.replace(';', ':', 1)}")
        message = f"unrecognized arguments: {' '.join(extras)}"
        if hints:
            message += " (" + "; ".join(hints) + ")"
        self.error(message)

    def option_names(self) -> list[str]:
        return sorted(option for action in self._actions for option in action.option_strings)

    def subcommand(self, name: str) -> "Parser | None":
        """The parser of sub-command ``name``, or None."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                return action.choices.get(name)
        return None

    def subcommand_names(self) -> list[str]:
        return list(self.subcommand_choices())

    def subcommand_choices(self) -> dict:
        """Sub-command name -> its parser."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                return dict(action.choices)
        return {}


def did_you_mean(name: str, known: list[str]) -> str:
    """``"; did you mean 'x'?"`` (or 'x' or 'y') for the close matches of ``name``; ``""`` if none."""
    close = difflib.get_close_matches(name, known, n=2, cutoff=0.6)
    if not close:
        return ""
    return "; did you mean " + " or ".join(repr(c) for c in close) + "?"
