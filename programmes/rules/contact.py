"""Which days a case shows the young person seen or engaged: the one place these are decided.

The VIP closure rule counts a concern-free week only when the young person was seen in it; the
Phoenix closure rule and the sustained-engagement record rule count weeks with engagement. Both
read their days from here, so the panel, the closure and the return agree.
"""

from __future__ import annotations

from datetime import date

from ..facts import CaseFacts, EngagementContactFact
from ..vocabulary import ENGAGED_CONTACT_RESULTS, IN_PERSON_CONTACT_METHODS

__all__ = ["engaged_days", "seen_in_person", "seen_days"]


def seen_in_person(contact: EngagementContactFact) -> bool:
    """True for a successful in-person contact: met in person, or engaged on a home visit or
    face to face elsewhere. A phone call or a message does not show how the young person is."""
    if contact.result == "met":
        return True
    return contact.method in IN_PERSON_CONTACT_METHODS and contact.result in ENGAGED_CONTACT_RESULTS


def seen_days(facts: CaseFacts, up_to: date) -> set[date]:
    """Days up to ``up_to`` on which the young person was seen: an attended session or a
    successful in-person contact."""
    days = {s.held_on for s in facts.sessions if s.attended and s.held_on <= up_to}
    days |= {c.made_on for c in facts.engagement_contacts if c.made_on <= up_to and seen_in_person(c)}
    return days


def engaged_days(facts: CaseFacts, up_to: date) -> set[date]:
    """Days up to ``up_to`` on which the person engaged: an attended session, or a contact where
    they engaged or met their worker (by any method)."""
    days = {s.held_on for s in facts.sessions if s.attended and s.held_on <= up_to}
    days |= {
        c.made_on
        for c in facts.engagement_contacts
        if c.result in ENGAGED_CONTACT_RESULTS and c.made_on <= up_to
    }
    return days
