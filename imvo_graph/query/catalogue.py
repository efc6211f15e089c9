"""The stored queries in ``queries/``: one question a ``.rq`` file, with a header the tool reads.

A header is the block of ``#`` comment lines at the top of the file::

    # title: Convenanten en hun status / Covenants and their status
    # description: Elk convenant dat de brief noemt ... /
    #   Every covenant the letter mentions ...
    # param: lang lang nl — taal van de labels / language of the labels
    # param: year year - — het jaar / the year
    # column: covenantLabel — Convenant / Covenant

``title`` and ``description`` hold the Dutch and the English text separated by `` / ``. A line
that starts with ``#`` and two or more spaces continues the line before it. ``param`` is
``name type default — meaning``, the separator an em dash (``—``), an en dash, `` -- `` or
`` - `` (a hyphen between spaces); the type is one of :data:`~imvo_graph.query.terms.PARAM_TYPES`,
a default of ``-`` makes the parameter required, a default with spaces is written in double
quotes, and the meaning may again be ``Dutch / English``. ``column`` is ``variable — Dutch /
English``: the heading of that result column in tables for people (machine formats keep the
variable's name). Other comment lines are free text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, QueryError
from ..rdf.labels import LANGUAGES
from .terms import PARAM_TYPES, TermError, to_term

_KEY = re.compile(r"#\s?(title|description|param|column)\s*:\s*(.*)\Z", re.IGNORECASE)
_CONTINUATION = re.compile(r"#\s{2,}(\S.*)\Z")
_PARAM = re.compile(
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[A-Za-z]+)\s+"
    r"(?P<default>\"(?:[^\"\\]|\\.)*\"|\S+)"
    r"(?:(?:\s+(?:—|–|--)\s*|\s+-(?:\s+|\Z))(?P<meaning>.*))?\Z"
)
_COLUMN = re.compile(r"[?$]?(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?:—|–|--|-)\s+(?P<label>\S.*)\Z")
_SEPARATOR = " / "


@dataclass(frozen=True)
class Param:
    """A declared parameter of a query."""

    name: str
    type: str
    default: str | None = None  # None: the parameter is required
    meaning: dict = field(default_factory=dict)  # language -> text

    @property
    def required(self) -> bool:
        return self.default is None

    def meaning_in(self, lang: str = "nl") -> str:
        return _in_language(self.meaning, lang)


@dataclass(frozen=True)
class StoredQuery:
    """A query with its header: name, titles, descriptions, parameters and SPARQL text."""

    name: str
    text: str
    title: dict = field(default_factory=dict)  # language -> text
    description: dict = field(default_factory=dict)
    params: tuple = ()
    path: Path | None = None
    columns: dict = field(default_factory=dict)  # variable -> {language -> heading}

    def title_in(self, lang: str = "nl") -> str:
        return _in_language(self.title, lang)

    def description_in(self, lang: str = "nl") -> str:
        return _in_language(self.description, lang)

    def column_label(self, variable: str, lang: str = "nl") -> str:
        """The heading of a result column for people: the ``# column:`` label in ``lang``, else
        the variable's name."""
        return _in_language(self.columns.get(variable, {}), lang) or variable

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    @property
    def source(self) -> str:
        """Where the query comes from, for messages: its file, else its name."""
        return str(self.path) if self.path is not None else self.name

    def bindings(self, params: dict | None = None, lang: str | None = None) -> dict:
        """The RDF term of every declared parameter, from ``params`` or the defaults.

        ``lang`` fills the ``lang`` parameter when the query declares one and ``params`` does
        not give it. Raises QueryError for an undeclared, missing or ill-typed parameter.
        """
        given = dict(params or {})
        if lang is not None and self.param("lang") is not None:
            given.setdefault("lang", lang)
        unknown = [k for k in given if self.param(k) is None]
        if unknown:
            declared = ", ".join(p.name for p in self.params) or "none"
            raise QueryError(
                f"query {self.name} has no parameter {unknown[0]!r} (its parameters: {declared})"
            )
        terms = {}
        for p in self.params:
            value = given.get(p.name, p.default)
            if value is None:
                raise QueryError(
                    f"query {self.name} needs the parameter {p.name} ({PARAM_TYPES[p.type]}): "
                    f"give it as params={{'{p.name}': VALUE}}"
                    + (f"; {p.meaning_in('en')}" if p.meaning else "")
                )
            try:
                terms[p.name] = to_term(value, p.type)
            except TermError as exc:
                raise QueryError(f"parameter {p.name} of query {self.name}: {exc}") from None
        return terms

    def describe(self, lang: str = "nl") -> str:
        """The header as text for a terminal: title, description and parameters."""
        other = "en" if lang == "nl" else "nl"
        lines = [f"{self.name}: {self.title_in(lang)}"]
        if self.title.get(other) and self.title.get(other) != self.title_in(lang):
            lines.append(f"  ({self.title[other]})")
        if self.description:
            lines += ["", _wrap(self.description_in(lang))]
        lines += ["", "parameters:" if self.params else "parameters: none"]
        for p in self.params:
            default = "required" if p.required else f"default {p.default}"
            lines.append(f"  {p.name} ({p.type}, {default})" + (f": {p.meaning_in(lang)}" if p.meaning else ""))
        if self.columns:
            lines += ["", "columns:"]
            lines += [f"  {self.column_label(v, lang)} ({v})" for v in self.columns]
        if self.path is not None:
            lines += ["", f"file: {self.path}"]
        return "\n".join(lines) + "\n"


