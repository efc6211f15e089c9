"""Limits on what is read, checked before a parser can crash or run away.

Every RDF file passes :func:`check_input_file` before a parser sees it and
:func:`check_statements` after (see :mod:`imvo_graph.rdf.loading`). Past a limit the error
(:class:`imvo_graph.errors.InputError`, exit 2) names the file, the limit and the setting that
raises it, where one exists. The limits and the guarantees are listed in the README ("Output and
errors"):

- only regular files are read: a FIFO, a socket or a device (``/dev/zero``) is refused at once;
- a UTF-8 byte order mark is refused in every format but RDF/XML (where XML allows it);
- JSON-LD nested deeper than :data:`MAX_JSON_DEPTH`, RDF/XML deeper than :data:`MAX_XML_DEPTH`,
  a SPARQL query deeper than :data:`MAX_QUERY_DEPTH` (brackets and braces): refused, since the
  parsers recurse and a deep enough input crashes the process (SIGSEGV);
- RDF/XML whose internal entities expand to more than :data:`MAX_ENTITY_EXPANSION` characters
  ("billion laughs"): refused;
- literals: Oxigraph's parsers stop at 16 MiB per term; N-Triples, N-Quads, Turtle and TriG
  files holding a longer literal are read again by rdflib's parser, up to
  ``IMVO_GRAPH_MAX_LITERAL_MB`` mebibytes per literal (default 256);
- RDF 1.2 triple terms (``<<( s p o )>>``, annotations) and base directions (``"x"@en--ltr``):
  refused by every command that reads RDF, since the writers and rdflib-based tools (pySHACL,
  owlrl) cannot carry them and would drop or break them.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .errors import InputError

#: Oxigraph's parsers keep at most this many bytes of one token (a literal, an IRI).
OXIGRAPH_TOKEN_LIMIT = 16 * 1024 * 1024
MAX_LITERAL_ENV = "IMVO_GRAPH_MAX_LITERAL_MB"
DEFAULT_MAX_LITERAL_MB = 256
MAX_JSON_DEPTH = 1000
MAX_XML_DEPTH = 1000
MAX_QUERY_DEPTH = 200
MAX_ENTITY_EXPANSION = 1024 * 1024

_BOM = b"\xef\xbb\xbf"


def max_literal_bytes() -> int:
    """The longest literal read (``IMVO_GRAPH_MAX_LITERAL_MB``, default 256 MiB)."""
    raw = os.environ.get(MAX_LITERAL_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_LITERAL_MB * 1024 * 1024
    try:
        value = int(raw)
        if value <= 0:
            raise ValueError
    except ValueError:
        raise InputError(f"{MAX_LITERAL_ENV}={raw!r}: expected a whole number of mebibytes, more than 0") from None
    return value * 1024 * 1024


def check_regular_file(path: Path, what: str = "an RDF file") -> None:
    """InputError unless ``path`` is a regular file (a FIFO would block, a device never end);
    ``what`` the file should be, for the message about a directory."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a directory, not {what}")
    if not stat.S_ISREG(mode):
        kind = (
            "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode)
            else "not a regular file"
        )
        raise InputError(f"{path}: is {kind}; only regular files are read")


def check_input_file(path: Path, format_name: str) -> None:
    """The checks made before a parser reads ``path`` (see the module's description)."""
    check_regular_file(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(3)
            if format_name in ("JSON_LD", "RDF_XML"):
                data = head + handle.read()
            else:
                data = None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if head == _BOM and format_name != "RDF_XML":
        raise InputError(
            f"{path}: starts with a UTF-8 byte order mark (BOM), which this format does not allow; "
            "save the file as UTF-8 without BOM"
        )
    if format_name == "JSON_LD" and data is not None:  # (read above for these formats)
        depth = json_depth(data)
        if depth > MAX_JSON_DEPTH:
            raise InputError(f"{path}: JSON-LD nested deeper than {MAX_JSON_DEPTH} levels (the limit of imvo-graph's reader)")
    elif format_name == "RDF_XML" and data is not None:
        check_xml(path, data)


_JSON_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


def json_depth(data: bytes) -> int:
    """How deeply arrays and objects nest in JSON text (strings skipped)."""
    if data.count(b"{") + data.count(b"[") <= MAX_JSON_DEPTH:
        return 0  # cannot be deeper than the number of openings
    depth = deepest = 0
    for match in _JSON_TOKENS.finditer(data):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


_QUERY_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*|[(){}\[\]]',
    re.S,
)


def query_depth(text: str) -> int:
    """How deeply brackets, braces and parentheses nest in SPARQL text (strings, IRIs and
    comments skipped)."""
    if sum(text.count(c) for c in "({[") <= MAX_QUERY_DEPTH:
        return 0
    depth = deepest = 0
    for match in _QUERY_TOKENS.finditer(text):
        token = match.group()
        if token in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif token in ")}]":
            depth -= 1
    return deepest


_XML_TAGS = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    rb"|<(/?)[^\s>/!?](?:\"[^\"]*\"|'[^']*'|[^'\">])*?(/?)>",
    re.S,
)
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s+)?([^\s%;&]+)\s+(?:\"([^\"]*)\"|'([^']*)')", re.S)
_REFERENCE = re.compile(rb"&([^\s&;#]+);")


