"""One SPARQL lexer: enough of the grammar to find keywords, groups and variables in a query.

Query parameters are bound (:mod:`imvo_graph.query.binding`), SERVICE is found, and the fast
validation engine rewrites SHACL's SPARQL constraints (:mod:`imvo_graph.validation.fast.rewrite`)
with the tokens of :func:`tokens`: comments, strings (all four quote forms, with escapes) and IRIs
are single tokens, so a brace or a keyword inside them never counts. No parser is needed for that,
and none is used: the engines parse the query themselves and report its syntax errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
# a bare word: a keyword, a prefixed name, a number, a function name (a "." only inside it, as
# in a prefixed name's local part or a decimal). Its characters are A-Z a-z 0-9 _ : - % \ and
# U+00B7-U+FFFF; a variable's A-Z a-z 0-9 _ and U+00B7-U+FFFF. The classes are written as what
# they exclude: Python compiles a class holding the range U+00B7-U+FFFF code point by code point
# (45 ms for _WORD's three, paid by every command that binds a query), its complement at once.
_WORD_EDGE = r"[^\x00-\x24\x26-\x2C./;-@\[\]^`{-\xB6\U00010000-\U0010FFFF]"
_WORD_INNER = r"[^\x00-\x24\x26-\x2C/;-@\[\]^`{-\xB6\U00010000-\U0010FFFF]"  # the same and "."
_WORD = re.compile(f"{_WORD_EDGE}(?:{_WORD_INNER}*{_WORD_EDGE})?")
_VAR = re.compile(r"[?$][^\x00-\x2F:-@\[-^`{-\xB6\U00010000-\U0010FFFF]*")
_SPACE = re.compile(r"[ \t\r\n]+")
BRACKETS = "{}()"


class Token(NamedTuple):
    """``kind``: ``word``, ``var``, ``iri``, ``string``, one of ``{ } ( )``, a lone ``?`` or
    ``$``; with layout also ``comment``, ``space`` and ``other`` (any other character)."""

    kind: str
    text: str
    offset: int


class UnterminatedString(ValueError):
    """A string of the query does not end (``offset``: where it starts)."""

    def __init__(self, offset: int):
        super().__init__(f"a string starting at offset {offset} does not end")
        self.offset = offset


def tokens(text: str, *, layout: bool = False) -> Iterator[Token]:
    """The tokens of a query, in order. Without ``layout``, white space, comments and other
    characters (operators, ``.``, ``;``, ``,``) are stepped over; with it they are tokens too,
    so that the texts of the tokens joined are ``text``. UnterminatedString for a string that
    does not end."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in " \t\r\n":
            end = _SPACE.match(text, i).end()  # type: ignore[union-attr]  # (it matches ch)
            if layout:
                yield Token("space", text[i:end], i)
            i = end
        elif ch == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            if layout:
                yield Token("comment", text[i:end], i)
            i = end
        elif ch == "<" and (m := _IRIREF.match(text, i)):
            yield Token("iri", m.group(), i)
            i = m.end()
        elif ch in "\"'":
            end = _string_end(text, i)
            yield Token("string", text[i:end], i)
            i = end
        elif ch in "?$":
            m = _VAR.match(text, i)
            value = m.group() if m else ch  # (always matches; a lone ? or $ is one character)
            yield Token("var" if len(value) > 1 else ch, value, i)
            i += len(value)
        elif ch in BRACKETS:
            yield Token(ch, ch, i)
            i += 1
        elif m := _WORD.match(text, i):
            yield Token("word", m.group(), i)
            i = m.end()
        else:  # an operator, ".", ";", ",", or the less-than sign
            if layout:
                yield Token("other", ch, i)
            i += 1


def _string_end(text: str, start: int) -> int:
    quote = text[start]
    long = text.startswith(quote * 3, start)
    i = start + (3 if long else 1)
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
        elif long and text.startswith(quote * 3, i):
            return i + 3
        elif not long and ch == quote:
            return i + 1
        elif not long and ch in "\r\n":
            break
        else:
            i += 1
    raise UnterminatedString(start)
