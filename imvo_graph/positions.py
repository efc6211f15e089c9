"""Where each statement of a Turtle, TriG, N-Triples or N-Quads file is written: line and column.

Neither pyoxigraph's parsers nor rdflib's expose the position of the triples they produce
(pyoxigraph's ``QuadParser`` gives only ``prefixes`` and ``base_iri``; rdflib's Turtle parser
counts lines for its error messages only), so this module scans the text itself: one
tokenizer (regular expressions from the Turtle 1.1 / TriG grammar's terminals) and a small
recursive-descent reader of its productions. It produces, for every triple, the keys of its
three terms and the offsets of the subject, predicate and object tokens.

The scan is only trusted when it agrees with the parser: :func:`scan_file` compares the
number of statements it found with the number of triples pyoxigraph parses from the same
file, and gives up (returns None: "cannot tell") on any disagreement or on syntax it does
not know (RDF 1.2 triple terms, N3). A caller then reports the file without a line rather
than a wrong one. The tests compare the scanned triples with the parser's, term by term.

For N-Triples and N-Quads, :class:`LineSearch` finds the lines that mention given terms without
reading the whole file (at a million triples, the whole scan took longer than the validation's
own queries).

Term keys (:func:`term_key` makes the same keys from rdflib terms):
``("I", iri)``, ``("B", label)`` for a labelled blank node, ``("A", n)`` for an anonymous one
(``[]`` or a collection node: it never matches a term from elsewhere), and
``("L", lexical form, datatype or None, language or None)``.
"""

from __future__ import annotations

import functools
import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from .rdf.namespaces import RDF, XSD

if TYPE_CHECKING:  # pragma: no cover
    from .line_index import LineIndex

#: The suffixes whose statements can be located, and whether the format has graphs.
SCANNED_SUFFIXES = {".ttl": False, ".trig": True, ".nt": False, ".nq": True}

#: The code points of the grammar's PN_CHARS_BASE, PN_CHARS_U and PN_CHARS, as ranges.
_PN_CHARS_BASE = (
    (0x41, 0x5A), (0x61, 0x7A), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2FF), (0x370, 0x37D), (0x37F, 0x1FFF),
    (0x200C, 0x200D), (0x2070, 0x218F), (0x2C00, 0x2FEF), (0x3001, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFFD),
    (0x10000, 0xEFFFF),
)
_PN_CHARS_U = _PN_CHARS_BASE + ((0x5F, 0x5F),)  # _
_PN_CHARS = _PN_CHARS_U + ((0x2D, 0x2D), (0x30, 0x39), (0xB7, 0xB7), (0x300, 0x36F), (0x203F, 0x2040))  # - 0-9 ...


def _class(ranges: tuple, also: str = "") -> str:
    """A regular-expression character class of the code points in ``ranges`` and the characters
    ``also``, written as the negation of its complement. Python's ``re`` compiles a class by
    marking, one at a time in Python, each code point of the Basic Multilingual Plane that the
    class names: about 54,000 for these classes (3 ms each, and the scanner's patterns hold a
    dozen, compiled at every start of a command that locates results), about 11,500 for their
    complements. Both forms match exactly the same characters (tests/test_positions.py)."""
    merged: list = []
    for lo, hi in sorted([*ranges, *((ord(c), ord(c)) for c in also)]):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    gaps, start = [], 0
    for lo, hi in merged:
        if lo > start:
            gaps.append((start, lo - 1))
        start = hi + 1
    if start <= 0x10FFFF:
        gaps.append((start, 0x10FFFF))
    return "[^" + "".join(f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in gaps) + "]"


_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = f"{_class(_PN_CHARS_BASE)}(?:{_class(_PN_CHARS, '.')}*{_class(_PN_CHARS)})?"
_PN_LOCAL = (f"(?:{_class(_PN_CHARS_U, ':0123456789')}|{_PLX})"
             f"(?:(?:{_class(_PN_CHARS, '.:')}|{_PLX})*(?:{_class(_PN_CHARS, ':')}|{_PLX}))?")
_ECHAR = r"\\[tbnrf\"'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"

