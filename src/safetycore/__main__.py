"""``python -m safetycore``: the command line (``safetycore --help`` lists its commands)."""

from __future__ import annotations

from collections.abc import Sequence

from safetycore._cli import main as _main

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    return _main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
