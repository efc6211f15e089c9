"""What a release and its files are called: the parts, the file names, the dataset version,
the default download URL."""

from __future__ import annotations

import re

from .. import __version__
from ..errors import InputError

RELEASE_PARTS = ("ontology", "data", "shapes", "all")
SUMS_FILE = "SHA256SUMS"
#: Files every release holds; with SUMS_FILE's list they make a folder recognisably a release.
MARKER_FILES = (SUMS_FILE, "catalog.ttl")
_DATASET_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}\Z")


def default_base_url(version: str = __version__) -> str:
    from ..rdf.namespaces import BASE

    return f"{BASE}/release/{version}/"


def release_file_name(part: str, suffix: str, version: str = __version__) -> str:
    return f"imvo-graph-{version}-{part}{suffix}"


def check_dataset_version(version: str) -> str:
    """``version`` if it can name a release (file names, IRIs, a URL path): letters, digits and
    ``.-_+``, starting with a letter or digit, at most 64 characters; InputError otherwise."""
    if not isinstance(version, str) or not _DATASET_VERSION.match(version):
        raise InputError(
            f"dataset version {version!r}: use letters, digits, '.', '-', '_' or '+', starting with a "
            "letter or digit (such as 2017.1 or 1.0.0), at most 64 characters"
        )
    return version
