"""What a referral asks beyond the facts every programme shares, declared as typed fields.

A programme definition lists its own intake facts (VIP's offence and injury, Reach's school
facts, Phoenix's cohort nomination) as :class:`IntakeField` objects in an :class:`Intake`. The
referral form renders them, :func:`check_intake` validates them, :func:`intake_details` stores
them in ``Referral.details``, :func:`detail_rows` shows them and the importer reads them from
columns of the same codes, all generically: a new programme declares its fields here and
nothing else in the application names them.

Values given to these functions are already parsed into their shape (text, a yes/no answer as
``True``/``False``/``None``, a code, a list of codes, a number); the checks are the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .problems import Problem
from .vocabulary import YES_NO_NOT_KNOWN, Term

__all__ = [
    "INTAKE_KINDS",
    "YES_NO_NOT_KNOWN",
    "Intake",
    "IntakeField",
    "IntakeRule",
    "check_intake",
    "detail_rows",
    "eligibility_answers",
    "intake_details",
    "yes_no_code",
    "yes_no_value",
]

#: Shapes an intake fact can take.
INTAKE_KINDS = ("text", "yes_no", "choice", "choices", "whole_number", "number")


_YES_NO_STORED = {"yes": True, "no": False}
_YES_NO_SHOWN = {True: "Yes", False: "No"}


def yes_no_value(code: str | None) -> bool | None:
    """The stored form of a :data:`YES_NO_NOT_KNOWN` code (``not_known`` and blank are ``None``)."""
    return _YES_NO_STORED.get(code or "")


def yes_no_code(value: object) -> str | None:
    """The :data:`YES_NO_NOT_KNOWN` code of a stored answer, for showing a form again."""
    if value is None:
        return "not_known"
    return {True: "yes", False: "no"}.get(value) if isinstance(value, bool) else None


@dataclass(frozen=True, slots=True)
class IntakeField:
    """One programme-specific fact asked at referral, stored as ``Referral.details[code]`` and
    imported from the column ``code``.

    ``what`` names the fact in messages ("School must be 120 characters or fewer");
    ``summary_label`` is its row on the referral page. ``required`` holds the message for a
    missing answer (empty: optional). ``only_for_settings`` limits the fact to referrals from
    those settings, and ``only_for_settings_message`` says so when it is given for another.
    ``width`` and ``suffix`` are presentation hints for the form.
    """

    code: str
    question: str
    kind: str
    what: str
    summary_label: str
    required: str = ""
    choices: tuple[Term, ...] = ()
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    hint: str = ""
    example: str = ""
    suffix: str = ""
    width: str = ""
    blank_choice: str = ""
    blank_text: str = "Not recorded"
    only_for_settings: tuple[str, ...] = ()
    only_for_settings_message: str = ""
    import_description: str = ""

    def __post_init__(self) -> None:
        if self.kind not in INTAKE_KINDS:
            raise ValueError(f"Intake field {self.code!r} has unknown kind {self.kind!r}")
        if self.kind in ("choice", "choices") and not self.choices:
            raise ValueError(f"Intake field {self.code!r} needs choices")

    @property
    def choice_list(self) -> tuple[Term, ...]:
        """The terms a worker chooses from (yes / no / not known for a yes-no question)."""
        return YES_NO_NOT_KNOWN if self.kind == "yes_no" else self.choices

    def applies_to(self, setting: str | None) -> bool:
        """Whether the fact is asked of a referral from ``setting``."""
        return not self.only_for_settings or setting in self.only_for_settings


@dataclass(frozen=True, slots=True)
class IntakeRule:
    """A rule across intake facts: ``check`` returns a message about ``field``, or ``None``."""

    field: str
    check: Callable[[Mapping[str, Any]], str | None]


def _facts_are_the_details(details: Mapping[str, Any]) -> dict[str, Any]:
    return dict(details)


@dataclass(frozen=True, slots=True)
class Intake:
    """A programme's referral intake: its own facts and how the common ones are worded.

    ``source_label`` and ``source_blank`` word the referral source question (Phoenix asks for
    the nominating agency). ``source_detail`` names a detail that keeps a copy of the source.
    ``asks_first_contact`` puts the first contact on the referral form (VIP: speed matters in
    the reachable moment). ``eligibility_facts`` turns stored details into the answers the
    eligibility conditions read (by default, the detail of the condition's code).
    """

    heading: str = ""
    fields: tuple[IntakeField, ...] = ()
    rules: tuple[IntakeRule, ...] = ()
    source_label: str = "Referral source"
    source_blank: str = "Select the referral source"
    source_detail: str = ""
    setting_question: str = "Where the young person was when referred"
    setting_missing: str = "Select where the young person was referred from"
    asks_first_contact: bool = False
    eligibility_facts: Callable[[Mapping[str, Any]], dict[str, Any]] = field(default=_facts_are_the_details)

    def field(self, code: str) -> IntakeField:
        """The intake field with this code; ``KeyError`` if the programme does not ask it."""
        for intake_field in self.fields:
            if intake_field.code == code:
                return intake_field
        raise KeyError(f"No intake field {code!r}")


def _number_text(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _check_field(intake_field: IntakeField, value: Any, setting: str | None) -> str | None:
    blank = value is None or value == "" or value == () or value == []
    if not intake_field.applies_to(setting):
        return None if blank else intake_field.only_for_settings_message
    if blank:
        return intake_field.required or None
    kind = intake_field.kind
    if kind == "text":
        if intake_field.max_length is not None and len(str(value)) > intake_field.max_length:
            return f"{intake_field.what} must be {intake_field.max_length} characters or fewer"
    elif kind in ("whole_number", "number"):
        low, high = intake_field.minimum, intake_field.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            return f"{intake_field.what} must be between {low} and {high}"
    elif kind == "choice":
        if value not in {term.code for term in intake_field.choices}:
            return f"Select {intake_field.what.lower()} from the list"
    elif kind == "choices":
        allowed = {term.code for term in intake_field.choices}
        if any(code not in allowed for code in value):
            return f"Select {intake_field.what.lower()} from the list"
    elif kind == "yes_no" and value not in (True, False):
        return f"Answer yes, no or not known for {intake_field.what.lower()}"
    return None


def check_intake(intake: Intake, values: Mapping[str, Any], setting: str | None) -> list[Problem]:
    """Every problem with a referral's programme-specific facts, as field and message.

    ``values`` maps field codes to parsed values; ``setting`` is the referral's setting code.
    The form and the importer both call this, so their messages are the same.
    """
    problems = []
    for intake_field in intake.fields:
        message = _check_field(intake_field, values.get(intake_field.code), setting)
        if message:
            problems.append(Problem(intake_field.code, message))
    if not problems:
        for rule in intake.rules:
            message = rule.check(values)
            if message:
                problems.append(Problem(rule.field, message))
    return problems


def intake_details(intake: Intake, values: Mapping[str, Any], setting: str | None, source: str | None) -> dict[str, Any]:
    """``Referral.details`` for checked values: text trimmed, code lists sorted, a fact limited to
    other settings left out, and the copy of the source where the definition keeps one."""
    details: dict[str, Any] = {}
    if intake.source_detail:
        details[intake.source_detail] = source
    for intake_field in intake.fields:
        value = values.get(intake_field.code)
        if intake_field.kind == "text":
            value = (value or "").strip() or None
        elif intake_field.kind == "choices":
            value = sorted(set(value or ()))
        elif intake_field.kind == "choice":
            value = value or None
        if intake_field.only_for_settings and (value is None or not intake_field.applies_to(setting)):
            continue
        details[intake_field.code] = value
    return details


def _shown(intake_field: IntakeField, value: Any) -> str:
    if intake_field.kind == "yes_no":
        return _YES_NO_SHOWN.get(value, "Not known")
    if value is None or value == "" or value == []:
        return intake_field.blank_text
    if intake_field.kind == "choice":
        return next((term.label for term in intake_field.choices if term.code == value), str(value))
    if intake_field.kind == "choices":
        labels = {term.code: term.label for term in intake_field.choices}
        return ", ".join(labels.get(code, code) for code in value)
    if intake_field.kind in ("whole_number", "number"):
        return _number_text(value) + intake_field.suffix
    return str(value)


def detail_rows(intake: Intake, details: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A referral's programme-specific facts as (label, answer) rows, in the definition's order.
    A fact limited to some settings shows only where it was recorded."""
    return [
        (intake_field.summary_label, _shown(intake_field, details.get(intake_field.code)))
        for intake_field in intake.fields
        if not intake_field.only_for_settings or intake_field.code in details
    ]


def eligibility_answers(intake: Intake, condition_codes: Sequence[str], details: Mapping[str, Any]) -> dict[str, Any]:
    """The answers to the programme's own eligibility conditions, read from a referral's details
    (by the definition's ``eligibility_facts``); unanswered conditions are left out."""
    facts = intake.eligibility_facts(details)
    return {code: facts[code] for code in condition_codes if facts.get(code) is not None}