_TOKEN = re.compile(
    "|".join(
        [
            r"(?P<ws>[ \t\r\n]+|#[^\r\n]*)",
            r"(?P<iri><(?:[^<>\"{}|^`\\\x00-\x20]+|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)",
            r'(?P<long2>"""(?:[^"\\]+|"(?!"")|' + _ECHAR + r')*""")',
            r"(?P<long1>'''(?:[^'\\]+|'(?!'')|" + _ECHAR + r")*''')",
            r'(?P<str2>"(?:[^"\\\r\n]+|' + _ECHAR + r')*")',
            r"(?P<str1>'(?:[^'\\\r\n]+|" + _ECHAR + r")*')",
            r"(?P<directive>@prefix\b|@base\b)",
            r"(?P<lang>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)",
            r"(?P<dt>\^\^)",
            r"(?P<double>[+-]?(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+))",
            r"(?P<decimal>[+-]?[0-9]*\.[0-9]+)",
            r"(?P<integer>[+-]?[0-9]+)",
            f"(?P<bnode>_:{_class(_PN_CHARS_U, '0123456789')}(?:{_class(_PN_CHARS, '.')}*{_class(_PN_CHARS)})?)",
            f"(?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)",
            r"(?P<keyword>(?:[Pp][Rr][Ee][Ff][Ii][Xx]|[Bb][Aa][Ss][Ee]|[Gg][Rr][Aa][Pp][Hh]|true|false|a)(?!" + _class(_PN_CHARS, ".:") + "))",
            r"(?P<anon>\[[ \t\r\n]*\])",
            r"(?P<punct>[.;,\[\](){}])",
        ]
    )
)
_ESCAPE = re.compile(_ECHAR)
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
#: the first character of a line that holds a statement (N-Triples, N-Quads: one a line)
_STATEMENT_LINE = re.compile(r"^[ \t]*[^ \t\r\n#]", re.M)
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


class _Unsupported(Exception):
    """Syntax this scanner does not read (or a file that does not parse): positions unknown."""


