"""The closure record check over plain values: every problem, in the close page's words."""

from __future__ import annotations

from datetime import date

import programmes
from programmes.checks.closure import (
    ClosureContext,
    ClosureValues,
    ReopeningContext,
    ReopeningValues,
    check_closure,
    check_reopening,
    override_to_store,
)
from programmes.facts import CaseFacts
from programmes.rules import closure_check

VIP = programmes.current_definition("VIP")
TODAY = date(2025, 6, 2)
STARTED = date(2025, 3, 3)
#: A case with nothing recorded: the planned-completion check is not met.
BLOCKED = closure_check(VIP, CaseFacts(started_on=STARTED), TODAY)


def _context(**changes) -> ClosureContext:
    values = dict(definition=VIP, closure_check=BLOCKED, today=TODAY, case_status="open", started_on=STARTED,
                  closed_on=None, is_manager=True)
    values.update(changes)
    return ClosureContext(**values)


def _problems(values, context) -> list[tuple[str, str]]:
    return [(p.field, p.message) for p in check_closure(values, context)]


def test_another_reason_on_a_good_date_closes_without_an_override():
    values = ClosureValues("disengaged", TODAY, "A reason nobody needs")
    assert _problems(values, _context()) == []
    assert override_to_store(values, _context()) is None


def test_every_date_and_override_problem_is_given_together():
    values = ClosureValues("planned_completion", date(2025, 6, 3), "short")
    assert _problems(values, _context(is_manager=False)) == [
        ("closed_on", "The closure date cannot be in the future"),
        ("override_reason", "Only a manager can override the closure check"),
    ]
    assert _problems(ClosureValues("disengaged", date(2025, 3, 2), "short"), _context()) == [
        ("closed_on", "The closure date cannot be before the case started on 3 March 2025"),
        ("override_reason", "Write at least 10 characters to explain the override"),
    ]


def test_a_blocked_planned_completion_gives_the_closure_rules_words_beside_the_override():
    [(field, message)] = _problems(ClosureValues("planned_completion", TODAY), _context())
    assert field == "override_reason"
    assert message.startswith("Cannot close as a planned completion: ")
    assert message.endswith("A manager can approve it with a written reason, or choose another closure reason")


def test_a_managers_override_of_a_blocked_planned_completion_is_kept():
    values = ClosureValues("planned_completion", TODAY, "  Moved to college in another city  ")
    assert _problems(values, _context()) == []
    assert override_to_store(values, _context()) == "Moved to college in another city"


def test_a_reason_outside_the_definitions_list_uses_the_closure_rules_words():
    [(field, message)] = _problems(ClosureValues("bored", TODAY), _context())
    assert field == "reason" and message.startswith("“bored” is not a closure reason; choose one of: ")


def test_a_case_that_never_started_or_is_closed():
    assert _problems(ClosureValues("planned_completion", TODAY), _context(case_status="awaiting_consent")) == [
        ("reason", "A case that never started cannot close as a planned completion")]
    assert _problems(ClosureValues("disengaged", TODAY), _context(case_status="closed", closed_on=date(2025, 5, 1))) \
        == [("", "This case is already closed on 1 May 2025")]


def test_reopening_needs_a_manager_a_closed_case_and_a_reason():
    def problems(reason, status="closed", manager=True):
        return [(p.field, p.message) for p in check_reopening(ReopeningValues(reason),
                                                             ReopeningContext(status, manager))]

    assert problems("Back in touch after an A&E visit") == []
    assert problems("  ") == [("reason", "Enter why the case is being reopened")]
    assert problems("too short", status="open", manager=False) == [
        ("", "Only a closed case can be reopened"), ("", "Only a manager can reopen a case"),
        ("reason", "Write at least 10 characters to explain why the case is reopened")]
