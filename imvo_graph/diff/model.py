"""A diff's result: the changes grouped by resource, and its text, Markdown and JSON forms."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from ..options import check_choice
from ..rdf.labels import LANGUAGES, NAME_PROPERTIES, Language, language_choice

#: The forms of a diff (:meth:`Diff.render`), as a type for ``fmt``.
DiffFormat = Literal["text", "json", "markdown"]
DIFF_FORMATS: tuple[str, ...] = get_args(DiffFormat)
LABELS = NAME_PROPERTIES
_WORDS = {
    "nl": {
        "equal": "Geen verschillen.",
        "summary": "{r} resource(s) gewijzigd: {a} toegevoegd, {d} verwijderd, {c} veranderd ({sa} uitspraken toegevoegd, {sd} verwijderd).",
        "added": "toegevoegd",
        "removed": "verwijderd",
        "changed": "veranderd",
        "title": "Wijzigingen",
        "Added": "Toegevoegd",
        "Removed": "Verwijderd",
        "Changed": "Veranderd",
        "old": "oud",
        "new": "nieuw",
    },
    "en": {
        "equal": "No differences.",
        "summary": "{r} resource(s) differ: {a} added, {d} removed, {c} changed ({sa} statements added, {sd} removed).",
        "added": "added",
        "removed": "removed",
        "changed": "changed",
        "title": "Changes",
        "Added": "Added",
        "Removed": "Removed",
        "Changed": "Changed",
        "old": "old",
        "new": "new",
    },
}


@dataclass
class ResourceChange:
    """The changes to one resource (the subject, or the resource that owns a blank node)."""

    resource: Any  # pyoxigraph term
    status: str  # 'added' (new in NEW), 'removed' (gone from NEW), 'changed'
    label: str | None = None
    added: list = field(default_factory=list)  # [(subject, predicate, object)]
    removed: list = field(default_factory=list)
    #: [(subject, predicate, [old objects], [new objects])]: a property whose values were replaced
    changed: list = field(default_factory=list)
    #: the resource's label in each language ('' for untagged)
    labels: dict = field(default_factory=dict)

    def label_in(self, lang: str) -> str | None:
        choice = language_choice(self.labels, lang)
        if choice is not None:
            return self.labels[choice]
        return next(iter(sorted(self.labels.values())), self.label)


@dataclass
class Diff:
    added: list  # triples only in NEW
    removed: list  # triples only in OLD
    resources: list[ResourceChange]
    prefixes: dict = field(default_factory=dict)

    @property
    def equal(self) -> bool:
        return not self.added and not self.removed

    def counts(self) -> dict:
        return {
            "resources": len(self.resources),
            "resourcesAdded": sum(r.status == "added" for r in self.resources),
            "resourcesRemoved": sum(r.status == "removed" for r in self.resources),
            "resourcesChanged": sum(r.status == "changed" for r in self.resources),
            "statementsAdded": len(self.added),
            "statementsRemoved": len(self.removed),
        }

    def render(self, fmt: DiffFormat = "text", lang: Language = "nl") -> str:
        """The diff in ``fmt``, its words and labels in ``lang``; InputError naming a bad one."""
        check_choice("fmt", fmt, DIFF_FORMATS, "diff format")
        check_choice("lang", lang, LANGUAGES, "language")
        if fmt == "text":
            return self.to_text(lang)
        if fmt == "json":
            return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        if fmt == "markdown":
            return self.to_markdown(lang)
        raise AssertionError(fmt)  # pragma: no cover - every format of DIFF_FORMATS is written above

    # -- representations

    def _short(self, term) -> str:
        from ..rdf.namespaces import PrefixTable
        from ..rdf.terms import kind, turtle_literal

        table = PrefixTable(self.prefixes)
        k = kind(term)
        if k == "iri":
            return table.turtle_iri(term.value)
        if k == "bnode":
            return f"_:{term.value}"
        return turtle_literal(term, table.turtle_iri)

    def _summary(self, words: dict) -> str:
        c = self.counts()
        return words["summary"].format(
            r=c["resources"], a=c["resourcesAdded"], d=c["resourcesRemoved"], c=c["resourcesChanged"],
            sa=c["statementsAdded"], sd=c["statementsRemoved"],
        )

    def _statement(self, resource, s, p) -> str:
        """The predicate, prefixed by the blank node's path when the statement is not about the resource itself."""
        name = self._short(p)
        return name if s == resource else f"{self._short(s)} {name}"

    def _statements(self, change, show) -> Iterator[tuple[str, str, list[str], list[str]]]:
        """The statements of one resource's change in the order both renderings list them (changed,
        added, removed): (status, statement, old objects, new objects), each object written by ``show``."""
        for s, p, old, new in change.changed:
            yield "changed", self._statement(change.resource, s, p), [show(o) for o in old], [show(o) for o in new]
        for s, p, o in change.added:
            yield "added", self._statement(change.resource, s, p), [], [show(o)]
        for s, p, o in change.removed:
            yield "removed", self._statement(change.resource, s, p), [show(o)], []

    def to_text(self, lang: str = "nl") -> str:
        words = _WORDS.get(lang, _WORDS["en"])
        if self.equal:
            return words["equal"] + "\n"
        lines = [self._summary(words)]
        marks = {"added": "+", "removed": "-", "changed": "~"}
        for change in self.resources:
            lines.append("")
            name = change.label_in(lang)
            label = f'  "{name}"' if name else ""
            lines.append(f"{marks[change.status]} {self._short(change.resource)}{label}  ({words[change.status]})")
            for status, statement, old, new in self._statements(change, self._short):
                objects = f"{' , '.join(old)}  ->  {' , '.join(new)}" if status == "changed" else (new or old)[0]
                lines.append(f"    {marks[status]} {statement}  {objects}")
        return "\n".join(lines) + "\n"

    def to_markdown(self, lang: str = "nl") -> str:
        words = _WORDS.get(lang, _WORDS["en"])
        lines = [f"# {words['title']}", ""]
        if self.equal:
            return "\n".join(lines + [words["equal"]]) + "\n"
        lines += [self._summary(words), ""]

        def code(text: str) -> str:
            return "`" + text.replace("`", "'") + "`"

        for status, heading in (("added", "Added"), ("changed", "Changed"), ("removed", "Removed")):
            group = [c for c in self.resources if c.status == status]
            if not group:
                continue
            lines += [f"## {words[heading]} ({len(group)})", ""]
            for change in group:
                from ..rdf.terms import kind

                title = (change.label_in(lang) or self._short(change.resource)).replace("[", "(").replace("]", ")")
                link = f"[{title}](<{change.resource.value}>)" if kind(change.resource) == "iri" else title
                lines.append(f"### {link} {code(self._short(change.resource))}")
                lines.append("")
                for status, statement, old, new in self._statements(change, lambda o: code(self._short(o))):
                    objects = f"{', '.join(old)} → {', '.join(new)}" if status == "changed" else (new or old)[0]
                    lines.append(f"- {words[status]} {code(statement)}: {objects}")
                lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"

    def to_dict(self) -> dict:
        """The diff as JSON-ready data. Every IRI is written the same way, as the plain full IRI
        (resources, subjects, predicates, objects and datatypes alike); a blank node as
        ``_:label``; a literal, as an object, as ``{"value": ..., "language": ...}`` or
        ``{"value": ..., "datatype": IRI}``, so no string needs parsing to tell them apart."""

        def statement(s, p, o) -> dict:
            return {"subject": json_term(s), "predicate": p.value, "object": json_term(o)}

        nt = json_term

        return {
            "equal": self.equal,
            "counts": self.counts(),
            "resources": [
                {
                    "resource": nt(c.resource),
                    "label": c.label,
                    "labels": dict(sorted(c.labels.items())),
                    "status": c.status,
                    "added": [statement(*t) for t in c.added],
                    "removed": [statement(*t) for t in c.removed],
                    "changed": [
                        {"subject": nt(s), "predicate": p.value, "old": [nt(o) for o in old], "new": [nt(o) for o in new]}
                        for s, p, old, new in c.changed
                    ],
                }
                for c in self.resources
            ],
        }


def json_term(term):
    """A term for :meth:`Diff.to_dict`: an IRI or ``_:label`` as a string, a literal as a dict."""
    from ..rdf.terms import kind

    k = kind(term)
    if k == "iri":
        return term.value
    if k == "bnode":
        return f"_:{term.value}"
    if term.language:
        return {"value": term.value, "language": term.language}
    return {"value": term.value, "datatype": term.datatype.value}