@dataclass
class Positions:
    """The statements of one file and where they are written."""

    path: Path
    text: str
    #: (subject key, predicate key, object key, subject offset, predicate offset, object offset)
    statements: list = field(default_factory=list)
    _line_starts: list | None = None
    #: offset -> (line, column) where the scan already knows them (N-Triples, N-Quads)
    known: dict = field(default_factory=dict)

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a character offset."""
        if offset in self.known:
            return self.known[offset]
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", self.text)]
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


def _unescape(text: str) -> str:
    def one(match: re.Match) -> str:
        escape = match.group(0)
        if escape[1] in "uU":
            return chr(int(escape[2:], 16))
        return _SIMPLE[escape[1]]

    return _ESCAPE.sub(one, text) if "\\" in text else text


class _Reader:
    """Recursive descent over the tokens of one document (Turtle, TriG, N-Triples, N-Quads)."""

    def __init__(self, text: str, base: str, graphs: bool):
        tokens = []
        end = 0
        for m in _TOKEN.finditer(text):
            if m.start() != end:  # the tokenizer skipped text it does not know
                raise _Unsupported("text the scanner does not know")
            end = m.end()
            if m.lastgroup != "ws":
                tokens.append((m.lastgroup, m.group(), m.start()))
        if end != len(text):
            raise _Unsupported("text the scanner does not know")
        self.tokens = tokens
        self._iris: dict = {}
        self.i = 0
        self.base = base
        self.graphs = graphs
        self.prefixes: dict[str, str] = {}
        self.anon = 0
        self.out: list = []

    # -- tokens ---------------------------------------------------------------------------
    def peek(self, ahead: int = 0):
        j = self.i + ahead
        return self.tokens[j] if j < len(self.tokens) else (None, None, None)

    def take(self):
        token = self.peek()
        if token[0] is None:
            raise _Unsupported("unexpected end")
        self.i += 1
        return token

    def expect(self, value: str):
        kind, text, _ = self.take()
        if text != value:
            raise _Unsupported(f"expected {value!r}, found {text!r}")

    def new_anon(self):
        self.anon += 1
        return ("A", self.anon)

    # -- terms ----------------------------------------------------------------------------
    def iri(self, kind: str, text: str):
        if kind == "iri":
            key = self._iris.get((self.base, text))
            if key is None:
                iri = _unescape(text[1:-1])
                if self.base and not _ABSOLUTE.match(iri):
                    iri = urljoin(self.base, iri)
                key = self._iris[(self.base, text)] = ("I", iri)
            return key
        if kind == "pname":
            prefix, _, local = text.partition(":")
            if prefix not in self.prefixes:
                raise _Unsupported(f"undeclared prefix {prefix!r}")
            return ("I", self.prefixes[prefix] + re.sub(r"\\(.)", r"\1", local))
        if kind == "keyword" and text == "a":
            return ("I", RDF + "type")
        raise _Unsupported(f"not an IRI: {text!r}")

    def literal(self, kind: str, text: str):
        if kind in ("double", "decimal", "integer"):
            return ("L", text, XSD + kind, None)
        if kind == "keyword" and text in ("true", "false"):
            return ("L", text, XSD + "boolean", None)
        quote = 3 if kind in ("long1", "long2") else 1
        lexical = _unescape(text[quote:-quote])
        nkind, ntext, _ = self.peek()
        if nkind == "lang":
            self.take()
            return ("L", lexical, None, ntext[1:].lower())
        if nkind == "dt":
            self.take()
            dkind, dtext, _ = self.take()
            datatype = self.iri(dkind, dtext)[1]
            return ("L", lexical, None if datatype == XSD + "string" else datatype, None)
        return ("L", lexical, None, None)

    # -- productions ------------------------------------------------------------------------
    def document(self) -> list:
        while self.peek()[0] is not None:
            self.statement()
        return self.out

    def statement(self):
        kind, text, _ = self.peek()
        if kind == "directive" or (kind == "keyword" and text.lower() in ("prefix", "base") and self.peek(1)[0] in ("pname", "iri")):
            self.take()
            sparql_style = kind == "keyword"
            if text.lower().endswith("prefix"):
                pkind, ptext, _ = self.take()
                if pkind != "pname" or not ptext.endswith(":"):
                    raise _Unsupported("bad prefix")
                ikind, itext, _ = self.take()
                self.prefixes[ptext[:-1]] = self.iri(ikind, itext)[1] if ikind == "iri" else None
            else:
                ikind, itext, _ = self.take()
                self.base = self.iri(ikind, itext)[1]
            if not sparql_style:
                self.expect(".")
            return
        if self.graphs:
            if kind == "keyword" and text.lower() == "graph":
                self.take()
                self.take()  # the graph's name
                return self.block()
            if text == "{":
                return self.block()
            if kind in ("iri", "pname", "bnode", "anon") and self.peek(1)[1] == "{":
                self.take()
                return self.block()
        self.triples()
        self.expect(".")

    def block(self):
        self.expect("{")
        while self.peek()[1] != "}":
            self.triples()
            if self.peek()[1] == ".":
                self.take()
            elif self.peek()[1] != "}":
                raise _Unsupported("expected '.' or '}'")
        self.take()

    def triples(self):
        kind, text, offset = self.take()
        if text == "[":
            subject = self.new_anon()
            self.property_list(subject, offset)
            self.expect("]")
            if self.peek()[1] in (".", "}"):
                return
        elif text == "(":
            subject = self.collection(offset)
        elif kind == "bnode":
            subject = ("B", text[2:])
        elif kind == "anon":
            subject = self.new_anon()
        else:
            subject = self.iri(kind, text)
        self.property_list(subject, offset)

    def property_list(self, subject, subject_offset):
        while True:
            kind, text, offset = self.take()
            predicate = self.iri(kind, text)
            while True:
                obj_offset = self.peek()[2]
                obj = self.object()
                self.out.append((subject, predicate, obj, subject_offset, offset, obj_offset))
                if self.graphs and self.peek()[0] in ("iri", "bnode") and self.peek(1)[1] == ".":
                    self.take()  # N-Quads: the graph label
                if self.peek()[1] != ",":
                    break
                self.take()
            while self.peek()[1] == ";":
                self.take()
            if self.peek()[1] in (".", "]", "}", None) or self.peek()[0] is None:
                return

    def object(self):
        kind, text, offset = self.take()
        if kind in ("iri", "pname") or (kind == "keyword" and text == "a"):
            if kind == "keyword":
                raise _Unsupported("'a' as an object")
            return self.iri(kind, text)
        if kind == "bnode":
            return ("B", text[2:])
        if kind == "anon":
            return self.new_anon()
        if text == "[":
            node = self.new_anon()
            self.property_list(node, offset)
            self.expect("]")
            return node
        if text == "(":
            return self.collection(offset)
        return self.literal(kind, text)

    def collection(self, offset):
        if self.peek()[1] == ")":
            self.take()
            return ("I", RDF + "nil")
        head = node = self.new_anon()
        while True:
            obj_offset = self.peek()[2]
            item = self.object()
            self.out.append((node, ("I", RDF + "first"), item, offset, offset, obj_offset))
            if self.peek()[1] == ")":
                self.take()
                self.out.append((node, ("I", RDF + "rest"), ("I", RDF + "nil"), offset, offset, offset))
                return head
            following = self.new_anon()
            self.out.append((node, ("I", RDF + "rest"), following, offset, offset, obj_offset))
            node = following


def scan_text(text: str, *, base: str = "", graphs: bool = False) -> list:
    """The statements of a Turtle/TriG/N-Triples/N-Quads text with their offsets (see the module).
    Raises ValueError on syntax the scanner does not read."""
    try:
        return _Reader(text, base, graphs).document()
    except _Unsupported as exc:
        raise ValueError(str(exc)) from None


def scan_file(path: Path | str, *, wanted: set | None = None) -> Positions | None:
    """The positions of the statements of one file, or None when they cannot be told: a format
    without positions here (RDF/XML, JSON-LD, N3), syntax the scanner does not read, or a count
    of statements that differs from the parser's.

    ``wanted``: for N-Triples and N-Quads, only the statements whose subject, predicate or
    object has one of these values (IRIs, blank node labels, lexical forms) are read (one
    statement a line: the parser finds them, the scanner reads only their lines)."""
    path = Path(path)
    if path.suffix.lower() not in SCANNED_SUFFIXES:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if text.startswith("\ufeff"):
        text = " " + text[1:]
    if path.suffix.lower() in (".nt", ".nq"):
        return _scan_lines(path, text, wanted)
    expected = None
    try:
        statements = scan_text(text, base=path.resolve().as_uri(), graphs=SCANNED_SUFFIXES[path.suffix.lower()])
    except (ValueError, RecursionError):
        return None
    if expected is None:
        from .rdf.loading import read_quads

        try:
            expected = len(read_quads(path))
        except Exception:  # noqa: BLE001 - a file that does not parse has no positions
            return None
    if expected != len(statements):
        return None
    return Positions(path, text, statements)


def _scan_lines(path: Path, text: str, wanted: set | None) -> Positions | None:
    """N-Triples / N-Quads: statement i of the parser is on the i-th line that holds one."""
    import pyoxigraph as ox

    from .rdf.loading import rdf_format

    starts = [m.end() - 1 for m in _STATEMENT_LINE.finditer(text)]
    statements = []
    known: dict = {}
    graphs = path.suffix.lower() == ".nq"
    count = 0
    line, counted_to = 1, 0  # the line number at offset counted_to
    try:
        quads = ox.parse(path=str(path), format=rdf_format(path))
        for quad in quads:
            if count >= len(starts):
                return None
            start = starts[count]
            count += 1
            if wanted is not None and quad.subject.value not in wanted and quad.object.value not in wanted \
                    and quad.predicate.value not in wanted:
                continue
            end = text.find("\n", start)
            (found,) = _Reader(text[start:] if end < 0 else text[start:end], "", graphs).document()
            s, p, o, s_off, p_off, o_off = found
            line += text.count("\n", counted_to, start)
            counted_to = start
            line_start = text.rfind("\n", 0, start) + 1
            for offset in (start + s_off, start + p_off, start + o_off):
                known[offset] = (line, offset - line_start + 1)
            statements.append((s, p, o, start + s_off, start + p_off, start + o_off))
    except (SyntaxError, OSError, ValueError, _Unsupported):  # (ValueError: a line with two statements)
        return None
    if count != len(starts):
        return None
    return Positions(path, text, statements, known=known)


def term_key(term) -> tuple | None:
    """The key of an rdflib term as :func:`scan_text` makes it (None for other objects)."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ("I", str(term))
    if isinstance(term, BNode):
        return ("B", str(term))
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype is not None else None
        if datatype in (XSD + "string", RDF + "langString"):
            datatype = None
        return ("L", str(term), datatype, term.language.lower() if term.language else None)
    return None


