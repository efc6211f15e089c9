"""Writing files and folders so that a failure never leaves half a result.

A file is written to a temporary file in the same folder and renamed over the target
(``os.replace``, atomic on one file system); a folder is built as a temporary sibling and
renamed into place, or swapped with the folder it replaces in one step (:func:`exchange`, Linux
``renameat2(RENAME_EXCHANGE)``; elsewhere two renames, with a moment without either). An existing target is refused unless ``overwrite`` is given, and even then
only a regular file is replaced: never a folder, a symbolic link (nor what it points to), a
FIFO, a socket or a device. A folder is replaced only when the caller's ``replaceable`` check
accepts it (a release replaces only a previous release).

Every command that writes a file goes through :func:`check_output_file` (early, before the
slow work) and :func:`write_atomic` or :func:`atomic_file`.

A temporary file or folder is named ``.<target>.<pid>.<random>.tmp`` (``.old`` for a folder
moved aside), with the id of the process that writes it. A process killed with SIGKILL cannot
remove it; the next write to the same target does (:func:`remove_stale_temporaries`): it
removes those of its own user whose process is no longer running.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
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


def check_output_file(path: Path | str, *, overwrite: bool = False) -> Path:
    """Raise OutputError unless ``path`` can be written as a new file, or replaced (with
    ``overwrite``) as an existing regular file. Its folder must exist and be writable.

    Refused whatever ``overwrite`` says: a folder, a symbolic link (the link is not replaced and
    its target not written through it), and anything that is not a regular file (a FIFO, a
    socket, a device such as /dev/null).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    check_output_folder(folder)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise OutputError(f"{path}: cannot be examined ({exc.strerror or exc})") from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(f"{path}: is a symbolic link; not replacing it (give the path of a regular file)")
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{path}: is not a regular file ({_kind(info.st_mode)}); not replacing it")
    if not overwrite:
        raise OutputError(f"{path}: already exists (use overwrite=True to replace it)")
    return path


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a plain file"


@contextmanager
def atomic_file(path: Path | str, *, overwrite: bool = False) -> Iterator:
    """Yield a binary stream to a temporary file next to ``path``; on success it is renamed to
    ``path``. The target is checked with :func:`check_output_file` first (and again just before
    the rename). On any error the target is untouched and no temporary file stays; an OSError
    while writing becomes OutputError naming the target.
    """
    path = check_output_file(path, overwrite=overwrite)
    folder = path.parent if str(path.parent) else Path(".")
    remove_stale_temporaries(path)
    temporary: str | None = None
    try:
        # (inside the try: a stop signal that arrives once mkstemp has made the file, before
        # its name is known here, must not leave it behind: _remove_own finds it by its name)
        try:
            handle, temporary = tempfile.mkstemp(prefix=_prefix(path), suffix=".tmp", dir=folder)
        except OSError as exc:
            raise OutputError(f"{folder}: cannot create a file there ({exc.strerror or exc})") from None
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        check_output_file(path, overwrite=overwrite)  # nothing put in its place meanwhile
        os.replace(temporary, path)
    except OSError as exc:
        _remove_own(path, temporary)
        raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    except BaseException:
        _remove_own(path, temporary)
        raise


