"""Check a press release against the official report it cites.

The compiled library lives in claimtrace._core; this package re-exports it.
See help(claimtrace.check) and the README's "Python" section.
"""
from claimtrace._core import (
    CheckResult,
    CheckWarning,
    Claim,
    DiffOp,
    Error,
    Evidence,
    Extraction,
    InputError,
    Text,
    UsageError,
    Value,
    __doc__,
    __version__,
    check,
    extract,
)

__all__ = [
    "CheckResult",
    "CheckWarning",
    "Claim",
    "DiffOp",
    "Error",
    "Evidence",
    "Extraction",
    "InputError",
    "Text",
    "UsageError",
    "Value",
    "check",
    "extract",
]