# ----------------------------------------------------------------------------------------------
# N-Triples and N-Quads: the lines of some terms, found by a search of the bytes
# ----------------------------------------------------------------------------------------------

#: Characters a literal may hold written as themselves or as an escape (ECHAR): a search for a
#: literal looks for the longest run of its text without them.
_ESCAPABLE = re.compile("[\"'\\\\\t\b\n\r\f]")
#: More lines with a \u or \U escape than this (each could spell any term): the file is read whole.
MAX_ESCAPED_LINES = 20_000


class LineSearch:
    """Where the statements of an N-Triples or N-Quads file that mention some terms are written,
    found without parsing the whole file.

    The format has one statement a line and no other way to write a term than its own text or
    ``\\u``/``\\U`` escapes (and, in a literal, the escapes of ECHAR). So the lines that may
    hold a term are the lines where its text is found (``bytes.find``; the subjects of many
    terms in one regular expression over the line starts) and the lines with a ``\\u``
    escape; each such line is read by the scanner (:func:`scan_text`) and kept only when the
    term is really there, at the right place. Only for a file that parsed (validated): a line
    that does not read as exactly one statement raises ValueError, and the caller reads the
    file whole (:func:`scan_file`). Positions are (line, column), 1-based, the column in
    characters.
    """

    def __init__(self, path: Path, data: bytes, index: "LineIndex | None" = None):
        self.path = path
        self.data = data
        #: the file's subjects and line numbers gathered before (:mod:`imvo_graph.line_index`),
        #: when they describe these bytes
        self.index = index if index is not None and index.describes(path, data) else None
        self.graphs = path.suffix.lower() == ".nq"
        # each \u escape could spell any character of any term: their lines are searched always
        self.escaped = _u_escape_lines(data)
        if len(self.escaped) > MAX_ESCAPED_LINES:
            raise ValueError("too many lines with \\u escapes")
        self._marks = [0]  # line starts whose line numbers are known (sorted), and their numbers
        self._numbers = [1]
        self._parsed: dict = {}

    @classmethod
    def open(cls, path: Path | str, index: "LineIndex | None" = None) -> LineSearch | None:
        """The search of one N-Triples or N-Quads file, or None when it cannot be used (another
        format, an unreadable file, a line break that is a lone carriage return). ``index``:
        the file's :class:`~imvo_graph.line_index.LineIndex`, used if it describes the file."""
        path = Path(path)
        if path.suffix.lower() not in (".nt", ".nq"):
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if b"\r" in data and re.search(rb"\r(?!\n)", data):
            return None  # a line break the line count below does not know
        try:
            return cls(path, data, index)
        except ValueError:
            return None

    # -- the lines --------------------------------------------------------------------------
    def _line_start(self, offset: int) -> int:
        return self.data.rfind(b"\n", 0, offset) + 1

    def _line_number(self, start: int) -> int:
        if self.index is not None:
            return self.index.line_number(self.data, start)
        i = bisect_right(self._marks, start) - 1
        number = self._numbers[i] + self.data.count(b"\n", self._marks[i], start)
        if self._marks[i] != start:
            self._marks.insert(i + 1, start)
            self._numbers.insert(i + 1, number)
        return number

    def statement(self, start: int) -> tuple:
        """The statement on the line starting at byte ``start``: (subject key, predicate key,
        object key, then the (line, column) of each). ValueError if the line is not exactly
        one statement."""
        found = self._parsed.get(start)
        if found is None:
            end = self.data.find(b"\n", start)
            try:
                text = (self.data[start:] if end < 0 else self.data[start:end]).decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ValueError(f"line at byte {start}: {exc}") from None
            s, p, o, s_off, p_off, o_off = _line_statement(text, self.graphs, start)
            line = self._line_number(start)
            found = self._parsed[start] = (s, p, o, (line, s_off + 1), (line, p_off + 1), (line, o_off + 1))
        return found

    def _lines_matching(self, pattern: "re.Pattern", skip=None, prefix: bytes = b""):
        """The starts of the lines where ``pattern`` matches (each once, in order) with the
        matched text; ``skip(text)``: a match not worth its line (its term is found already);
        ``prefix``: bytes every match starts with (see :func:`_searcher`)."""
        data, search, pos, escaped = self.data, _searcher(pattern, self.data, prefix), 0, iter(self.escaped)
        pending = next(escaped, None)
        while True:
            m = search(pos)
            at = len(data) if m is None else m.start()
            while pending is not None and pending <= at:
                yield pending
                pending = next(escaped, None)
            if m is None:
                return
            if skip is not None and skip(m.group()):
                pos = at + 1
                continue
            start = data.rfind(b"\n", 0, at) + 1
            if start not in self._escaped_set:
                yield start
            end = data.find(b"\n", at)
            if end < 0:
                return
            pos = end

    @property
    def _escaped_set(self) -> set:
        if not hasattr(self, "_escaped_lines"):
            self._escaped_lines = set(self.escaped)
        return self._escaped_lines

    # -- what the index asks ----------------------------------------------------------------
    def subject_lines(self, keys) -> dict:
        """key -> the starts of the lines (in file order) whose statement has that key as its
        subject, for those of ``keys`` that are the subject of one. A line that starts with an
        IRI written as itself (``<iri>``) has that IRI as its subject, so it is not read here
        (:meth:`statement` reads it when asked, :meth:`subject_position` tells where its subject
        is); the lines with \\u escapes and those starting with a blank node label of ``keys``
        (``_:b1`` starts ``_:b10`` too) are read now. ValueError as :meth:`statement`."""
        lines: dict = {}
        for start in self.escaped:
            subject = self.statement(start)[0]
            if subject in keys:
                lines.setdefault(subject, []).append(start)
        by_needle = {n: k for k, n in ((k, _needle(k)) for k in keys if k[0] in ("I", "B")) if n is not None}
        if by_needle:
            found = self._indexed_subject_lines(by_needle)
            if found is None:  # every line searched
                found = self._searched_subject_lines(by_needle, [(0, len(self.data))])
            elif self.index is not None and self.index.others:  # the lines the index does not tell: searched
                found += self._searched_subject_lines(by_needle, self.index.ranges(self.index.others))
                found.sort()
            escaped = self._escaped_set
            for start, needle in found:
                if start in escaped:
                    continue
                key = by_needle[needle]
                if key[0] == "B":  # (a prefix of another label, or that label)
                    key = self.statement(start)[0]
                    if key not in keys:
                        continue
                lines.setdefault(key, []).append(start)
        if self.escaped:
            for starts in lines.values():
                starts.sort()
        return lines

    def _searched_subject_lines(self, by_needle: dict, ranges: list) -> list:
        """[(line start, needle)] of the lines in ``ranges`` ((start, end) of whole lines) that
        start with one of the needles, after spaces or tabs, in order."""
        # one expression for every line, the first one too (the needles hold no line break):
        # compiling it takes up to a tenth of a second at a million triples
        pattern = re.compile(rb"\n[ \t]*(" + _alternation(sorted(by_needle)) + rb")")
        data, found = self.data, []
        for start, end in ranges:
            if start == 0:
                first_end = data.find(b"\n", 0, end)
                first = pattern.match(b"\n" + data[:end if first_end < 0 else first_end])
                if first:
                    found.append((0, first.group(1)))
            found += ((m.start() + 1, m.group(1)) for m in pattern.finditer(data, max(start - 1, 0), end))
        return found

    def _indexed_subject_lines(self, by_needle: dict) -> list | None:
        """[(line start, needle)] of the lines in the index's runs (:mod:`~imvo_graph.line_index`)
        whose subject is written as one of the IRI needles, in order; None without an index."""
        index = self.index
        if index is None:
            return None
        needles = {hash(n): n for n in by_needle if n[:1] == b"<"}
        if len(needles) != sum(1 for n in by_needle if n[:1] == b"<"):
            return None  # (two needles of one hash)
        data, others, found = self.data, set(index.others), []
        for needle, segment in index.segments_of(needles):
            start, end = index.starts[segment], index.end(segment)
            if segment in others or not data.startswith(needle, start):  # (another subject of that hash)
                continue
            while start < end:  # each line of the run
                found.append((start, needle))
                line_end = data.find(b"\n", start, end)
                start = end if line_end < 0 else line_end + 1
        return found

    def subject_position(self, start: int) -> tuple[int, int]:
        """(line, column) of the subject of the statement on the line starting at byte ``start``
        (whose subject :meth:`subject_lines` found), without reading the rest of the line."""
        parsed = self._parsed.get(start)
        if parsed is not None:
            return parsed[3]
        column = start
        while self.data[column:column + 1] in (b" ", b"\t"):
            column += 1
        return self._line_number(start), column - start + 1

    def may_hold(self, start: int, key) -> bool:
        """Whether the line starting at byte ``start`` may hold the term ``key``: False only for a
        line not read yet (so without a \\u escape) that does not hold its text."""
        needle = _needle(key)
        if needle is None or start in self._parsed:
            return True
        end = self.data.find(b"\n", start)
        return self.data.find(needle, start, len(self.data) if end < 0 else end) >= 0

    def using(self, keys) -> list:
        """The statements whose predicate or object is one of ``keys``, in file order.
        ValueError when a key cannot be searched for (a literal of escapable characters only)."""
        needles = sorted(_needles(keys))
        if not needles:
            return []
        pattern = re.compile(_alternation(needles))
        out = []
        for start in self._lines_matching(pattern, prefix=_common_prefix(needles)):
            statement = self.statement(start)
            if statement[1] in keys or statement[2] in keys:
                out.append(statement)
        return out

    def first_with_objects(self, keys) -> dict:
        """key -> the first statement whose object is that key, for those of ``keys`` that are
        the object of one. ValueError as :meth:`using`."""
        needles: dict = {}
        for key in keys:
            needle = _needle(key)
            if needle is None:
                raise ValueError("a term that cannot be searched for")
            needles.setdefault(needle, set()).add(key)
        found: dict = {}
        if not needles:
            return found
        # an IRI or a quoted literal is closed: a match of one whose terms are all found is
        # skipped without reading its line
        closed = {n: ks for n, ks in needles.items() if n[:1] in (b"<", b'"')}

        def done(text):
            terms = closed.get(text)
            return terms is not None and all(k in found for k in terms)

        pattern = re.compile(_alternation(sorted(needles)))
        for start in self._lines_matching(pattern, done, _common_prefix(list(needles))):
            statement = self.statement(start)
            if statement[2] in keys and statement[2] not in found:
                found[statement[2]] = statement
                if len(found) == len(keys):
                    break
        return found

    def first_with_object(self, key):
        """The first statement whose object is ``key``, or None. ValueError as :meth:`using`."""
        return self.first_with_objects({key}).get(key)