def write_atomic(path: Path | str, data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    Raises OutputError when the target exists (unless ``overwrite``), is not a regular file
    (see :func:`check_output_file`), or its folder is missing or not writable. On any error the
    target is untouched and no temporary file stays.
    """
    path = Path(path)
    with atomic_file(path, overwrite=overwrite) as stream:
        stream.write(data)
    return path


@contextmanager
def atomic_directory(
    target: Path | str,
    *,
    overwrite: bool = False,
    replaceable: Callable[[Path], None] | None = None,
) -> Iterator[Path]:
    """Yield a temporary folder next to ``target``; on success it is renamed to ``target``.

    On an error (or interruption) the temporary folder is removed and ``target`` is as it was.
    An existing ``target`` is refused unless ``overwrite``; then it is replaced only after the new
    folder is complete, and only if ``replaceable(target)`` (called before building and again
    just before the swap) does not raise OutputError. Without a ``replaceable`` check an existing
    folder is never replaced. A symbolic link is never replaced.
    """
    target = Path(target)
    parent = target.parent if str(target.parent) else Path(".")
    check_output_folder(parent)
    check_output_directory(target, overwrite=overwrite, replaceable=replaceable)
    remove_stale_temporaries(target)
    temporary: Path | None = None
    try:
        try:  # inside the try, as in atomic_file
            temporary = Path(tempfile.mkdtemp(prefix=_prefix(target), suffix=".tmp", dir=parent))
        except OSError as exc:
            raise OutputError(f"{parent}: cannot create a folder there ({exc.strerror or exc})") from None
        yield temporary
        os.chmod(temporary, 0o755)
        if os.path.lexists(target):
            check_output_directory(target, overwrite=overwrite, replaceable=replaceable)
            if exchange(temporary, target):  # one atomic step: the old folder is now at `temporary`
                shutil.rmtree(temporary, ignore_errors=True)
                return
            # no renameat2 (not Linux, an old kernel or a file system without it): two renames,
            # with a moment in which the path holds neither folder
            old = Path(tempfile.mkdtemp(prefix=_prefix(target), suffix=".old", dir=parent))
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
        _remove_own(target, temporary)
        raise OutputError(f"{target}: cannot be written ({exc.strerror or exc})") from None
    except BaseException:
        _remove_own(target, temporary)
        raise


def exchange(a: Path | str, b: Path | str) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``): a reader of
    either path sees the one folder or the other, never none. False where the system cannot
    (then nothing was changed); OSError for a real failure."""
    import ctypes
    import errno
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(str(a)), at_fdcwd, os.fsencode(str(b)), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def check_output_directory(
    target: Path | str, *, overwrite: bool = False, replaceable: Callable[[Path], None] | None = None
) -> Path:
    """Raise OutputError unless ``target`` is free, or an existing folder that may be replaced:
    ``overwrite`` is given and ``replaceable(target)`` accepts it (raises nothing). A symbolic
    link and anything that is not a folder are refused. The parent folder is not checked here
    (see :func:`check_output_folder`)."""
    target = Path(target)
    if not os.path.lexists(target):
        return target
    if os.path.islink(target):
        raise OutputError(f"{target}: is a symbolic link; not replacing it")
    if not target.is_dir():
        raise OutputError(f"{target}: exists and is not a folder")
    if not overwrite:
        raise OutputError(f"{target}: already exists (use overwrite=True to replace it)")
    if replaceable is None:
        raise OutputError(f"{target}: is an existing folder; not replacing it")
    replaceable(target)
    return target


def _prefix(target: Path) -> str:
    """The start of the name of a temporary file or folder for ``target``: hidden, naming the
    target and this process."""
    return f".{target.name}.{os.getpid()}."


_TEMPORARY_REST = re.compile(r"(?P<pid>[0-9]+)\.[a-z0-9_]+\.(?:tmp|old)")


def remove_stale_temporaries(target: Path | str) -> list[Path]:
    """Remove the temporary files and folders for ``target`` (next to it, named by
    :func:`_prefix`) that runs killed before they could clean up left behind: those owned by
    this user whose process is not running. The paths removed."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    start = f".{target.name}."
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(start):
            continue
        match = _TEMPORARY_REST.fullmatch(entry.name[len(start):])
        if match is None or _running(int(match["pid"])):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if info.st_uid != os.getuid():
                continue
            if stat.S_ISDIR(info.st_mode):
                shutil.rmtree(entry.path)
            elif stat.S_ISREG(info.st_mode):
                os.unlink(entry.path)
            else:
                continue
        except OSError:
            continue  # removed meanwhile, or not ours to remove: left alone
        removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this id runs (one of another user counts too)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's, or not a process id we can ask about: left alone
    return True


def _remove_own(target: Path, temporary: Path | str | None) -> None:
    """Remove this process's temporary file or folder for ``target``: ``temporary``, or, when
    its name is not known yet (a stop signal inside mkstemp/mkdtemp, once it was made), every
    ``.tmp`` next to ``target`` named by :func:`_prefix`, i.e. by this process."""
    if temporary is not None:
        found = [Path(temporary)]
    else:
        folder = target.parent if str(target.parent) else Path(".")
        start = _prefix(target)
        try:
            found = [Path(e.path) for e in os.scandir(folder) if e.name.startswith(start) and e.name.endswith(".tmp")]
        except OSError:
            return
    for path in found:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            _remove(path)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
