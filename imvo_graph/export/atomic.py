"""Writing files and folders so that a failure never leaves half a result.

A file is written to a temporary file in the same folder and renamed over the target
(``os.replace``, atomic on one file system); a folder is built as a temporary sibling and
renamed into place. An existing target is refused unless ``overwrite`` is given.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError


def check_output_folder(folder: Path) -> None:
    """Raise OutputError unless ``folder`` is an existing folder we can create files in."""
    if not folder.exists():
        raise OutputError(f"{folder}: no such folder to write into")
    if not folder.is_dir():
        raise OutputError(f"{folder}: is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{folder}: folder is not writable")


def write_atomic(path: Path | str, data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    Raises OutputError when the target exists (unless ``overwrite``), is a folder, or its folder
    is missing or not writable. On any error the target is untouched and no temporary file stays.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    check_output_folder(folder)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder, not a file")
    if path.exists() and not overwrite:
        raise OutputError(f"{path}: already exists (use --force to replace it)")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create a file there ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        _remove(Path(temporary))
        raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    except BaseException:
        _remove(Path(temporary))
        raise
    return path


@contextmanager
def atomic_directory(target: Path | str, *, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary folder next to ``target``; on success it is renamed to ``target``.

    On an error (or interruption) the temporary folder is removed and ``target`` is as it was.
    An existing ``target`` is refused unless ``overwrite``; then it is replaced only after the new
    folder is complete.
    """
    target = Path(target)
    parent = target.parent if str(target.parent) else Path(".")
    check_output_folder(parent)
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: exists and is not a folder")
    if target.exists() and not overwrite:
        raise OutputError(f"{target}: already exists (use --force to replace it)")
    try:
        temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise OutputError(f"{parent}: cannot create a folder there ({exc.strerror or exc})") from None
    try:
        yield temporary
        os.chmod(temporary, 0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=parent))
            os.replace(target, old / "previous")
            try:
                os.replace(temporary, target)
            except OSError:
                os.replace(old / "previous", target)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(temporary, target)
    except OSError as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        raise OutputError(f"{target}: cannot be written ({exc.strerror or exc})") from None
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
