"""The versions of the RDF libraries whose behaviour imvo-graph reproduces, checked at run time.

The compiled SHACL engine gives pySHACL 0.40's results, the OWL RL closure gives owlrl 7.6's,
and both follow how rdflib 7 reads literals and how Oxigraph 0.5 parses and stores them: another
version can change a result without failing. pip keeps to the ranges of ``pyproject.toml``; a
library upgraded by hand afterwards, or installed with ``--no-deps``, is caught here, with a
message that names it. The ranges are read from the package's own metadata (the one list is
``pyproject.toml``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .errors import ImvoGraphError

#: The libraries whose exact behaviour the results depend on.
ENGINE_LIBRARIES = ("rdflib", "pyshacl", "owlrl", "pyoxigraph")


class DependencyError(ImvoGraphError):
    """An installed library outside the versions imvo-graph reproduces (a broken installation)."""


#: A requirement of the installed metadata in PEP 508's name form: the name, its extras, its
#: version specifiers, its marker (``rdflib<8,>=7.6``, ``pytest>=8; extra == 'dev'``). Only the
#: split is done here; packaging checks the specifiers, and reads any other line itself.
_REQUIREMENT = re.compile(r"(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]@;]*\])?\s*(?P<specifier>[^;@\[\]]*?)\s*(?P<marker>;.*)?")


def supported_versions() -> dict[str, str]:
    """Library name (lower case) -> its version range, from imvo-graph's installed metadata
    (empty when imvo-graph itself is not installed, e.g. run from a source folder). A requirement
    with a marker (the extras, such as dev) is not a range the installation must keep.

    packaging's SpecifierSet reads the ranges; its full requirement parser
    (packaging.requirements) only a line that is not in the plain form: importing it took 25-45
    ms (it brings the marker grammar and platform tags), a tenth of a cold command."""
    from importlib.metadata import PackageNotFoundError, requires

    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        lines = requires("imvo-graph") or []
    except PackageNotFoundError:  # pragma: no cover - only when run from an uninstalled tree
        return {}
    ranges = {}
    for line in lines:
        plain = _REQUIREMENT.fullmatch(line)
        if plain is not None:
            if plain["marker"]:
                continue
            try:
                ranges[plain["name"].lower()] = str(SpecifierSet(plain["specifier"]))
                continue
            except InvalidSpecifier:
                pass
        from packaging.requirements import Requirement

        requirement = Requirement(line)
        if requirement.marker is None:
            ranges[requirement.name.lower()] = str(requirement.specifier)
    return ranges


def installed_version(name: str) -> str | None:
    """The installed version of ``name``, or None."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def version_problems(names=ENGINE_LIBRARIES) -> list[str]:
    """One sentence for each of ``names`` whose installed version is outside its range."""
    from packaging.specifiers import SpecifierSet

    ranges = supported_versions()
    problems = []
    for name in names:
        wanted = ranges.get(name.lower())
        if not wanted:
            continue
        found = installed_version(name)
        if found is None:
            problems.append(f"{name} is not installed; imvo-graph needs {name}{wanted}")
        elif not SpecifierSet(wanted).contains(found, prereleases=True):
            problems.append(
                f"{name} {found} is installed, but imvo-graph reproduces the results of {name}{wanted} "
                f"only (install it with: pip install '{name}{wanted}')"
            )
    return problems


@lru_cache(maxsize=1)
def check_versions() -> None:
    """Raise :class:`DependencyError` naming every engine library outside its range (checked once
    per process)."""
    problems = version_problems()
    if problems:
        raise DependencyError("; ".join(problems))
