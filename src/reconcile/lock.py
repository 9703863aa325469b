"""One run at a time per facts folder.

Two runs writing one folder would each merge a person's edits into a fact file the other is
about to replace. A run holds an exclusive `flock` on `facts/.reconcile.lock` for its whole
length; the file records who holds it, so a second run can say whom it is waiting for. The
kernel drops the lock when the holder exits or is killed, so a crashed run never leaves the
folder locked. Where `fcntl` does not exist (Windows) runs are not locked.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from reconcile.errors import BadInput

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".reconcile.lock"
POLL_SECONDS = 0.1


class LockBusy(BadInput):
    """Another run still held the folder when the wait ran out."""


def holder_of(path: Path) -> str:
    """Who holds the lock, as the holder wrote it: "pid 41 on host (reconcile run) since 10:02:03"."""
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    if not info:
        return "another reconcile run"
    return f"pid {info.get('pid')} on {info.get('host')} ({info.get('command')}) since {info.get('since')}"


@contextmanager
def folder_lock(
    folder: Path, command: str, timeout: float | None = None, waiting: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the folder's lock while the block runs.

    When another run holds it, `waiting(holder)` is called once and this run waits: for ever
    when `timeout` is None, else at most `timeout` seconds before raising LockBusy.
    """
    if fcntl is None:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(descriptor, path, timeout, waiting)
        note = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "command": command,
            "since": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        }
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, json.dumps(note).encode("utf-8"), 0)
        try:
            yield
        finally:
            os.ftruncate(descriptor, 0)
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _acquire(descriptor: int, path: Path, timeout: float | None, waiting: Callable[[str], None] | None) -> None:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    holder = holder_of(path)
    if waiting is not None:
        waiting(holder)
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if deadline is not None and time.monotonic() >= deadline:
                raise LockBusy(path, f"still held by {holder_of(path)} after {timeout:g} s; try again later") from None
            time.sleep(POLL_SECONDS)
