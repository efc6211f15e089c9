"""Option types shared by the commands (argparse ``type=`` functions: a bad value is a usage
error, exit 2, with the option named)."""

from __future__ import annotations

import argparse
import math


def positive_seconds(text: str) -> float:
    """A timeout in seconds: a finite number greater than 0 (0 would mean waiting forever)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of seconds greater than 0")
    return value
