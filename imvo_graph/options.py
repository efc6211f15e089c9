"""Checks of option values that several features share: URLs, dates, time limits, one of a set
of choices.

Their errors name the library parameter (``base_url='ftp://x'``); the command line translates
the name to its option (:mod:`imvo_graph.cli.flags`).
"""

from __future__ import annotations

import datetime
import math
import os
import re
import time
import urllib.parse
from collections.abc import Iterable

from .errors import InputError

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL = re.compile(r"^https?://[^\s/]+(/[^\s<>\"{}|\\^`]*)?$")


def check_url(parameter: str, url: str, *, folder: bool = False) -> str:
    """``url`` if it is an absolute http(s) URL without a user part (with a final ``/`` added
    for a ``folder``); InputError naming ``parameter`` if not.

    The URLs checked here are written into public files (a release's catalogue and VoID, a
    site's links), so a URL holding a user name or password (``https://user:secret@host/``) is
    refused: it would publish the secret. The message shows the URL with its whole user part
    as ``***``: a user part without a password may itself be a token (``https://TOKEN@host/``)."""
    try:
        netloc = urllib.parse.urlsplit(url).netloc if _URL.match(url) else None
    except ValueError:  # e.g. an unclosed IPv6 bracket
        netloc = None
    if netloc is None:
        raise InputError(f"{parameter}={_user_part_hidden(url)!r} is not an absolute http(s) URL")
    if "@" in netloc:
        raise InputError(
            f"{parameter}={_user_part_hidden(url)!r} holds a user name or password, which would be published "
            "with it; give the URL without them"
        )
    if folder and not url.endswith("/"):
        url += "/"
    return url


def _user_part_hidden(url: str) -> str:
    """``url`` with its user part, if any, shown as ``***``."""
    try:
        netloc = urllib.parse.urlsplit(url).netloc
    except ValueError:  # shown as it is unless it may hold a user part
        return url if "@" not in url else "<a URL that does not parse>"
    return url.replace(netloc, "***@" + netloc.rpartition("@")[2], 1) if "@" in netloc else url


def check_choice(parameter: str, value: object, choices: Iterable[str], what: str) -> str:
    """``value`` if it is one of ``choices`` (the values of an option's Literal type, such as
    :data:`imvo_graph.export.ExportFormat`); InputError naming ``parameter`` and the choices if not.
    A type checker catches a misspelt value in a caller's code; this catches it at run time."""
    choices = tuple(choices)
    if not isinstance(value, str) or value not in choices:
        raise InputError(f"{parameter}={value!r}: unknown {what}; choose one of {', '.join(choices)}")
    return value


def check_date(value: str, parameter: str) -> str:
    """``value`` if it is a calendar date written YYYY-MM-DD; InputError naming ``parameter`` if not."""
    try:
        if not _DATE.match(value):
            raise ValueError(value)
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError(f"{parameter}={value!r} is not a valid date (YYYY-MM-DD)") from None
    return value


def seconds(value) -> float | None:
    """``value`` as a number of seconds if it is a finite number greater than 0 (0 would mean
    waiting forever, a negative number is refused by the socket layer), None if it is a number
    that is not; ValueError or TypeError if it is no number at all."""
    number = float(value)
    return number if number > 0 and math.isfinite(number) else None


def check_timeout(timeout) -> float:
    """``timeout`` if it is a positive, finite number of seconds (:func:`seconds`); InputError
    naming the parameter otherwise."""
    try:
        value = seconds(timeout)
    except (TypeError, ValueError):
        raise InputError(f"timeout {timeout!r} is not a number of seconds") from None
    if value is None:
        raise InputError(f"timeout {timeout!r}: give a number of seconds greater than 0")
    return value


def date_or_today(date: str | None, parameter: str = "date") -> str:
    """The given date, else SOURCE_DATE_EPOCH (reproducible builds), else today (UTC)."""
    if date is not None:
        return check_date(date, parameter)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return time.strftime("%Y-%m-%d", time.gmtime(int(epoch)))
        except (ValueError, OverflowError, OSError):
            raise InputError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return time.strftime("%Y-%m-%d", time.gmtime())
