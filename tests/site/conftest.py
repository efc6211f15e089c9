"""The site, built once per test session for every site test (a build takes a few seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    from imvo_graph.site import write_site

    folder = tmp_path_factory.mktemp("site") / "public"
    write_site(folder)
    return folder
