"""Check a press release against the official report it cites.

The compiled library lives in claimtrace._core; this package re-exports it.
See help(claimtrace.check) and the README's "Python" section.
"""
import os
from typing import Literal, Union

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

# Type aliases for annotations, as in __init__.pyi.
Format = Literal["auto", "text", "markdown", "html", "pdf", "docx"]
VerdictName = Literal["verbatim", "altered", "untraced", "attributed", "traced",
                      "mismatch"]
#: A release or a source: a path to read, a file's bytes, or Text.
Input = Union[str, "os.PathLike[str]", "os.PathLike[bytes]", bytes, bytearray, Text]

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
