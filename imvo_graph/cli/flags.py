"""Library errors in the command line's words.

The library names its parameters in its errors as a Python caller writes them
(``base_url='ftp://x' is not ...``, ``use overwrite=True to replace it``); a user of the command
gave options instead. :func:`to_flags` rewrites each parameter the command has an option for:
``name=True`` becomes the option (``--force``), ``name=VALUE`` the option and its value
(``--base-url 'ftp://x'``). The options are read from the command's own parser, so a new
option is translated without a table; :data:`ALIASES` lists the parameters whose option has
another name.
"""

from __future__ import annotations

import argparse
import re

#: library parameter -> the ``dest`` of the command-line option that sets it, where they differ
ALIASES = {"overwrite": "force", "fmt": "format"}

# a parameter: a lower-case Python name just after a space, a bracket or the start, then "="
_PARAMETER = re.compile(r"(?<![\w?&/.:=#-])([a-z][a-z0-9_]*)=(True\b)?")
# a query parameter as run_query takes it, params={'year': VALUE}: --param year=VALUE
_QUERY_PARAMETER = re.compile(r"params=\{'([^']+)': ([^}]*)\}")


def option_names(parser: argparse.ArgumentParser | None) -> dict[str, str]:
    """``dest`` -> the option's longest name, for every option of ``parser``."""
    if parser is None:
        return {}
    return {
        action.dest: max(action.option_strings, key=len)
        for action in parser._actions
        if action.option_strings and action.dest != "help"
    }


def to_flags(message: str, parser: argparse.ArgumentParser | None) -> str:
    """``message`` with every library parameter that ``parser`` has an option for named as that option."""
    options = option_names(parser)
    if "param" in options:
        message = _QUERY_PARAMETER.sub(lambda m: f"{options['param']} {m.group(1)}={m.group(2)}", message)

    def option(m: re.Match) -> str:
        flag = options.get(ALIASES.get(m.group(1), m.group(1)))
        if flag is None:
            return m.group(0)
        return flag if m.group(2) else flag + " "

    return _PARAMETER.sub(option, message)
