"""Board approvals of a report's text (guideline Art. 26: "the board's approval of the text is recorded
before it is marked final").

An approval on record (core.store `board_approval`) names the officer-text version the board approved and
that text's SHA-256, so it binds to exactly that wording: a later edit leaves the approval on record but no
longer covering the text. `approval_state` decides, from the text a report would print and the latest
approval, whether the report is final. Pure Python: returns codes, never sentences.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

# report kind -> the officer-text kind its board approves
APPROVED_TEXT_KINDS = {"disclosure": "disclosure_text"}

# ApprovalState.status codes
APPROVED = "approved"            # the latest approval covers exactly the current text
TEXT_CHANGED = "text_changed"    # there is an approval, but the text differs from the version it approved
NOT_APPROVED = "not_approved"    # a text, no approval
NO_TEXT = "no_text"              # nothing written yet, so nothing can be approved
STATUSES = (APPROVED, TEXT_CHANGED, NOT_APPROVED, NO_TEXT)


def text_sha256(text: str) -> str:
    """The SHA-256 (hex) of a text's UTF-8 bytes, exactly as stored (no trimming, no normalising)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ApprovalState:
    """What a report's text and the latest approval on record amount to. `approval` is the latest
    approval (core.store.BoardApproval) or None; `text_sha256` that of the current text (None: no text)."""

    status: str
    approval: Any = None
    text_sha256: str | None = None

    @property
    def final(self) -> bool:
        return self.status == APPROVED


def approval_state(text: str | None, approval: Any) -> ApprovalState:
    """`text`: what the report prints now (None or blank: nothing written); `approval`: the latest
    approval of that report and period (anything with `text_sha256`), or None."""
    digest = text_sha256(text) if text is not None and text.strip() else None
    if approval is None:
        return ApprovalState(NO_TEXT if digest is None else NOT_APPROVED, None, digest)
    if digest is not None and digest == approval.text_sha256:
        return ApprovalState(APPROVED, approval, digest)
    return ApprovalState(TEXT_CHANGED, approval, digest)
