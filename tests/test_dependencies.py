"""The versions of rdflib, pySHACL, owlrl and pyoxigraph: closed ranges, checked at run time."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT

from imvo_graph.dependencies import (
    ENGINE_LIBRARIES,
    DependencyError,
    check_versions,
    supported_versions,
    version_problems,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")


def declared() -> dict:
    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {Requirement(line).name.lower(): Requirement(line).specifier for line in project["dependencies"]}


def test_every_engine_library_has_a_closed_range():
    """An open range (pyshacl>=0.26) lets pip install a version whose results the engines do
    not reproduce: each range has a lower bound and ends before the next minor version."""
    ranges = declared()
    for name in ENGINE_LIBRARIES:
        operators = {spec.operator for spec in ranges[name]}
        assert {">=", "<"} <= operators or "~=" in operators, f"{name}{ranges[name]} is not a closed range"


def test_the_tested_versions_are_inside_the_ranges():
    """The environment the tests run in (and CI) has versions inside the declared ranges, and
    the installed package's metadata carries the ranges of pyproject.toml."""
    assert version_problems() == []
    check_versions()
    installed = supported_versions()
    for name in ENGINE_LIBRARIES:
        assert installed[name] == str(declared()[name]), f"reinstall: `make setup` ({name})"


def test_a_version_outside_its_range_is_refused_with_a_message(monkeypatch):
    import imvo_graph.dependencies as dependencies

    real = dependencies.installed_version
    monkeypatch.setattr(dependencies, "installed_version", lambda name: "0.41.0" if name == "pyshacl" else real(name))
    check_versions.cache_clear()
    try:
        with pytest.raises(DependencyError) as raised:
            check_versions()
    finally:
        check_versions.cache_clear()
    message = str(raised.value)
    assert "pyshacl 0.41.0 is installed" in message and "pyshacl<0.41,>=0.40" in message
    assert "pip install 'pyshacl<0.41,>=0.40'" in message
    assert "owlrl" not in message
    assert raised.value.exit_code == 2


def test_the_command_names_the_library_and_exits_2(monkeypatch, capsys):
    import imvo_graph.dependencies as dependencies
    from imvo_graph.cli import main

    monkeypatch.setattr(dependencies, "installed_version", lambda name: None if name == "owlrl" else "0.5.0")
    check_versions.cache_clear()
    try:
        code = main(["queries"])
    finally:
        check_versions.cache_clear()
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("imvo-graph: error: ") and "owlrl is not installed" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "line",
    ["rdflib<8,>=7.6", "pyoxigraph <0.6, >=0.5", "foo[bar]>=1", "foo[bar] (>=1,<2)", "x @ https://example.org/x.whl",
     "y>=1; python_version<'3.12'", "pytest>=8; extra == 'dev'", "z", "a.b-c_d==1.0.*", "q ~= 1.4"],
)
def test_the_ranges_are_read_as_packaging_reads_requirements(monkeypatch, line):
    """supported_versions() reads the plain requirement lines without packaging's full parser
    (for speed): what it makes of each line is what packaging.requirements makes of it."""
    from packaging.requirements import Requirement

    import imvo_graph.dependencies as dependencies

    monkeypatch.setattr("importlib.metadata.requires", lambda name: [line])
    requirement = Requirement(line)
    expected = {} if requirement.marker else {requirement.name.lower(): str(requirement.specifier)}
    assert dependencies.supported_versions() == expected