def _u_escape_lines(data: bytes) -> list:
    """The starts of the lines of ``data`` that hold a backslash followed by ``u`` or ``U``, in
    order. Each backslash is found by ``bytes.find`` (a memchr), where a regular expression tests
    every byte (benchmarks/code-choices.md)."""
    starts = set()
    find, at = data.find, data.find(b"\\")
    while at >= 0:
        if data[at + 1:at + 2] in (b"u", b"U"):
            starts.add(data.rfind(b"\n", 0, at) + 1)
        at = find(b"\\", at + 1)
    return sorted(starts)


#: A search whose candidates (the places of its prefix) fail this often goes on as a regular
#: expression's search (see :func:`_searcher`).
MAX_FAILED_CANDIDATES = 1000


def _searcher(pattern: "re.Pattern", data: bytes, prefix: bytes):
    """``pattern.search(data, pos)`` as a function of ``pos``. When every match of ``pattern``
    starts with ``prefix`` (of four bytes or more), its candidates are the places of ``prefix``,
    found by ``bytes.find``, which skips along the bytes where ``re`` tests each one
    (benchmarks/code-choices.md). After
    :data:`MAX_FAILED_CANDIDATES` candidates without a match (a common prefix) the rest is left
    to ``re``. The same matches either way: the leftmost from ``pos``."""
    if len(prefix) < 4:
        return lambda pos: pattern.search(data, pos)
    find, match, failed = data.find, pattern.match, 0

    def search(pos: int):
        nonlocal failed
        while failed < MAX_FAILED_CANDIDATES:
            at = find(prefix, pos)
            if at < 0:
                return None
            found = match(data, at)
            if found is not None:
                return found
            failed += 1
            pos = at + 1
        return pattern.search(data, pos)

    return search


