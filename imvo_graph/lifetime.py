"""Child processes that do not outlive the process that started them.

A child left running after its parent died (killed with SIGKILL, say) keeps a port open or a
core busy with nobody to use its work: ``serve``'s Oxigraph server, the forked child that runs
a local query under ``--timeout``. On Linux :func:`die_with_parent_hook` makes the kernel send
it SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable


def die_with_parent_hook() -> Callable[[], None] | None:
    """Linux: a function for the child to call first (``preexec_fn``, or right after ``fork()``)
    that makes it get SIGKILL when the thread that started it ends (the process dying, even
    by SIGKILL); None elsewhere. ``prctl`` is looked up here, in the parent: the child only
    calls it (no import, no dlopen between fork and exec, where other threads' locks may be
    held)."""
    if sys.platform != "linux":
        return None
    import ctypes
    import signal

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    kill = int(signal.SIGKILL)

    def hook() -> None:  # pragma: no cover - runs in the child
        prctl(1, kill, 0, 0, 0)  # PR_SET_PDEATHSIG = 1

    return hook
