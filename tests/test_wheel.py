"""The wheel carries the domain files and works outside the repository."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
    )
    (built,) = out.glob("imvo_graph-*.whl")
    return built


def test_wheel_contains_the_domain_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for kind in ("ontology", "data", "shapes", "queries"):
        shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / kind).iterdir() if p.is_file()}
        assert shipped, kind
        assert {f"imvo_graph/domain/{name}" for name in shipped} <= names
    assert "imvo_graph/py.typed" in names, "PEP 561: type checkers read the package's annotations"


def test_installed_wheel_validates_outside_the_repository(wheel, tmp_path):
    """A fresh virtualenv with only the wheel installed finds its own copy of the domain files."""
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True, capture_output=True, text=True,
        ).stdout.strip()
    )
    # Install the wheel by hand (a wheel is a zip of the site-packages tree) ...
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(purelib)
    # ... and let it find the dependencies (rdflib, pyshacl, pyoxigraph) of the test environment,
    # without the editable install of the checkout: a plain path entry, not a site directory.
    (purelib / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    where = subprocess.run(
        [str(python), "-c", "import imvo_graph.resources as r; print(r.domain_root())"],
        cwd=outside, check=True, capture_output=True, text=True,
    ).stdout.strip()
    assert Path(where) == purelib / "imvo_graph" / "domain"

    result = subprocess.run(
        [str(python), "-m", "imvo_graph", "validate"], cwd=outside, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Conform")
