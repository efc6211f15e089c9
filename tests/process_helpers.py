"""What the tests that stop, kill or starve processes and servers share: a process's children
and whether it still runs (from /proc), and a client that trickles header lines."""

from __future__ import annotations

import select
import socket
import time
from pathlib import Path


def children(pid: int) -> list[int]:
    """The process ids of ``pid``'s children (every thread's), from /proc."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (exists and is not a zombie)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


def trickle_until_closed(client: socket.socket, first_line: bytes, within: float = 8) -> float | None:
    """Send ``first_line`` and then one header line every 0.3 s (never a second without a
    read) until the server closes the connection; the seconds that took, or None if it was
    still open after ``within`` seconds. The client is closed."""
    client.sendall(first_line)
    started = time.monotonic()
    try:
        while time.monotonic() - started < within:
            try:
                client.sendall(b"X-Slow: y\r\n")
            except OSError:
                return time.monotonic() - started
            if select.select([client], [], [], 0.3)[0] and client.recv(1024) == b"":
                return time.monotonic() - started
        return None
    finally:
        client.close()
