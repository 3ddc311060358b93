"""A decision and the reasons behind it, each written for a youth worker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from ..text import plural
from ..vocabulary import Coded


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason behind a decision.

    ``met`` is ``True`` or ``False``, or ``None`` when it cannot be decided yet because a fact is
    not recorded. An unmet reason carries the B2 ``decline_reason`` code to record if the
    referral is declined.
    """

    code: str
    met: bool | None
    text: str
    decline_reason: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """An eligibility decision: ``outcome`` is ``eligible``, ``not_eligible`` or ``undecided``.

    Any unmet reason makes the referral not eligible; otherwise a reason that cannot be decided
    yet leaves it undecided.
    """

    programme_code: str
    version: str
    decided_on: date
    outcome: str
    reasons: tuple[Reason, ...]

    @property
    def eligible(self) -> bool:
        """True only when every reason is met."""
        return self.outcome == "eligible"

    @property
    def undecided(self) -> bool:
        """True when nothing is unmet but something is not yet recorded."""
        return self.outcome == "undecided"

    @property
    def met(self) -> tuple[Reason, ...]:
        """The reasons that are met."""
        return tuple(reason for reason in self.reasons if reason.met is True)

    @property
    def unmet(self) -> tuple[Reason, ...]:
        """The reasons that are not met."""
        return tuple(reason for reason in self.reasons if reason.met is False)

    @property
    def unknown(self) -> tuple[Reason, ...]:
        """The reasons that cannot be decided until a fact is recorded."""
        return tuple(reason for reason in self.reasons if reason.met is None)

    @property
    def decline_reason(self) -> str | None:
        """The B2 decline reason code of the first unmet reason, or ``None`` if nothing is unmet."""
        for reason in self.unmet:
            return reason.decline_reason
        return None

    @property
    def summary(self) -> str:
        """One sentence for the top of the referral page."""
        if self.eligible:
            return "Eligible: every condition is met."
        if self.outcome == "not_eligible":
            return "Not eligible: " + self.unmet[0].text
        return f"Cannot decide yet: {plural(len(self.unknown), 'fact')} still to record."

    def trace(self) -> dict[str, Any]:
        """A JSON-serialisable record of the decision and its reasons, to store with the referral."""
        return {
            "programme": self.programme_code,
            "version": self.version,
            "decided_on": self.decided_on.isoformat(),
            "outcome": self.outcome,
            "reasons": [
                {"code": r.code, "met": r.met, "text": r.text, "decline_reason": r.decline_reason}
                for r in self.reasons
            ],
        }


def term_label(terms: Iterable[Coded], code: str) -> str:
    """The label of ``code`` among ``terms``, or the code itself when it is not one of them."""
    for term in terms:
        if term.code == code:
            return term.label
    return code