def _common_prefix(needles: list) -> bytes:
    """The bytes all of ``needles`` start with."""
    return os.path.commonprefix(needles) if needles else b""


_BLANK = f"_:(?P<{{}}>{_class(_PN_CHARS_U, '0123456789')}(?:{_class(_PN_CHARS, '.')}*{_class(_PN_CHARS)})?)"
_IRI_TERM = "<(?P<{}>[^>]*)>"
_N_LINE = (
    "[ \t]*(?:" + _IRI_TERM.format("si") + "|" + _BLANK.format("sb") + ")"
    "[ \t]*" + _IRI_TERM.format("p") + "[ \t]*"
    "(?:" + _IRI_TERM.format("oi") + "|" + _BLANK.format("ob") + "|"
    '"(?P<ol>(?:[^"\\\\\r\n]+|\\\\.)*)"(?:@(?P<lang>[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)|\\^\\^<(?P<dt>[^>]*)>)?)'
    "[ \t]*{graph}\\.[ \t]*(?:#[^\r\n]*)?\r?"
)
_N_GRAPH = "(?:(?:<[^>]*>|_:[^ \t.]+(?:\\.[^ \t.]+)*)[ \t]*)?"


@functools.cache
def _statement_line(graphs: bool) -> re.Pattern:
    """One N-Triples (or, with ``graphs``, N-Quads) statement line; anything else is read by
    the scanner. Compiled on first use: the pattern takes about 0.1 s to compile, which every
    command importing this module (a cold ``validate`` of Turtle files too) paid at start."""
    return re.compile(_N_LINE.replace("{graph}", _N_GRAPH if graphs else ""))


