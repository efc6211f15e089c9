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

Term keys (:func:`term_key` makes the same keys from rdflib terms):
``("I", iri)``, ``("B", label)`` for a labelled blank node, ``("A", n)`` for an anonymous one
(``[]`` or a collection node: it never matches a term from elsewhere), and
``("L", lexical form, datatype or None, language or None)``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: The suffixes whose statements can be located, and whether the format has graphs.
SCANNED_SUFFIXES = {".ttl": False, ".trig": True, ".nt": False, ".nq": True}

_PN_CHARS_BASE = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
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
            f"(?P<bnode>_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)",
            f"(?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)",
            r"(?P<keyword>(?:[Pp][Rr][Ee][Ff][Ii][Xx]|[Bb][Aa][Ss][Ee]|[Gg][Rr][Aa][Pp][Hh]|true|false|a)(?![" + _PN_CHARS + r".:]))",
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
        from .loading import read_quads

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

    from .loading import rdf_format

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
