"""Evidence files: size limit and content sniffing (the declared type must match the bytes)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from app.errors import AppError

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

# Magic prefixes of the binary types accepted as evidence.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
)
_TEXT_TYPES = frozenset({"text/plain", "text/csv", "application/json"})
ALLOWED_TYPES = frozenset({t for _, t in _MAGIC}) | {"image/webp"} | _TEXT_TYPES


class EvidenceTooLarge(AppError):
    code = "evidence_too_large"
    status = 413
    title = "Evidence file too large"


class EvidenceEmpty(AppError):
    code = "evidence_empty"
    status = 422
    title = "Evidence file is empty"


class UnsupportedEvidenceType(AppError):
    code = "unsupported_evidence_type"
    status = 415
    title = "Unsupported evidence type"


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    sha256: str


def sniff(content: bytes) -> str | None:
    for magic, content_type in _MAGIC:
        if content.startswith(magic):
            return content_type
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    return "text/plain"


def check_evidence(content: bytes, declared: str | None) -> CheckedFile:
    """Size, emptiness and type checks; the stored type is the sniffed one."""
    if len(content) > MAX_EVIDENCE_BYTES:
        raise EvidenceTooLarge(
            f"Evidence files are limited to {MAX_EVIDENCE_BYTES} bytes.",
            max_bytes=MAX_EVIDENCE_BYTES,
        )
    if not content:
        raise EvidenceEmpty("The uploaded file is empty.")
    declared_type = (declared or "").split(";")[0].strip().lower()
    actual = sniff(content)
    allowed = ", ".join(sorted(ALLOWED_TYPES))
    if actual is None:
        raise UnsupportedEvidenceType(f"Unrecognised file content; accepted: {allowed}.")
    if actual == "text/plain" and declared_type in _TEXT_TYPES:
        actual = declared_type
    if declared_type not in ("", "application/octet-stream") and declared_type != actual:
        raise UnsupportedEvidenceType(
            f"The file was declared as {declared_type} but its content is {actual}.",
            detected_type=actual,
        )
    return CheckedFile(actual, len(content), hashlib.sha256(content).hexdigest())