def _line_statement(text: str, graphs: bool, start: int) -> tuple:
    """The statement of one N-Triples / N-Quads line: keys and character offsets as
    :func:`scan_text` gives them. ValueError if the line is not exactly one statement."""
    m = _statement_line(graphs).fullmatch(text)
    if m is None:  # (unusual spelling: the full scanner decides)
        try:
            statements = _Reader(text, "", graphs).document()
        except _Unsupported as exc:
            raise ValueError(f"line at byte {start}: {exc}") from None
        if len(statements) != 1:
            raise ValueError(f"line at byte {start}: {len(statements)} statements")
        return statements[0]
    g = m.group
    o: tuple
    if g("si") is not None:
        s, s_off = ("I", _unescape(g("si"))), m.start("si") - 1
    else:
        s, s_off = ("B", g("sb")), m.start("sb") - 2
    p, p_off = ("I", _unescape(g("p"))), m.start("p") - 1
    if g("oi") is not None:
        o, o_off = ("I", _unescape(g("oi"))), m.start("oi") - 1
    elif g("ob") is not None:
        o, o_off = ("B", g("ob")), m.start("ob") - 2
    else:
        lexical, o_off = _unescape(g("ol")), m.start("ol") - 1
        if g("lang") is not None:
            o = ("L", lexical, None, g("lang").lower())
        elif g("dt") is not None:
            datatype = _unescape(g("dt"))
            o = ("L", lexical, None if datatype == XSD + "string" else datatype, None)
        else:
            o = ("L", lexical, None, None)
    return s, p, o, s_off, p_off, o_off


