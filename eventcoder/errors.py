"""Errors raised by eventcoder, each with a stable code and a fix.

The exception tree::

    EventcoderError
     +-- ConfigError        bad settings file, unknown option, missing optional dependency
     +-- IngestError        unreadable file, binary or undecodable bytes, malformed JSONL line
     +-- KBError            malformed actor knowledge base file, duplicate id, unknown relation
     +-- GazetteerError     malformed user gazetteer file
     +-- EvaluationError    wrong gold format, unknown task or label, mismatched predictions
     +-- StoreError         corrupt, foreign or newer database, read-only path

Every message starts with a code of the form ``[EC0xx]`` that never changes meaning, says
what went wrong and how to fix it. Codes are listed in ``docs/errors.md``.
"""

from __future__ import annotations


class EventcoderError(Exception):
    """Base class: ``code`` is the stable ``ECxxx`` identifier."""

    code: str = "EC000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        super().__init__(f"[{self.code}] {message}")


class ConfigError(EventcoderError):
    """Settings, options or environment are wrong."""

    code = "EC001"


class IngestError(EventcoderError):
    """A document could not be read."""

    code = "EC010"


class KBError(EventcoderError):
    """The actor knowledge base is malformed."""

    code = "EC030"


class GazetteerError(EventcoderError):
    """A gazetteer file is malformed."""

    code = "EC040"


class EvaluationError(EventcoderError):
    """Evaluation input is malformed or does not match."""

    code = "EC050"


class StoreError(EventcoderError):
    """The event store cannot be used safely."""

    code = "EC060"


# Stable codes. Add new ones at the end of a block; never reuse a number.
EC001_UNKNOWN_SETTING = "EC001"
EC002_BAD_SETTING_VALUE = "EC002"
EC003_MODEL_MISSING = "EC003"
EC004_MISSING_EXTRA = "EC004"
EC010_UNREADABLE = "EC010"
EC011_NOT_FOUND = "EC011"
EC012_BINARY = "EC012"
EC013_UNDECODABLE = "EC013"
EC014_BAD_JSONL = "EC014"
EC015_BAD_DATE = "EC015"
EC016_EMPTY = "EC016"
EC017_DOCUMENT_FAILED = "EC017"
