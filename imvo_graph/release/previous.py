"""Which existing folder a new release may replace: only a previous, unchanged release that
neither is nor holds an input file."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import InputError, OutputError
from ..rdf.loading import file_digest
from .names import MARKER_FILES, SUMS_FILE

_SUMS_LINE = re.compile(r"([0-9a-f]{64})  ([^/\\\x00]+)")


def check_previous_release(folder: Path | str) -> None:
    """Raise OutputError unless ``folder`` is recognisably a release written by this tool, which
    ``write_release(..., overwrite=True)`` may replace: it holds ``SHA256SUMS`` and
    ``catalog.ttl``; every line of ``SHA256SUMS`` is ``<sha256>  <file name>``; and the folder
    holds nothing but ``SHA256SUMS`` and the regular files it lists, each with that checksum
    (no other file, no sub-folder, no symbolic link, nothing edited since the release).
    """
    folder = Path(folder)
    refuse = f"{folder}: is not a previous imvo-graph release, so overwrite=True does not replace it"
    try:
        entries = {entry.name: entry for entry in os.scandir(folder)}
    except OSError as exc:
        raise OutputError(f"{folder}: cannot be read ({exc.strerror or exc})") from None
    missing = [name for name in MARKER_FILES if name not in entries]
    if missing:
        raise OutputError(f"{refuse} (it has no {missing[0]}); remove or rename it yourself, or choose another output folder")
    listed = _listed_sums(folder, refuse)
    for name, entry in sorted(entries.items()):
        if name != SUMS_FILE and name not in listed:
            raise OutputError(f"{refuse}: it holds {name}, which is not a file of the release")
        if not entry.is_file(follow_symlinks=False):
            raise OutputError(f"{refuse}: {name} is not a regular file")
    for name, digest in sorted(listed.items()):
        if name not in entries:
            raise OutputError(f"{refuse}: {name}, listed in {SUMS_FILE}, is missing")
        if file_sha256(folder / name) != digest:
            raise OutputError(f"{refuse}: {name} was changed since the release (its checksum differs)")


def _listed_sums(folder: Path, refuse: str) -> dict[str, str]:
    """File name -> checksum, as the folder's SHA256SUMS lists them (which must list catalog.ttl)."""
    listed: dict[str, str] = {}
    try:
        sums = (folder / SUMS_FILE).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        raise OutputError(f"{refuse} ({SUMS_FILE} cannot be read)") from None
    for line in sums.splitlines():
        m = _SUMS_LINE.fullmatch(line)
        if not m or m.group(2) in (SUMS_FILE, ".", ".."):
            raise OutputError(f"{refuse} ({SUMS_FILE} has a line that is not '<sha256>  <file>')")
        listed[m.group(2)] = m.group(1)
    for name in MARKER_FILES[1:]:
        if name not in listed:
            raise OutputError(f"{refuse} ({SUMS_FILE} does not list {name})")
    return listed


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a file's bytes (hex), None if it cannot be read."""
    try:
        return file_digest(path)
    except InputError:
        return None


def replaceable_release(inputs: Iterable[Path | str]) -> Callable[[Path], None]:
    """The check ``atomic_directory`` runs before replacing an existing release folder: never one
    that is, or holds, an input file; only a previous release (:func:`check_previous_release`)."""
    paths = [Path(p) for p in inputs]

    def check(folder: Path) -> None:
        here = folder.resolve()
        for path in paths:
            resolved = Path(path).resolve()
            if resolved == here or here in resolved.parents:
                raise OutputError(f"{folder}: holds the input {path}; not replacing it (choose another output folder)")
        check_previous_release(folder)

    return check