def _needles(keys) -> set[bytes]:
    """The needles of ``keys``; ValueError when a key cannot be searched for."""
    needles = set()
    for key in keys:
        needle = _needle(key)
        if needle is None:
            raise ValueError("a term that cannot be searched for")
        needles.add(needle)
    return needles


def can_search(key) -> bool:
    """Whether :class:`LineSearch` can search for the term ``key`` (not for a literal written
    only with characters that have escapes)."""
    return _needle(key) is not None


def _needle(key) -> bytes | None:
    """Bytes every line holding the term ``key`` holds (unless it spells it with \\u escapes)."""
    kind = key[0]
    if kind == "I":
        return b"<" + key[1].encode("utf-8") + b">"
    if kind == "B":
        return b"_:" + key[1].encode("utf-8")
    if kind == "L":
        lexical = key[1]
        if not _ESCAPABLE.search(lexical):
            return b'"' + lexical.encode("utf-8") + b'"'
        longest = max(_ESCAPABLE.split(lexical), key=len)
        return longest.encode("utf-8") if longest else None
    return None


def _alternation(needles: list) -> bytes:
    """A regular expression matching any of ``needles`` (sorted bytes), as a trie: Python's
    ``re`` tries the branches of a plain alternation one by one."""
    if len(needles) == 1:
        return re.escape(needles[0])
    groups: dict = {}
    empty = False
    for n in needles:
        if not n:
            empty = True
        else:
            groups.setdefault(n[:1], []).append(n[1:])
    branches = []
    for head, rests in groups.items():
        prefix = head
        if len(rests) > 1:  # the common prefix of the branch, taken at once
            common = os.path.commonprefix(rests)
            if common:
                prefix += common
                rests = [r[len(common):] for r in rests]
        if len(rests) == 1:
            branches.append(re.escape(prefix + rests[0]))
        else:
            branches.append(re.escape(prefix) + b"(?:" + _alternation(rests) + b")")
    pattern = b"|".join(branches)
    return b"(?:" + pattern + b")?" if empty else pattern
