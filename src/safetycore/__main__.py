"""``python -m safetycore``: the command line (``safetycore --help`` lists its commands)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from safetycore._cli import main as _main
from safetycore._cli.files import CLOSED_PIPE

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    The codes are listed by ``safetycore --help``. A reader that closes stdout early
    (``safetycore evaluate ... | head``) ends the run quietly with 141 (128 + SIGPIPE, as
    shells report it).
    """
    try:
        code = _main(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would report the closed pipe again when it flushes stdout at exit; a
        # stdout that is no real file (a test's) has nothing to flush.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return CLOSED_PIPE
    return code


if __name__ == "__main__":
    raise SystemExit(main())
