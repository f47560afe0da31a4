"""Logging for processes a person watches: one line per problem, no tracebacks.

Set ``SOPCHECK_DEBUG=1`` to see tracebacks. Used by the CLI and by the isolated
reader child (extractor.isolation), whose stderr is the user's terminal.
"""

from __future__ import annotations

import logging
import os


class OneLineFormatter(logging.Formatter):
    """Formats a record without its exception text or stack."""

    def formatException(self, ei) -> str:  # type: ignore[no-untyped-def]
        return ""

    def format(self, record: logging.LogRecord) -> str:
        saved, record.exc_info, record.exc_text = record.exc_info, None, None
        try:
            return super().format(record)
        finally:
            record.exc_info = saved


def setup_user_logging(level: int = logging.WARNING) -> None:
    """Root logging to stderr, one line per record unless SOPCHECK_DEBUG is set."""
    handler = logging.StreamHandler()
    if not os.environ.get("SOPCHECK_DEBUG"):
        handler.setFormatter(OneLineFormatter("%(levelname)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
