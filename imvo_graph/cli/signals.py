"""SIGTERM and SIGHUP raised like Ctrl-C's KeyboardInterrupt, so that every clean-up runs."""

from __future__ import annotations


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: raised where the program is, like Ctrl-C's KeyboardInterrupt, so
    that every clean-up that runs on Ctrl-C (temporary files and folders removed, nothing half
    written) runs on these signals too; the exit code is 128 + the signal's number."""

    def __init__(self, signum: int):
        import signal

        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def terminate_like_interrupt() -> dict:
    """Install the handlers that raise :class:`Terminated` (in the main thread only)."""
    import signal

    def handler(signum, frame):
        raise Terminated(signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            previous[number] = signal.signal(number, handler)
        except ValueError:  # not the main thread
            break
    return previous
