"""Logs an operator can read: one line per event, a traceback only where something went wrong."""

from __future__ import annotations

import logging


class RefusalsWithoutTraceback(logging.Filter):
    """A refused request (403, 404 and the other 4xx) is one line: Django attaches the PermissionDenied it
    handled, whose traceback tells an operator nothing. Errors (5xx) keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
