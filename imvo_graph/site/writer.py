"""Putting the built site on disk, atomically, like a release.

The site is written into a temporary folder next to the target and renamed into place
(:func:`imvo_graph.export.atomic.atomic_directory`): on any error nothing is left. The site
holds ``SITE-SHA256SUMS`` (every file with its checksum); an existing target is replaced only
with ``overwrite`` and only when it is recognisably an earlier site: that file is there, it
lists every file of the folder (sub-folders included) and each is unchanged. Anything else
(a folder with other files, edited pages, a symbolic link) is refused.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ..errors import OutputError

SUMS_FILE = "SITE-SHA256SUMS"
_LINE = re.compile(r"([0-9a-f]{64})  ([^\x00]+)")


def checksums(files: dict[str, bytes]) -> bytes:
    return "".join(f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files)).encode("utf-8")


def check_previous_site(folder: Path | str) -> None:
    """OutputError unless ``folder`` is a site this tool wrote, unchanged since."""
    folder = Path(folder)
    refuse = f"{folder}: is not a previous imvo-graph site, so overwrite=True does not replace it"
    try:
        sums = (folder / SUMS_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise OutputError(f"{refuse} (it has no readable {SUMS_FILE}); remove it yourself or choose another output folder") from None
    listed: dict[str, str] = {}
    for line in sums.splitlines():
        found = _LINE.fullmatch(line)
        if not found or ".." in found.group(2).split("/") or found.group(2).startswith("/"):
            raise OutputError(f"{refuse} ({SUMS_FILE} has a line that is not '<sha256>  <file>')")
        listed[found.group(2)] = found.group(1)
    present: set[str] = set()
    for here, folders, names in os.walk(folder, followlinks=False):
        for name in folders:
            if os.path.islink(os.path.join(here, name)):
                raise OutputError(f"{refuse}: {os.path.relpath(os.path.join(here, name), folder)} is a symbolic link")
        for name in names:
            path = os.path.join(here, name)
            relative = os.path.relpath(path, folder).replace(os.sep, "/")
            if relative == SUMS_FILE:
                continue
            if relative not in listed:
                raise OutputError(f"{refuse}: it holds {relative}, which is not a file of the site")
            if os.path.islink(path) or not os.path.isfile(path):
                raise OutputError(f"{refuse}: {relative} is not a regular file")
            with open(path, "rb") as stream:
                if hashlib.sha256(stream.read()).hexdigest() != listed[relative]:
                    raise OutputError(f"{refuse}: {relative} was changed since it was written")
            present.add(relative)
    missing = sorted(set(listed) - present)
    if missing:
        raise OutputError(f"{refuse}: {missing[0]}, listed in {SUMS_FILE}, is missing")


def write_files(output: Path, files: dict[str, bytes], *, overwrite: bool = False) -> None:
    """Write ``files`` (relative path -> bytes) as the folder ``output``, atomically."""
    from ..export.atomic import atomic_directory

    files = dict(files)
    files[SUMS_FILE] = checksums(files)
    with atomic_directory(output, overwrite=overwrite, replaceable=check_previous_site) as folder:
        made = {folder}
        for name in sorted(files):
            path = folder / name
            if path.parent not in made:  # (each folder once: a site has a few files per folder)
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            with open(path, "wb") as stream:
                stream.write(files[name])
            os.chmod(path, 0o644)
        for here, folders, _ in os.walk(folder):
            for name in folders:
                os.chmod(os.path.join(here, name), 0o755)