def check_xml(path: Path, data: bytes) -> None:
    """Refuse RDF/XML nested deeper than :data:`MAX_XML_DEPTH` elements or whose internal
    entities expand past :data:`MAX_ENTITY_EXPANSION` characters."""
    doctype = re.search(rb"<!DOCTYPE(?:[^\[>]|\[.*?\])*>", data, re.S)
    if doctype is not None and b"<!ENTITY" in doctype.group():
        _check_entities(path, doctype.group(), data[doctype.end():])
    if data.count(b"<") <= MAX_XML_DEPTH:
        return
    depth = 0
    for match in _XML_TAGS.finditer(data):
        closing, empty = match.group(1), match.group(2)
        if closing is None or empty:
            continue  # a comment, CDATA, a declaration, or an empty element
        if closing:
            depth -= 1
        else:
            depth += 1
            if depth > MAX_XML_DEPTH:
                raise InputError(f"{path}: RDF/XML nested deeper than {MAX_XML_DEPTH} elements (the limit of imvo-graph's reader)")


def _check_entities(path: Path, dtd: bytes, body: bytes) -> None:
    values = {m.group(2): (m.group(3) if m.group(3) is not None else m.group(4)) for m in _ENTITY.finditer(dtd) if not m.group(1)}
    sizes: dict[bytes, int] = {}

    def size(name: bytes, seen: tuple = ()) -> int:
        if name in sizes:
            return sizes[name]
        if name in seen or len(seen) > 50:
            return MAX_ENTITY_EXPANSION + 1  # a cycle or absurd depth: refused
        total = len(values[name])
        for ref in _REFERENCE.findall(values[name]):
            if ref in values:
                total += size(ref, seen + (name,))
                if total > MAX_ENTITY_EXPANSION:
                    break
        sizes[name] = total
        return total

    total = 0
    for ref in _REFERENCE.findall(body):
        if ref in values:
            total += size(ref)
            if total > MAX_ENTITY_EXPANSION:
                raise InputError(
                    f"{path}: the XML entities expand to more than {MAX_ENTITY_EXPANSION} characters "
                    "(refused: an entity expansion attack, or a document to be written without entities)"
                )
    for name in values:
        if size(name) > MAX_ENTITY_EXPANSION:
            raise InputError(
                f"{path}: the XML entity {name.decode(errors='replace')!r} expands to more than "
                f"{MAX_ENTITY_EXPANSION} characters (refused: an entity expansion attack)"
            )


def check_statements(path: Path | str, quads) -> None:
    """Refuse RDF 1.2 triple terms and base directions, which no writer or rdflib-based tool
    here carries (they would be dropped or crash)."""
    import pyoxigraph as ox

    for q in quads:
        for term in (q.subject, q.object):
            if type(term) is ox.Triple:
                raise InputError(
                    f"{path}: holds an RDF 1.2 triple term ({_short(term)}); imvo-graph reads RDF 1.1 "
                    "and refuses triple terms rather than drop them"
                )
            if type(term) is ox.Literal and term.direction:
                raise InputError(
                    f"{path}: holds a literal with an RDF 1.2 base direction ({_short(term)}); imvo-graph reads "
                    "RDF 1.1 and refuses base directions rather than drop them"
                )


def _short(term) -> str:
    text = str(term)
    return text if len(text) <= 80 else text[:77] + "..."


#: Bytes without which a file cannot hold a triple term or a base direction (a cheap test
#: before the statements of a file loaded straight into a store are checked).
RDF12_MARKERS = (b"<<", b"{|", b"~", b"--ltr", b"--rtl", b"parseType", b"annotation", b"@direction", b"dir=")
#: The same for Turtle and TriG: triple terms and reified triples (``<<``), annotations
#: (``{|``), a reifier alone (``e:s e:p e:o ~ e:r``) and base directions; not the RDF/XML and
#: JSON-LD words, which a comment may hold (the shipped statement-sources.ttl does: the careful
#: reading of its 2,854 statements, that every cold ``validate`` paid).
RDF12_TURTLE_MARKERS = (b"<<", b"{|", b"~", b"--ltr", b"--rtl")
#: The same for N-Triples and N-Quads, whose RDF 1.2 has only triple terms (``<<( s p o )>>``)
#: and base directions (``"x"@en--ltr``): at a million triples every marker searched for costs
#: a tenth of a second or more.
RDF12_LINE_MARKERS = (b"<<", b"--ltr", b"--rtl")


def rdf12_markers(path: Path) -> tuple:
    """The markers :func:`may_hold_rdf12` looks for in ``path``, by its suffix (none of them holds
    a line break)."""
    suffix = path.suffix.lower()
    return (RDF12_LINE_MARKERS if suffix in (".nt", ".nq")
            else RDF12_TURTLE_MARKERS if suffix in (".ttl", ".trig") else RDF12_MARKERS)


def may_hold_rdf12(path: Path) -> bool:
    markers = rdf12_markers(path)
    try:
        with path.open("rb") as handle:
            tail = b""
            for chunk in iter(lambda: handle.read(1 << 22), b""):
                block = tail + chunk
                if any(marker in block for marker in markers):
                    return True
                tail = chunk[-16:]
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return False


def too_long_for_oxigraph(exc: BaseException) -> bool:
    """Whether an exception is Oxigraph's 'Reached the buffer maximal size' (a term over 16 MiB)."""
    return isinstance(exc, MemoryError) and "buffer maximal size" in str(exc)
