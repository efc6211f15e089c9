"""Building every page of the site in memory: ``{relative path: bytes}``.

:class:`SiteBuilder` reads a :class:`~imvo_graph.site.model.SiteGraph` and renders, in each
language, one page per resource, the letter with its paragraphs, an index page per class,
the overviews (covenants, covenant x motion matrix, timeline), the stored queries with their
results, the ontology documentation, the search page and its index. :mod:`.writer` puts the
result on disk atomically.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..rdf.namespaces import BASE, IMVO
from . import model as m
from .paths import page_name, page_path, relative, resource_folder, root_of
from .pictures import bar_chart, timeline
from .render import render
from .words import WORDS

if TYPE_CHECKING:  # pragma: no cover
    from ..export import FormatName

#: Each resource's data files: (export format, file name, media type, label).
DATA_FILES: tuple[tuple[FormatName, str, str, str], ...] = (("turtle", "data.ttl", "text/turtle", "Turtle"), ("jsonld", "data.jsonld", "application/ld+json", "JSON-LD"),
              ("ntriples", "data.nt", "application/n-triples", "N-Triples"))
PLANNED_PROPERTIES = {IMVO + "plannedDate", IMVO + "expectedIn", IMVO + "due"}


@dataclass
class Page:
    path: str  # relative to the site root, e.g. "id/convenant/textiel/index.html"
    lang: str


class SiteBuilder:
    def __init__(self, graph: m.SiteGraph, *, default_lang: str = "nl", base_url: str = BASE + "/",
                 ontology_quads=None, shapes_quads=None, store=None):
        self.g = graph
        self.default_lang = default_lang
        self.other_lang = "en" if default_lang == "nl" else "nl"
        self.base_url = base_url
        self.ontology_quads = ontology_quads or []
        self.shapes_quads = shapes_quads or []
        self.store = store
        self.files: dict[str, bytes] = {}
        self.resources = graph.typed_resources()
        self.page_folders = {resource_folder(iri) for iri in self.resources} | {"def"}
        letters = graph.instances(m.LETTER)
        self.letter = letters[0] if letters else None
        self.classes = sorted({c for iri in self.resources for c in graph.types(iri)})

    # -- links -------------------------------------------------------------------------------
    def has_page(self, iri: str) -> bool:
        folder = resource_folder(iri)
        return folder is not None and folder in self.page_folders

    def href(self, target: str, page: Page) -> str:
        return relative(target, page.path)

    def page_href(self, iri: str, page: Page) -> str:
        """The link from ``page`` to the page of ``iri``, which has one (see :meth:`has_page`)."""
        path = page_path(iri, page.lang, self.default_lang)
        if path is None:
            raise ValueError(f"{iri} has no page of its own")
        return self.href(path, page)

    def lang_page(self, folder: str, lang: str) -> str:
        return f"{folder}/{page_name(lang, self.default_lang)}" if folder else page_name(lang, self.default_lang)

    def class_folder(self, cls: str) -> str:
        short = m.short_iri(cls).replace(":", "-")
        folder = resource_folder("https://x.invalid/" + short)
        if folder is None:  # (an IRI outside the ontology always has a folder)
            raise ValueError(f"no folder for class {cls}")
        return "klasse/" + folder.split("/", 2)[2]

    def iri_value(self, iri: str, page: Page, *, as_class: bool = False) -> dict:
        text, text_lang = self.g.label(iri, page.lang)
        if as_class and iri in self.classes:
            return {"kind": "link", "href": self.href(self.lang_page(self.class_folder(iri), page.lang), page), "text": text, "lang": text_lang}
        if self.has_page(iri):
            return {"kind": "link", "href": self.page_href(iri, page), "text": text, "lang": text_lang}
        return {"kind": "external", "href": iri, "text": text if text_lang else m.short_iri(iri)}

    def value(self, term, page: Page) -> dict:
        import pyoxigraph as ox

        if isinstance(term, ox.NamedNode):
            return self.iri_value(term.value, page)
        if isinstance(term, ox.BlankNode):
            return {"kind": "text", "text": f"_:{term.value}"}
        date = m.format_date(term, page.lang)
        if date is not None:
            return {"kind": "date", "text": date, "datetime": term.value}
        return {"kind": "text", "text": term.value, "lang": getattr(term, "language", None) or None}

    def sources(self, paragraphs: list[str], page: Page) -> list[dict]:
        out = []
        for p in sorted(paragraphs, key=self.g.position):
            if not self.has_page(p):
                continue
            label, _ = self.g.label(p, page.lang)
            out.append({"href": self.page_href(p, page),
                        "text": f"§\u00a0{self.g.position(p) or p.rpartition('#')[2]}", "title": label})
        return out

    # -- shared page parts -------------------------------------------------------------------
    def common(self, page: Page, title: str, title_lang: str | None = None, current: str | None = None) -> dict:
        t = WORDS[page.lang]
        other = self.other_lang if page.lang == self.default_lang else self.default_lang
        folder, _, _ = page.path.rpartition("/")
        switch_target = self.lang_page(folder, other)
        nav_targets = [
            ("home", ""), ("letter", resource_folder(self.letter) if self.letter else None), ("covenants", "overzicht/convenanten"),
            ("matrix", "overzicht/matrix"), ("timeline", "overzicht/tijdlijn"), ("classes", "klasse"), ("queries", "vragen"),
            ("ontology", "def"), ("search", "zoeken"),
        ]
        nav = []
        for key, target in nav_targets:
            if target is None:
                continue
            path = self.lang_page(target, page.lang)
            nav.append({"href": self.href(path, page), "text": t[key], "current": path == page.path})
        canonical = self.base_url + (folder + "/" if folder else "") + ("" if page.lang == self.default_lang else page.path.rpartition("/")[2])
        return {
            "lang": page.lang, "other_lang": other, "default_lang": self.default_lang, "t": t, "title": title,
            "title_lang": title_lang, "root": root_of(page.path), "switch": self.href(switch_target, page),
            "home": self.href(self.lang_page("", page.lang), page), "nav": nav,
            "search_page": self.href(self.lang_page("zoeken", page.lang), page), "canonical": canonical,
        }

    def emit(self, page: Page, template: str, context: dict) -> None:
        for optional in ("intro", "picture", "groups", "tables", "description", "members"):
            context.setdefault(optional, None)
        self.files[page.path] = render(template, context).encode("utf-8")

    def both(self, folder: str):
        for lang in (self.default_lang, self.other_lang):
            yield Page(self.lang_page(folder, lang), lang)

    # -- the pages ---------------------------------------------------------------------------
    def build(self) -> dict[str, bytes]:
        from ..export.serialization import serialize_formats

        for iri in self.resources:
            folder = resource_folder(iri)
            if "#" in iri or folder == "def" or folder is None:
                continue
            texts = serialize_formats(self.g.description_quads(iri), [fmt for fmt, _, _, _ in DATA_FILES])
            data = {name: texts[fmt] for fmt, name, _, _ in DATA_FILES}
            for name, content in data.items():
                self.files[f"{folder}/{name}"] = content
            for page in self.both(folder):
                self.resource_page(iri, page, data["data.jsonld"])
        self.class_pages()
        self.overview_pages()
        self.search_pages()
        self.query_pages()
        self.ontology_pages()
        self.home_pages()
        self.static_files()
        return self.files

    def resource_page(self, iri: str, page: Page, jsonld: bytes) -> None:
        g = self.g
        title, title_lang = g.label(iri, page.lang)
        ctx = self.common(page, title, title_lang)
        types = [self.iri_value(c, page, as_class=True) for c in g.types(iri)]
        outgoing, incoming = [], []
        first = {m.TYPE: 0, **{p: 1 for p in m.NAME_PROPERTIES}, **{p: 2 for p in m.DESCRIPTION_PROPERTIES}, m.SOURCE: 9}
        for prop, obj in sorted(g.out.get(iri, ()), key=lambda pair: (first.get(pair[0], 5), pair[0], str(pair[1]))):
            sources = [] if prop == m.SOURCE else self.sources(g.statement_sources(iri, prop, obj), page)
            outgoing.append({"property": self.iri_value(prop, page), "value": self.value(obj, page), "sources": sources})
        import pyoxigraph as ox

        for prop, subj in g.into.get(iri, ()):
            if not isinstance(subj, ox.NamedNode):
                continue
            if m.STATEMENT in g.types(subj.value):
                continue  # a reification: shown as the sources of the statement it describes
            incoming.append({"property": self.iri_value(prop, page), "value": self.iri_value(subj.value, page),
                             "sources": self.sources(g.statement_sources(subj.value, prop, ox.NamedNode(iri)), page)})
        cited = sorted({p for st in g.out.get(iri, ()) for p in g.statement_sources(iri, st[0], st[1])}, key=g.position)
        quoted = []
        for p in cited:
            text = g.paragraph_text(p)
            if text is None or not self.has_page(p):
                continue
            label, _ = g.label(p, page.lang)
            quoted.append({"iri": p, "text": text, "anchor": p.rpartition("#")[2], "title": label,
                           "href": self.page_href(p, page)})
        folder = resource_folder(iri)
        ctx.update({
            "iri": iri, "types": types, "description": _text(g.description(iri, page.lang)),
            "outgoing": outgoing, "incoming": incoming, "quoted": quoted, "jsonld": _script_json(jsonld),
            "downloads": [{"href": self.href(f"{folder}/{name}", page), "media_type": media, "text": label}
                          for _, name, media, label in DATA_FILES],
        })
        if m.CONCEPT_SCHEME in g.types(iri):  # a code list: its values first
            ctx["members"] = sorted((self.iri_value(c, page) for c in g.subjects(m.IN_SCHEME, iri)), key=lambda v: v["text"].lower())
        if iri == self.letter:
            ctx["blocks"] = self.letter_blocks(page, iri)
            self.emit(page, "letter.html", ctx)
        else:
            self.emit(page, "resource.html", ctx)

    def letter_blocks(self, page: Page, letter: str) -> list[dict]:
        g = self.g
        blocks = []
        parts = g.subjects(m.DCT + "isPartOf", letter)
        sections = [p for p in parts if m.SECTION in g.types(p)]
        section_of = {}
        for section in sections:
            for p in g.subjects(m.DCT + "isPartOf", section):
                section_of[p] = section
        paragraphs = sorted({p for p in [*parts, *section_of] if m.PARAGRAPH in g.types(p)}, key=g.position)
        shown = set()
        for p in paragraphs:
            in_section = section_of.get(p)
            if in_section is not None and in_section not in shown:
                shown.add(in_section)
                title, title_lang = g.label(in_section, page.lang)
                blocks.append({"section": True, "anchor": in_section.rpartition("#")[2], "title": title, "title_lang": title_lang})
            blocks.append({"section": False, "anchor": p.rpartition("#")[2], "iri": p, "number": g.position(p),
                           "text": g.paragraph_text(p) or "",
                           "citing": [self.iri_value(c, page) for c in g.citing(p) if c != self.letter and "#" not in c]})
        for section in sorted(set(sections) - shown, key=g.position):
            title, title_lang = g.label(section, page.lang)
            blocks.append({"section": True, "anchor": section.rpartition("#")[2], "title": title, "title_lang": title_lang})
        return blocks

    def class_pages(self) -> None:
        t_groups = {}
        for cls in self.classes:
            folder = self.class_folder(cls)
            members = [iri for iri in self.g.instances(cls) if iri in self.resources]
            t_groups[cls] = len(members)
            for page in self.both(folder):
                title, title_lang = self.g.label(cls, page.lang)
                ctx = self.common(page, title, title_lang)
                definition = self.iri_value(cls, page)
                items = sorted(({"value": self.iri_value(i, page)} for i in members), key=lambda it: it["value"]["text"].lower())
                ctx.update({"intro": _text(self.g.description(cls, page.lang)), "groups": [
                    {"title": definition, "count": len(items), "items": items}]})
                self.emit(page, "listing.html", ctx)
        for page in self.both("klasse"):
            t = WORDS[page.lang]
            ctx = self.common(page, t["classes"])
            items = sorted(({"value": self.iri_value(c, page, as_class=True), "note": {"kind": "text", "text": f"({t_groups[c]})"}}
                            for c in self.classes), key=lambda it: it["value"]["text"].lower())
            schemes = [{"value": self.iri_value(s, page)} for s in self.g.instances(m.CONCEPT_SCHEME) if s in self.resources]
            ctx["groups"] = [{"title": {"kind": "text", "text": t["classes"]}, "count": len(items), "items": items},
                             {"title": {"kind": "text", "text": t["code_lists"]}, "count": len(schemes), "items": schemes}]
            self.emit(page, "listing.html", ctx)

    def covenants(self) -> list[str]:
        return sorted({*self.g.instances(m.COVENANT), *self.g.instances(m.SECTOR_COVENANT)})

    def overview_pages(self) -> None:
        g = self.g
        covenants = self.covenants()
        motions = g.instances(m.MOTION)
        for page in self.both("overzicht/convenanten"):
            t = WORDS[page.lang]
            ctx = self.common(page, t["covenants"])
            groups, bars = [], []
            for key, prop in (("by_status", IMVO + "status"), ("by_sector", IMVO + "sector")):
                by: dict = {}
                for c in covenants:
                    values = [o.value for o in g.values(c, prop) if m._is_iri(o)] or [None]
                    for v in values:
                        by.setdefault(v, []).append(c)
                for value in sorted(by, key=lambda v: (v is None, g.label(v, page.lang)[0].lower() if v else "")):
                    title = self.iri_value(value, page) if value else {"kind": "text", "text": t["none"]}
                    items = sorted(({"value": self.iri_value(c, page)} for c in by[value]), key=lambda it: it["value"]["text"].lower())
                    groups.append({"title": title, "count": len(items), "items": items, "section": t[key]})
                    if key == "by_status":
                        bars.append((title["text"], len(items)))
            ctx["picture"] = bar_chart(bars, title=t["chart_status"], desc="; ".join(f"{a}: {b}" for a, b in bars), ident="status")
            ctx["groups"] = groups
            self.emit(page, "listing.html", ctx)
        for page in self.both("overzicht/matrix"):
            t = WORDS[page.lang]
            ctx = self.common(page, t["matrix"])
            head = [{"kind": "text", "text": t["covenant"]}] + [self.iri_value(mo, page) for mo in motions]
            rows: list[list] = []
            for c in covenants:
                implemented = {o.value for o in g.values(c, IMVO + "implements") if m._is_iri(o)}
                rows.append([self.iri_value(c, page)] + [{"kind": "text", "text": t["yes"]} if mo in implemented else None for mo in motions])
            ctx["tables"] = [{"title": t["matrix_desc"], "head": head, "rows": rows, "cls": "matrix"}]
            self.emit(page, "listing.html", ctx)
        events = self.dated_events()
        for page in self.both("overzicht/tijdlijn"):
            t = WORDS[page.lang]
            ctx = self.common(page, t["timeline"])
            lanes: dict[str, list] = {"past": [], "planned": []}
            tables: dict[str, list] = {"past": [], "planned": []}
            for key, planned, iri, prop, literal in events:
                label = g.label(iri, page.lang)[0]
                lane = "planned" if planned else "past"
                lanes[lane].append((key, label))
                tables[lane].append([self.value(literal, page), self.iri_value(iri, page), self.iri_value(prop, page)])
            ctx["picture"] = timeline(lanes["past"], lanes["planned"], title=t["timeline"], desc=t["timeline_desc"],
                                      past_label=t["past"], planned_label=t["planned"],
                                      marker=(self.letter_date, t["letter"]) if self.letter_date else None)
            head = [{"kind": "text", "text": t["date"]}, {"kind": "text", "text": t["what"]}, {"kind": "text", "text": t["property"]}]
            ctx["tables"] = [{"title": t[lane], "head": head, "rows": tables[lane]} for lane in ("past", "planned")]
            self.emit(page, "listing.html", ctx)

    @property
    def letter_date(self) -> str | None:
        for o in self.g.values(self.letter, m.DCT + "date") if self.letter else ():
            return o.value[:10]
        return None

    def dated_events(self) -> list:
        g = self.g
        letter_date = self.letter_date
        found = []
        for iri in self.resources:
            if "#" in iri:
                continue
            for prop, obj in g.out.get(iri, ()):
                if m.format_date(obj, "en") is None:
                    continue
                key = m.sort_date(obj)
                end = key if len(key) == 10 else (key + "-12-31" if len(key) == 4 else key + "-31")
                planned = prop in PLANNED_PROPERTIES or (letter_date is not None and end > letter_date and key[:10] > letter_date)
                found.append((key, planned, iri, prop, obj))
        return sorted(found, key=lambda e: (e[0], e[2]))

    def search_entries(self) -> list[dict]:
        entries = []
        for iri in self.resources:
            folder = resource_folder(iri)
            if folder is None:
                continue
            labels = self.g.labels(iri)
            entry = {"nl": labels.get("nl") or labels.get("") or labels.get("en") or m.short_iri(iri),
                     "en": labels.get("en") or labels.get("") or labels.get("nl") or m.short_iri(iri),
                     "path": folder, "iri": iri}
            if "#" in iri:
                entry["fragment"] = iri.rpartition("#")[2]
            types = self.g.types(iri)
            entry["type"] = m.short_iri(types[0]) if types else ""
            entries.append(entry)
        return sorted(entries, key=lambda e: (e["nl"].lower(), e["iri"]))

    def search_pages(self) -> None:
        entries = self.search_entries()
        index = {"entries": entries}
        text = json.dumps(index, ensure_ascii=False, sort_keys=True, indent=0)
        self.files["static/search-index.json"] = text.encode("utf-8")
        self.files["static/search-index.js"] = ("window.IMVO_SEARCH = " + _script_json(text.encode("utf-8")) + ";\n").encode("utf-8")
        for page in self.both("zoeken"):
            t = WORDS[page.lang]
            ctx = self.common(page, t["search"])
            items = []
            for e in entries:
                value = self.iri_value(e["iri"], page)
                types = self.g.types(e["iri"])
                items.append({"value": value, "search": f'{e["nl"]} {e["en"]}',
                              "type": self.g.label(types[0], page.lang)[0] if types else ""})
            ctx["entries"] = sorted(items, key=lambda it: it["value"]["text"].lower())
            self.emit(page, "search.html", ctx)

    def query_pages(self) -> None:
        from .queries import query_pages

        query_pages(self)

    def ontology_pages(self) -> None:
        from .ontology import ontology_pages

        ontology_pages(self)

    def home_pages(self) -> None:
        for page in self.both(""):
            t = WORDS[page.lang]
            ctx = self.common(page, t["site"])
            ctx["intro"] = {"kind": "text", "text": t["welcome"]}
            links = [("letter", resource_folder(self.letter) if self.letter else None), ("covenants", "overzicht/convenanten"),
                     ("matrix", "overzicht/matrix"), ("timeline", "overzicht/tijdlijn"), ("classes", "klasse"),
                     ("queries", "vragen"), ("ontology", "def"), ("search", "zoeken")]
            items = [{"value": {"kind": "link", "href": self.href(self.lang_page(f, page.lang), page), "text": t[k]}}
                     for k, f in links if f]
            classes = sorted(({"value": self.iri_value(c, page, as_class=True)} for c in self.classes), key=lambda it: it["value"]["text"].lower())
            ctx["groups"] = [{"title": {"kind": "text", "text": t["all"]}, "count": None, "items": items},
                             {"title": {"kind": "text", "text": t["classes"]}, "count": len(classes), "items": classes}]
            self.emit(page, "listing.html", ctx)

    def static_files(self) -> None:
        from importlib.resources import files

        folder = files("imvo_graph.site") / "static"
        for name in ("site.css", "search.js"):
            self.files[f"static/{name}"] = (folder / name).read_bytes()


def _text(pair) -> dict | None:
    if pair is None:
        return None
    return {"kind": "text", "text": pair[0], "lang": pair[1]}


def _script_json(data: bytes) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' that could end it."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