def _wrap(text: str, width: int = 88) -> str:
    import textwrap

    return textwrap.fill(text, width=width)


def _in_language(texts: dict, lang: str) -> str:
    for choice in (lang, *LANGUAGES):
        if texts.get(choice):
            return texts[choice]
    return ""


def split_languages(text: str) -> dict:
    """``"Dutch / English"`` as ``{"nl": ..., "en": ...}``; text without a separator is both."""
    parts = [part.strip() for part in text.split(_SEPARATOR)]
    if len(parts) == 2:
        return {"nl": parts[0], "en": parts[1]}
    text = text.strip()
    return {"nl": text, "en": text} if text else {}


def header_lines(text: str) -> list[tuple[int, str, str]]:
    """The header's ``(line number, key, value)`` entries, continuation lines joined."""
    entries: list[list] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        key = _KEY.match(line)
        if key:
            entries.append([number, key.group(1).lower(), key.group(2).strip()])
            continue
        more = _CONTINUATION.match(raw.rstrip()) if entries else None
        if more:
            entries[-1][2] = f"{entries[-1][2]} {more.group(1).strip()}".strip()
    return [tuple(e) for e in entries]


def parse_query(text: str, name: str, path: Path | None = None) -> StoredQuery:
    """A StoredQuery from SPARQL text with (or without) a header. Raises QueryError on a
    malformed ``param`` line or an unknown parameter type."""
    where = str(path) if path is not None else name
    title: dict = {}
    description: dict = {}
    params: list[Param] = []
    columns: dict = {}
    for number, key, value in header_lines(text):
        if key == "title":
            title = split_languages(value)
        elif key == "description":
            description = split_languages(value)
        elif key == "column":
            m = _COLUMN.match(value)
            if not m:
                raise QueryError(
                    f"{where}, line {number}: a column line reads 'variable — Dutch heading / English "
                    f"heading', not {value!r}"
                )
            if m.group("name") in columns:
                raise QueryError(f"{where}, line {number}: column {m.group('name')} is labelled twice")
            columns[m.group("name")] = split_languages(m.group("label"))
        else:
            params.append(_parse_param(value, f"{where}, line {number}"))
    names = [p.name for p in params]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise QueryError(f"{where}: parameter {duplicates[0]} is declared twice")
    return StoredQuery(
        name=name, text=text, title=title, description=description, params=tuple(params), path=path, columns=columns
    )


def _parse_param(value: str, where: str) -> Param:
    m = _PARAM.match(value)
    if not m:
        raise QueryError(
            f"{where}: a parameter line reads 'name type default — meaning' (or ' - ', ' -- ' before "
            f"the meaning), not {value!r}"
        )
    type_ = m.group("type").lower()
    if type_ not in PARAM_TYPES:
        raise QueryError(f"{where}: unknown parameter type {type_!r}; known: {', '.join(PARAM_TYPES)}")
    default = m.group("default")
    if default == "-":
        default = None
    elif default.startswith('"'):
        default = re.sub(r"\\(.)", r"\1", default[1:-1])
    if default is not None:
        try:
            to_term(default, type_)
        except TermError as exc:
            raise QueryError(f"{where}: the default of parameter {m.group('name')}: {exc}") from None
    meaning = split_languages(m.group("meaning") or "")
    return Param(name=m.group("name"), type=type_, default=default, meaning=meaning)


def queries_folder(queries_dir: Path | str | None = None) -> Path:
    if queries_dir is not None:
        return Path(queries_dir)
    from ..resources import domain_dir

    return domain_dir("queries")


def query_names(queries_dir: Path | str | None = None) -> list[str]:
    """The names of the stored queries, sorted."""
    folder = queries_folder(queries_dir)
    return sorted(p.stem for p in folder.glob("*.rq") if p.is_file())


def list_queries(queries_dir: Path | str | None = None) -> list[StoredQuery]:
    """Every stored query, sorted by name."""
    return [get_query(name, queries_dir) for name in query_names(queries_dir)]


def get_query(name: str, queries_dir: Path | str | None = None) -> StoredQuery:
    """The stored query called ``name``; QueryError naming close matches if there is none."""
    folder = queries_folder(queries_dir)
    path = folder / f"{name}.rq"
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]*", name or "") or not path.is_file():
        names = query_names(queries_dir)
        close = difflib.get_close_matches(name or "", names, n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(close)}?" if close else "; `imvo-graph queries` lists them"
        raise QueryError(f"no stored query named {name!r}{hint}")
    return parse_query(_read(path), name=name, path=path)


def load_query_file(path: Path | str) -> StoredQuery:
    """An ad-hoc query from a file; its header, if any, is read like a stored query's."""
    path = Path(path)
    return parse_query(_read(path), name=path.stem, path=path)


def _read(path: Path) -> str:
    from ..limits import check_regular_file

    check_regular_file(path, "a query file")  # a FIFO would block, /dev/zero never end
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
