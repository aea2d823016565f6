"""The process's own streams: a closed output pipe, undecodable input."""

from __future__ import annotations

import os
import sys


def silence(stream=None) -> None:
    """After the reader closed our output pipe: send whatever is left to /dev/null, so that
    neither this run nor the interpreter's last flush complains."""
    stream = stream or sys.stdout
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # not a real file (a test's StringIO)
        pass


def tolerant_stdin() -> None:
    """Bytes on stdin that are not UTF-8 become U+FFFD instead of ending the REPL with a traceback."""
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="replace")
        except (OSError, ValueError):
            pass
