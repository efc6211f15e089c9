"""Library errors name the library's parameters (what a Python caller wrote); the command line
names its options for the same errors (imvo_graph.cli.flags translates them). One case a line:
the call, the words of the library's error, the command and the words of its error."""

from __future__ import annotations

import pytest

from imvo_graph.cli import main
from imvo_graph.errors import ImvoGraphError

SECRET_URL = "https://user:s3cret@host.example/sparql"
SHOWN_URL = "https://***@host.example/sparql"  # the whole user part hidden: it may be a token


def _library_error(call) -> str:
    with pytest.raises(ImvoGraphError) as caught:
        call()
    return str(caught.value)


def _cli_error(capsys, *argv: str) -> str:
    capsys.readouterr()
    code = main(list(argv))
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    return err


def _cases(tmp_path):
    from rdflib import Graph

    from imvo_graph.diff import diff_graphs
    from imvo_graph.endpoints.server import check_bind
    from imvo_graph.export import export_graph, write_export
    from imvo_graph.generate import generate
    from imvo_graph.query import run_file, run_query
    from imvo_graph.release import write_release
    from imvo_graph.site import write_site
    from imvo_graph.validation import ValidationReport, validate
    from imvo_graph.validation.render import render

    existing = tmp_path / "exists.ttl"
    existing.write_text("", encoding="utf-8")
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")
    release = str(tmp_path / "release")
    service = tmp_path / "service.rq"
    service.write_text("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }\n", encoding="utf-8")
    return [
        # (library call, its words, command line, its words)
        (lambda: write_release(release, base_url="ftp://x/"), "base_url='ftp://x/' is not an absolute",
         ["release", "-o", release, "--base-url", "ftp://x/"], "--base-url 'ftp://x/' is not an absolute"),
        (lambda: write_release(release, endpoint_url="x"), "endpoint_url='x' is not an absolute",
         ["release", "-o", release, "--endpoint-url", "x"], "--endpoint-url 'x' is not an absolute"),
        (lambda: write_release(release, date="2024-13-01"), "date='2024-13-01' is not a valid date",
         ["release", "-o", release, "--date", "2024-13-01"], "--date '2024-13-01' is not a valid date"),
        (lambda: write_release(release, date="2024-03-01", issued="2024-04-01"), "issued=2024-04-01 is after",
         ["release", "-o", release, "--date", "2024-03-01", "--issued", "2024-04-01"], "--issued 2024-04-01 is after"),
        (lambda: write_release(release, contact_email="x"), "contact_email='x' is not an e-mail address",
         ["release", "-o", release, "--contact-email", "x"], "--contact-email 'x' is not an e-mail address"),
        (lambda: write_release(release, previous=tmp_path / "nope"), "previous='",
         ["release", "-o", release, "--previous", str(tmp_path / "nope")], "--previous '"),
        (lambda: write_release(tmp_path, overwrite=True), "so overwrite=True does not replace it",
         ["release", "-o", str(tmp_path), "--force"], "so --force does not replace it"),
        (lambda: write_export(existing), "already exists (use overwrite=True to replace it)",
         ["export", "--format", "turtle", "--output", str(existing)], "already exists (use --force to replace it)"),
        (lambda: generate(10**12), "triples=1,000,000,000,000: give from 1",
         ["generate", "--triples", str(10**12), "--output", str(tmp_path / "g.nt")], "--triples 1,000,000,000,000: give"),
        # (the command's own parser refuses --violations 2 before the library sees it)
        (lambda: generate(10, violations=2.0), "violations=2.0: give a rate", None, None),
        (lambda: write_site(tmp_path / "site", base_url="x"), "base_url='x' is not an absolute",
         ["site", "--output", str(tmp_path / "site"), "--base-url", "x"], "--base-url 'x' is not an absolute"),
        # a URL written into public files may not carry credentials; the message hides the password
        (lambda: write_release(release, endpoint_url=SECRET_URL),
         f"endpoint_url={SHOWN_URL!r} holds a user name or password",
         ["release", "-o", release, "--endpoint-url", SECRET_URL], f"--endpoint-url {SHOWN_URL!r} holds a user name or password"),
        (lambda: write_release(release, base_url=SECRET_URL), f"base_url={SHOWN_URL!r} holds a user name or password",
         ["release", "-o", release, "--base-url", SECRET_URL], f"--base-url {SHOWN_URL!r} holds a user name or password"),
        (lambda: write_site(tmp_path / "site", base_url=SECRET_URL), f"base_url={SHOWN_URL!r} holds a user name or password",
         ["site", "--output", str(tmp_path / "site"), "--base-url", SECRET_URL],
         f"--base-url {SHOWN_URL!r} holds a user name or password"),
        (lambda: run_query("covenants-of-sector"), "give it as params={'sector': VALUE}",
         ["query", "covenants-of-sector"], "give it as --param sector=VALUE"),
        (lambda: run_query("covenant-status", endpoint="http://127.0.0.1:9/", graph="bad iri"),
         "graph='bad iri': not an absolute IRI",
         ["query", "covenant-status", "--endpoint", "http://127.0.0.1:9/", "--graph", "bad iri"],
         "--graph 'bad iri': not an absolute IRI"),
        (lambda: run_file(service), "on an endpoint (endpoint=URL)",
         ["query", "--file", str(service)], "on an endpoint (--endpoint URL)"),
        (lambda: check_bind("bad host", 0), "host='bad host': not a valid host name",
         ["serve", "--host", "bad host", "--port", "0"], "--host 'bad host': not a valid host name"),
        (lambda: validate(threads=0), "threads=0: give a whole number",
         ["validate", "--threads", "0"], "--threads 0: give a whole number"),
        (lambda: write_release(release, threads=0), "threads=0: give a whole number",
         ["release", "-o", release, "--threads", "0"], "--threads 0: give a whole number"),
        # options of a Literal type, checked at run time too (the command's choices refuse most first)
        (lambda: export_graph("all", "yaml"), "fmt='yaml': unknown export format; choose one of turtle (ttl)",
         ["export", "--format", "yaml"], "--format 'yaml': unknown export format; choose one of turtle (ttl)"),
        (lambda: export_graph("everything"), "part='everything': unknown part; choose one of ontology, data",
         None, None),
        (lambda: run_query("covenant-status", lang="de"), "lang='de': unknown language; choose one of nl, en",
         None, None),
        (lambda: run_query("covenant-status").serialize("xml"), "format='xml': unknown result format", None, None),
        (lambda: diff_graphs(existing, existing, lang="fr"), "lang='fr': unknown language", None, None),
        (lambda: diff_graphs(existing, existing).render("html"), "fmt='html': unknown diff format", None, None),
        (lambda: validate(inference="owl"), "inference='owl': unknown inference; choose one of none, rdfs, owlrl",
         None, None),
        (lambda: validate(engine="quick"), "engine='quick': unknown engine; choose one of auto, fast, pyshacl",
         None, None),
        (lambda: render(ValidationReport([], None, Graph()), "csv"), "fmt='csv': unknown report format", None, None),
        (lambda: render(ValidationReport([], None, Graph()), "text", "de"), "lang='de': unknown language", None, None),
        (lambda: validate(store=not_a_folder), f"store={str(not_a_folder)!r}: not a directory",
         ["validate", "--store", str(not_a_folder)], f"--store {str(not_a_folder)!r}: not a directory"),
    ]


def test_library_errors_name_parameters_and_the_command_its_options(tmp_path, capsys):
    for call, words, argv, cli_words in _cases(tmp_path):
        message = _library_error(call)
        assert words in message, (argv, message)
        assert "s3cret" not in message, message
        assert "--" not in message.replace(str(tmp_path), ""), message
        if argv is not None:
            err = _cli_error(capsys, *argv)
            assert cli_words in err and "s3cret" not in err, (argv, err)


def test_a_name_that_is_not_an_option_of_the_command_stays_as_it_is():
    from imvo_graph.cli import build_parser
    from imvo_graph.cli.flags import to_flags

    release = build_parser().subcommand("release")
    assert to_flags("use overwrite=True to replace it", release) == "use --force to replace it"
    assert to_flags("https://e.org/?date=1 and x=1", release) == "https://e.org/?date=1 and x=1"
    assert to_flags("date='x' is bad", None) == "date='x' is bad"
