"""The location scanner (imvo_graph.positions) reads every statement as the parser does, and puts
each at the right line and column."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT

from imvo_graph.positions import scan_file
from imvo_graph.rdf.loading import read_quads

FIXTURES = ROOT / "tests" / "fixtures" / "steward"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def parser_key(term):
    """The scanner's key of a pyoxigraph term; every blank node counts as one kind of node."""
    if isinstance(term, ox.NamedNode):
        return ("I", term.value)
    if isinstance(term, ox.BlankNode):
        return ("_",)
    datatype = None if term.language or term.datatype.value == XSD_STRING else term.datatype.value
    return ("L", term.value, datatype, term.language.lower() if term.language else None)


def scanner_key(key):
    return ("_",) if key[0] in ("A", "B") else key


def same_statements(path: Path) -> None:
    positions = scan_file(path)
    assert positions is not None, path
    mine = sorted((tuple(scanner_key(k) for k in s[:3]) for s in positions.statements), key=repr)
    theirs = sorted(
        (tuple(parser_key(t) for t in (q.subject, q.predicate, q.object)) for q in read_quads(path)), key=repr
    )
    assert mine == theirs


SHIPPED = sorted((ROOT / "data").glob("*.ttl")) + sorted((ROOT / "ontology").glob("*.ttl")) + sorted((ROOT / "shapes").glob("*.ttl"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_files_scan_as_the_parser_reads_them(path):
    same_statements(path)


def test_tricky_trig_scans_as_the_parser_reads_it():
    same_statements(FIXTURES / "tricky.trig")


def test_positions_point_at_the_tokens():
    path = FIXTURES / "tricky.trig"
    positions = scan_file(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    by_object = {s[2]: s for s in positions.statements}
    # the object "three\n lines" starts on line 8, column 5 (after two spaces and "  ")
    three = next(s for k, s in by_object.items() if k[0] == "L" and k[1].startswith("three"))
    line, column = positions.line_column(three[5])
    assert lines[line - 1][column - 1 :].startswith('"""three')
    # every predicate offset points at the predicate's text
    for s in positions.statements:
        line, column = positions.line_column(s[4])
        assert lines[line - 1][column - 1] in "<e(a[", (s, lines[line - 1])


def test_n_triples_and_n_quads(tmp_path):
    nt = tmp_path / "x.nt"
    nt.write_text(
        "# a comment\n<http://e/a> <http://e/p> \"x\"@nl .\n\n_:b <http://e/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> . # c\n",
        encoding="utf-8",
    )
    same_statements(nt)
    assert scan_file(nt).line_column(scan_file(nt).statements[1][3]) == (4, 1)
    nq = tmp_path / "x.nq"
    nq.write_text("<http://e/a> <http://e/p> <http://e/o> <http://e/g> .\n<http://e/a> <http://e/p> \"v\" .\n", encoding="utf-8")
    same_statements(nq)


@pytest.mark.parametrize(
    "name, text",
    [
        ("star.ttl", "@prefix ex: <http://e/> .\nex:a ex:p <<( ex:b ex:c ex:d )>> .\n"),  # RDF 1.2: not scanned
        ("data.jsonld", '{"@id": "http://e/a", "http://e/p": "x"}'),
        ("data.rdf", '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'),
    ],
)
def test_what_cannot_be_told_is_none(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert scan_file(path) is None


TRICKY_NT = (
    "# a comment\n"
    "<http://e/a> <http://e/p> \"x\"@nl .\n"
    "\n"
    "  <http://e/a> <http://e/q> <http://e/b> . # indented, with a comment\n"
    "_:b1 <http://e/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
    "_:b10 <http://e/p> _:b1 .\n"
    "<http://e/\\u00e9> <http://e/p> \"caf\\u00e9\" .\n"
    "<http://e/c> <http://e/p> \"say \\\"<http://e/a>\\\"\\n\" .\n"
    "<http://e/c>\t<http://e/r>\t<http://e/a>.\n"
    "<http://e/d> <http://e/p> \"\u00e9\u00e9n <http://e/b>\" .\n"
    "<http://e/d> <http://e/p> \"\\t\" .\n"
    "<http://e/d> <http://e/\\u0070> <http://e/b> .\n"
    "<http://e/b> <http://e/p> \"x\"@nl ."
)

#: Lines that each start with their subject (an index without other lines), two runs of one.
RUNS_NT = (
    "<http://e/a> <http://e/p> \"x\"@nl .\n"
    "<http://e/a> <http://e/q> <http://e/b> . # with a comment\n"
    "<http://e/\\u00e9> <http://e/p> \"caf\\u00e9\" .\n"
    "<http://e/c> <http://e/p> \"say \\\"<http://e/a>\\\"\\n\" .\n"
    "<http://e/c>\t<http://e/r>\t<http://e/a>.\n"
    "<http://e/d> <http://e/p> \"\u00e9\u00e9n <http://e/b>\" .\n"
    "<http://e/d> <http://e/\\u0070> <http://e/b> .\n"
    "<http://e/b> <http://e/p> \"x\"@nl .\n"
    "<http://e/a> <http://e/p> \"y\" ."
)


def _with_subjects(search, keys) -> list:
    """The statements whose subject is one of ``keys``, in file order, as the line search finds
    them (:meth:`LineSearch.subject_lines`, each line then read), checking the subject's
    position it tells without reading the line."""
    lines = search.subject_lines(keys)
    statements = []
    for key, starts in lines.items():
        assert starts == sorted(starts)
        for start in starts:
            position = search.subject_position(start)
            statement = search.statement(start)
            assert statement[0] == key and statement[3] == position
            statements.append((start, statement))
    return [statement for _start, statement in sorted(statements)]


def _expected(positions, keep):
    """The statements of the whole-file scan that ``keep`` keeps, with (line, column) positions."""
    return [(s, p, o, *(positions.line_column(x) for x in offsets))
            for s, p, o, *offsets in positions.statements if keep(s, p, o)]


@pytest.mark.parametrize("suffix, text", [
    (".nt", TRICKY_NT),
    (".nq", TRICKY_NT.replace(" .\n", " <http://e/g> .\n", 3).replace("\r", "")),
    (".nt", TRICKY_NT.replace("\n", "\r\n")),
    (".nt", RUNS_NT),
])
@pytest.mark.parametrize("indexed", [False, True], ids=["searched", "indexed"])
def test_the_line_search_finds_what_the_whole_scan_finds(tmp_path, suffix, text, indexed, monkeypatch):
    """The lines, statements and positions the line search finds for a key are those of the whole
    file's scan; ``indexed``: with the file's LineIndex (imvo_graph.line_index), read in blocks of
    a few bytes, so that runs and other lines are cut at every place."""
    from imvo_graph import line_index
    from imvo_graph.positions import LineSearch

    path = tmp_path / f"x{suffix}"
    path.write_bytes(text.encode("utf-8"))
    whole = scan_file(path)
    assert whole is not None
    monkeypatch.setattr(line_index, "BLOCK", 7)
    index = line_index.build(path) if indexed else None
    if indexed:
        assert index is not None and LineSearch.open(path, index).index is index

    def fresh():
        return LineSearch.open(path, index)

    search = fresh()

    keys = {k for st in whole.statements for k in st[:3]} | {("I", "http://e/none"), ("L", "\n", None, None)}
    for key in sorted(keys, key=repr):
        assert _with_subjects(fresh(), {key}) == _expected(whole, lambda s, p, o, key=key: s == key), key
        if key[0] != "L" or key[1].strip("\"'\\\t\b\n\r\f"):  # (not a literal of escapable characters only)
            assert search.using({key}) == _expected(whole, lambda s, p, o, key=key: key in (p, o)), key
            first = _expected(whole, lambda s, p, o, key=key: o == key)[:1]
            assert [search.first_with_object(key)] == (first or [None]), key
    everything = _expected(whole, lambda s, p, o: s in keys)
    assert _with_subjects(fresh(), keys) == everything
    assert len(everything) == len(whole.statements)


@pytest.mark.parametrize("max_failed", [1000, 2, 0])
def test_terms_with_a_common_prefix_are_found_as_by_a_regular_expression(tmp_path, monkeypatch, max_failed):
    """The uses of terms that share a prefix are found at its places (bytes.find), then by the
    regular expression alone once too many of those places held none of the terms: the same
    statements, in file order, whichever way; and the lines with \\u escapes are read too."""
    import imvo_graph.positions as positions
    from imvo_graph.positions import LineSearch

    monkeypatch.setattr(positions, "MAX_FAILED_CANDIDATES", max_failed)
    lines = []
    for i in range(12):
        lines.append(f"<http://e/s{i}> <http://e/def#term{i % 4}> <http://e/def#other{i}> .")
        lines.append(f"<http://e/s{i}> <http://e/p> <http://e/def#term{(i + 1) % 4}x> .")
    lines.append("<http://e/s> <http://e/p> <http://e/def#ter\\u006D2> .")  # term2, escaped
    path = tmp_path / "terms.nt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = scan_file(path)
    keys = {("I", "http://e/def#term1"), ("I", "http://e/def#term2"), ("I", "http://e/def#term3x")}
    found = LineSearch.open(path).using(keys)
    assert found == _expected(whole, lambda s, p, o: p in keys or o in keys)
    assert len(found) == 3 + 3 + 3 + 1


def test_lines_with_unicode_escapes_are_the_lines_with_a_backslash_u():
    from imvo_graph.positions import _u_escape_lines

    data = b'<a> <b> "\\\\u" .\n<c> <d> "x" .\n<e> <f> "\\U0001F600" .\n\\u<g> <h> "\\t\\u0041" .'
    assert _u_escape_lines(data) == [0, data.index(b"<e>"), data.index(b"\\u<g>")]
    assert _u_escape_lines(b"") == [] and _u_escape_lines(b"\\") == []


def test_the_line_search_is_not_used_where_it_cannot_be_exact(tmp_path):
    from imvo_graph.positions import LineSearch

    lone_cr = tmp_path / "cr.nt"
    lone_cr.write_bytes(b"<http://e/a> <http://e/p> <http://e/b> .\r<http://e/b> <http://e/p> <http://e/a> .\r")
    assert LineSearch.open(lone_cr) is None
    assert LineSearch.open(tmp_path / "missing.nt") is None
    two = tmp_path / "two.nt"
    two.write_bytes(b"<http://e/a> <http://e/p> <http://e/b> . <http://e/b> <http://e/p> <http://e/a> .\n")
    assert LineSearch.open(two).subject_lines({("I", "http://e/a")}) == {("I", "http://e/a"): [0]}
    with pytest.raises(ValueError):
        LineSearch.open(two).statement(0)
    literal = tmp_path / "l.nt"
    literal.write_bytes(b'<http://e/a> <http://e/p> "\\n" .\n')
    with pytest.raises(ValueError):
        LineSearch.open(literal).first_with_object(("L", "\n", None, None))


#: The grammar's PN_CHARS_BASE as the Turtle 1.1 grammar writes it (production [163s]), and the
#: classes the scanner builds on it: the scanner writes each class as the negation of its
#: complement (cheaper to compile), which must match exactly the same characters.
_GRAMMAR_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f"
                 "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_GRAMMAR_U = _GRAMMAR_BASE + "_"
_GRAMMAR_CHARS = _GRAMMAR_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"


@pytest.mark.parametrize(
    "grammar, ranges, also",
    [(_GRAMMAR_BASE, "_PN_CHARS_BASE", ""), (_GRAMMAR_U + "0-9", "_PN_CHARS_U", "0123456789"),
     (_GRAMMAR_U + ":0-9", "_PN_CHARS_U", ":0123456789"), (_GRAMMAR_CHARS, "_PN_CHARS", ""),
     (_GRAMMAR_CHARS + ".", "_PN_CHARS", "."), (_GRAMMAR_CHARS + ":", "_PN_CHARS", ":"),
     (_GRAMMAR_CHARS + ".:", "_PN_CHARS", ".:")],
    ids=["base", "u-digits", "u-colon-digits", "chars", "chars-dot", "chars-colon", "chars-dot-colon"],
)
def test_the_name_character_classes_match_the_grammars(grammar, ranges, also):
    """Every code point at the edge of a range of the grammar's class (and of its complement),
    and every thousandth code point, is matched by the scanner's class exactly when by the grammar's."""
    import re

    import imvo_graph.positions as positions

    theirs = re.compile(f"[{grammar}]")
    mine = re.compile(positions._class(getattr(positions, ranges), also))
    edges = {0, 0x10FFFF, *range(0, 0x110000, 997)}
    for lo, hi in re.findall(r"(.)-(.)", grammar.replace("\\-", "")):
        edges.update({ord(lo) - 1, ord(lo), ord(hi), ord(hi) + 1})
    edges.update(ord(c) + d for c in grammar + also for d in (-1, 0, 1))
    for code in sorted(edges):
        char = chr(code)
        assert bool(mine.fullmatch(char)) == bool(theirs.fullmatch(char)), hex(code)
