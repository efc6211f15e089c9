"""Errors a user can cause, each with its own type, and the exit codes they map to.

The command-line tool maps these to exit codes in one place (:func:`imvo_graph.cli.main`);
library users catch them like any exception.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_VIOLATIONS = 1  # the data does not conform, or two graphs differ
EXIT_BAD_INPUT = 2  # a missing file, a syntax error, an unknown name, a bad parameter
EXIT_ENDPOINT = 3  # a remote SPARQL endpoint could not be used


class ImvoGraphError(Exception):
    """Base class of every error a user can cause."""

    exit_code = EXIT_BAD_INPUT


class InputError(ImvoGraphError):
    """Bad input: a file that is missing, unreadable or of an unknown kind, a bad option value."""


class ShapesError(InputError):
    """Shapes that are not valid SHACL: an ill-formed constraint, a forbidden SPARQL query, a
    cycle of shapes; names the shape."""


class RdfSyntaxError(InputError):
    """An RDF file that does not parse; names the file, line and column."""

    def __init__(self, path: Path | str, message: str, line: int | None = None, column: int | None = None):
        self.path = Path(path)
        self.line = line
        self.column = column
        self.reason = message
        where = str(self.path)
        if line is not None:
            where += f", line {line}"
            if column is not None:
                where += f", column {column}"
        super().__init__(f"{where}: {message}")


class DomainFilesMissing(ImvoGraphError):
    """The shipped ontology, data, shapes or queries cannot be found (a broken installation)."""


class EndpointError(ImvoGraphError):
    """A remote SPARQL endpoint refused, timed out, failed or answered something unreadable."""

    exit_code = EXIT_ENDPOINT


class QueryError(InputError):
    """A stored or ad-hoc SPARQL query that cannot be run as asked: an unknown query name, a
    missing, unknown or ill-typed parameter, a syntax error, or an unsupported query form."""


class OutputError(InputError):
    """An output that cannot be written: an existing file or folder (without --force), a missing
    or unwritable folder. Nothing is half written when it is raised."""


class InvalidGraphError(ImvoGraphError):
    """A graph that does not conform to the shapes where conformance is required (a release)."""

    exit_code = EXIT_VIOLATIONS
