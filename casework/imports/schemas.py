"""The import files: one kind of record per file, each with a fixed, documented header.

Each column says whether it is required, how its cells are written and what they mean; its
parser (`cells.py`) turns one cell into a value or raises `CellError` with a reason written for
the person who prepared the spreadsheet. The rules that need the database or the programme
definition (a code valid for the case's programme, dates after the case started) are the record
checks the importers in `checks/` call.
docs/import.md describes the same headers; a test keeps the two in step.

Conventions for every file: UTF-8 (a byte order mark is allowed), comma-separated, the header
row first; dates `YYYY-MM-DD` or `DD/MM/YYYY`, the same throughout a file (the reader finds
which); times `HH:MM` (24-hour; read as the forms read them, so 2:30pm is understood and a bare
2 is refused); yes/no columns `yes` or `no`; codes as listed in `programmes.vocabulary` or the
programme definition; several codes in one cell separated by `;`. References between files use
the providers' own references.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Callable

import programmes
from casework.imports.cells import (
    Parser,
    code,
    code_list,
    code_text,
    date_cell,
    email,
    minutes,
    number_cell,
    postcode,
    reference,
    responses,
    text,
    time_cell,
    vocabulary_list,
    whole_number,
    yes_no,
    yes_no_not_known,
)
from programmes import vocabulary
from programmes.checks.person import NAME_MAX
from programmes.checks.session import MAX_DURATION_MINUTES
from programmes.instruments import SDQ_INFORMANTS, SDQ_SUBSCALES
from programmes.intake import IntakeField
from programmes.vocabulary import AGENCY_MAX, BEHAVIOUR_NOTE_MAX, NOTE_MAX, REASON_MAX

# --- the files ---------------------------------------------------------------------------------

_INTAKE_FORMATS = {"text": "text", "yes_no": "yes / no / not_known", "choice": "code",
                   "choices": "codes separated by ;", "whole_number": "whole number", "number": "number"}


def _intake_parser(fact: IntakeField) -> Parser:
    """How a cell of one intake fact is read: its shape only (the definition's check_intake
    holds the rules, such as lengths and ranges, so the form and the file share them)."""
    if fact.kind == "text":
        return text(NOTE_MAX, collapse=True)
    if fact.kind == "yes_no":
        return yes_no_not_known
    if fact.kind == "choice":
        return code(fact.choices, f"a {fact.what.lower()} code")
    if fact.kind == "choices":
        return vocabulary_list(fact.choices, f"a {fact.what.lower()} code")
    return number_cell(fact.what, whole=fact.kind == "whole_number", example=fact.example or "2")


def _intake_facts() -> dict[str, tuple[IntakeField, list[str]]]:
    facts: dict[str, tuple[IntakeField, list[str]]] = {}
    for programme in programmes.all_programmes():
        for fact in programmes.current_definition(programme.code).intake.fields:
            facts.setdefault(fact.code, (fact, []))[1].append(programme.short_name)
    return facts


def intake_owners() -> dict[str, list[str]]:
    """For each intake column, the short names of the programmes that ask it."""
    return {code: names for code, (_, names) in _intake_facts().items()}


def intake_columns() -> tuple["Column", ...]:
    """One column per intake fact of the registered programmes' current definitions, in the
    registry's order; a fact two programmes both ask is one column."""
    columns = []
    for fact, names in _intake_facts().values():
        said = fact.import_description or fact.question
        description = f"{' and '.join(names)} only: {said[:1].lower()}{said[1:]}"
        if fact.kind in ("choice", "choices"):
            description += f" Codes: {_codes_of(fact.choices)}."
        written_as = _INTAKE_FORMATS[fact.kind]
        if fact.max_length:
            written_as += f", up to {fact.max_length} characters"
        if fact.minimum is not None and fact.maximum is not None:
            written_as += f" from {fact.minimum} to {fact.maximum}"
        columns.append(Column(fact.code, _intake_parser(fact), False, written_as, description))
    return tuple(columns)


@dataclass(frozen=True)
class Column:
    """One column of an import file."""

    name: str
    parse: Parser
    required: bool = False
    #: How cells are written, for the documentation and the template page.
    format: str = "text"
    description: str = ""


@dataclass(frozen=True)
class Kind:
    """One kind of import file: its name (the KIND of `casework import KIND FILE`), its columns,
    and what has to be imported before it. ``more_columns`` adds the columns that come from the
    programme registry (the referral file's intake facts), read when the file is."""

    name: str
    label: str
    fixed_columns: tuple[Column, ...]
    description: str
    needs: str = ""
    more_columns: Callable[[], tuple[Column, ...]] | None = None

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.fixed_columns + (self.more_columns() if self.more_columns else ())

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if column.required)

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


def _codes_of(terms) -> str:
    return ", ".join(term.code for term in terms)


def _per_programme(terms_of) -> str:
    """``VIP: a, b; Reach: c`` for the registered programmes whose current definition has terms."""
    parts = []
    for programme in programmes.all_programmes():
        terms = terms_of(programmes.current_definition(programme.code))
        if terms:
            parts.append(f"{programme.short_name}: {_codes_of(terms)}")
    return "; ".join(parts)


PROVIDER_REFERENCE = Column(
    "provider_reference", reference, True, "reference",
    "Your own reference for this record, unique among records of this kind (up to 64 characters). "
    "A row whose reference was imported before is skipped when its values are the same.",
)
CASE_REFERENCE = Column(
    "case_reference", reference, True, "reference",
    "The provider reference of the case (imported with the cases file), in one of your programmes.",
)

PEOPLE = Kind(
    "people", "People",
    (
        PROVIDER_REFERENCE,
        Column("given_name", text(None, collapse=True), True, f"text, up to {NAME_MAX} characters", "Given name."),
        Column("family_name", text(None, collapse=True), True, f"text, up to {NAME_MAX} characters", "Family name."),
        Column("known_as", text(None, collapse=True), False, f"text, up to {NAME_MAX} characters",
               "The name the young person prefers, if different."),
        Column("date_of_birth", date_cell("Date of birth"), False, "date", "Date of birth; not in the future."),
        Column("sex", code(vocabulary.SEXES, "a sex code"), False, "code", f"One of: {_codes_of(vocabulary.SEXES)}."),
        Column("ethnicity", code(vocabulary.ETHNICITIES, "an ethnicity code"), False, "code",
               f"ONS 2021 ethnic group: {_codes_of(vocabulary.ETHNICITIES)}."),
        Column("police_ethnicity_code", code(vocabulary.POLICE_ETHNICITY_CODES, "a police ethnicity code"), False,
               "code", f"Police 16+1 self-defined ethnicity: {_codes_of(vocabulary.POLICE_ETHNICITY_CODES)}."),
        Column("local_authority", code(vocabulary.LOCAL_AUTHORITIES, "a local authority code"), False, "code",
               f"Local authority of residence: {_codes_of(vocabulary.LOCAL_AUTHORITIES)}."),
        Column("postcode", postcode, False, "UK postcode", "Home postcode, like LE1 5WS."),
    ),
    "The young people referrals are about. A person is only visible in the service once a "
    "referral about them is imported or recorded.",
)

REFERRALS = Kind(
    "referrals", "Referrals",
    (
        PROVIDER_REFERENCE,
        Column("person_reference", reference, True, "reference",
               "The provider reference of the person (imported with the people file)."),
        Column("team", text(120, collapse=True), True, "team name",
               "The name of the team the referral is for, exactly as in the service; a team of one of your "
               "programmes. The team decides the programme."),
        Column("received_on", date_cell("Date received"), True, "date",
               "Date the referral was received; not in the future."),
        Column("received_time", time_cell("Time received"), False, "time",
               "Time it was received (Europe/London); blank is taken as 00:00."),
        Column("source", code_text, True, "code",
               "Who made the referral: a referral source code of the programme ("
               + _per_programme(lambda d: d.referral_sources) + ")."),
        Column("setting", code_text, False, "code",
               "Required for a programme with settings, blank for the others: where the young person was ("
               + _per_programme(lambda d: d.settings) + ")."),
        Column("status", code(vocabulary.REFERRAL_DECISIONS, "a referral status"), False, "code",
               "pending (the default when blank), accepted or declined."),
        Column("decided_on", date_cell("Date of the decision"), False, "date",
               "Date of the triage decision: required when accepted or declined, blank when pending."),
        Column("decline_reason", code(vocabulary.DECLINE_REASONS, "a decline reason"), False, "code",
               f"Required when declined: {_codes_of(vocabulary.DECLINE_REASONS)}."),
        Column("accept_override_reason", text(REASON_MAX, multiline=True), False, "text",
               "Why a referral the eligibility rules find not eligible was accepted (at least 10 characters); "
               "required in that case, as on the triage page."),
        Column("first_contact_on", date_cell("Date of first contact"), False, "date",
               "Date of first contact, if made."),
        Column("first_contact_time", time_cell("Time of first contact"), False, "time",
               "Time of first contact; required when first_contact_on is given."),
    ),
    "One request for a programme about one person. The programme definition version in force on "
    "the received date is applied, and the eligibility decision is worked out and stored, as for a "
    "referral typed in. Then one column for each programme's own referral facts, as its definition "
    "declares them: leave the columns of other programmes blank.",
    needs="people",
    more_columns=lambda: intake_columns(),
)

CASES = Kind(
    "cases", "Cases",
    (
        PROVIDER_REFERENCE,
        Column("referral_reference", reference, True, "reference",
               "The provider reference of the accepted referral the case comes from (imported with the "
               "referrals file). A referral has at most one case."),
        Column("started_on", date_cell("Date the case started"), False, "date",
               "The day consent was in place and the case started. Blank: the case is awaiting consent."),
        Column("lead_worker", email, False, "email address",
               "Email address of the lead worker: a youth worker or navigator in the case's team."),
        Column("navigator", email, False, "email address",
               "Phoenix only: email address of the community navigator, a navigator in the case's team."),
        Column("support_started_on", date_cell("Date support started"), False, "date",
               "Phoenix only: the day intensive support began; blank means the day the case started."),
    ),
    "One person's episode on a programme. Programme, team, person and definition version come from "
    "the referral; the status is worked out (awaiting consent without a start date, open with one).",
    needs="referrals",
)

SESSIONS = Kind(
    "sessions", "Sessions",
    (
        PROVIDER_REFERENCE,
        CASE_REFERENCE,
        Column("held_on", date_cell("Date of the session"), True, "date",
               "Date of the session: not in the future, not before the case started."),
        Column("start_time", time_cell("Start time"), False, "time", "Start time."),
        Column("duration_minutes", minutes, False, "whole number",
               f"Length in minutes, 1 to {MAX_DURATION_MINUTES}; required for an attended session."),
        Column("mode", code(vocabulary.SESSION_MODES, "a session mode"), True, "code",
               f"How it was held: {_codes_of(vocabulary.SESSION_MODES)}."),
        Column("location", code(vocabulary.SESSION_LOCATIONS, "a session location"), True, "code",
               f"Where it was held: {_codes_of(vocabulary.SESSION_LOCATIONS)}."),
        Column("attendance", code(vocabulary.ATTENDANCE, "an attendance code"), True, "code",
               f"{_codes_of(vocabulary.ATTENDANCE)}."),
        Column("components", code_list, False, "codes separated by ;",
               "What the session covered: component codes of the case's programme (for example "
               "VIP-C1;VIP-C3). At least one for an attended session; none otherwise."),
        Column("behaviour_concern", yes_no, False, "yes / no",
               "Whether there was a behaviour concern (blank means no); only for attended sessions."),
        Column("behaviour_note", text(BEHAVIOUR_NOTE_MAX, multiline=True), False, "text",
               f"What the concern was; required when behaviour_concern is yes (up to {BEHAVIOUR_NOTE_MAX:,} characters)."),
        Column("notes", text(NOTE_MAX, multiline=True), False, "text", f"Notes (up to {NOTE_MAX:,} characters)."),
    ),
    "Sessions held with a young person on an open case, with the programme components each covered.",
    needs="cases",
)

SDQ_COLUMNS = tuple(
    Column(f"sdq_{term.code}", whole_number(0, 10), False, "whole number from 0 to 10",
           f"SDQ only, and required there: the {term.label.lower()} score.")
    for term in SDQ_SUBSCALES
)

ASSESSMENTS = Kind(
    "assessments", "Assessments",
    (
        PROVIDER_REFERENCE,
        CASE_REFERENCE,
        Column("instrument", code_text, True, "code",
               "The instrument: the programme's progress check (VIP-PC, RCH-PC, PHX-PC), SWEMWBS or SDQ."),
        Column("timepoint", code(vocabulary.ASSESSMENT_TIMEPOINTS, "a timepoint"), True, "code",
               f"{_codes_of(vocabulary.ASSESSMENT_TIMEPOINTS)}. A case has at most one pre and one post "
               "of each instrument."),
        Column("completed_on", date_cell("Date completed"), True, "date",
               "Date completed: not in the future, not before the referral was received."),
        Column("informant", code(SDQ_INFORMANTS, "an SDQ informant"), False, "code",
               f"SDQ only, and required there: who completed it ({_codes_of(SDQ_INFORMANTS)})."),
        Column("responses", responses, False, "CODE=value separated by ;",
               "Progress checks and SWEMWBS, and required there: every item's answer as given (before any "
               "reverse scoring), for example VIP-PC-01=4;VIP-PC-02=3;... The item codes are the "
               "instrument's (VIP-PC-01 to VIP-PC-19, RCH-PC-01 to RCH-PC-12, PHX-PC-01 to PHX-PC-14, "
               "SWEMWBS-1 to SWEMWBS-7). Blank for the SDQ."),
        *SDQ_COLUMNS,
    ),
    "A completed assessment, scored on import with the instrument's own scoring (the SDQ from its "
    "subscale scores; its items are never recorded).",
    needs="cases",
)

ENGAGEMENT_CONTACTS = Kind(
    "engagement_contacts", "Engagement contacts",
    (
        PROVIDER_REFERENCE,
        CASE_REFERENCE,
        Column("contacted_on", date_cell("Date of the attempt"), True, "date",
               "Date of the contact attempt: not in the future, not before the referral was received."),
        Column("contacted_time", time_cell("Time of the attempt"), False, "time",
               "Time of the attempt (Europe/London); blank is taken as 00:00."),
        Column("method", code(vocabulary.CONTACT_METHODS, "a contact method"), True, "code",
               f"{_codes_of(vocabulary.CONTACT_METHODS)}."),
        Column("result", code(vocabulary.CONTACT_RESULTS, "a contact result"), True, "code",
               f"{_codes_of(vocabulary.CONTACT_RESULTS)}."),
        Column("notes", text(NOTE_MAX, multiline=True), False, "text", f"Notes (up to {NOTE_MAX:,} characters)."),
    ),
    "Attempts to contact a young person, successful or not (returns section D5).",
    needs="cases",
)

ONWARD_REFERRALS = Kind(
    "onward_referrals", "Onward referrals",
    (
        PROVIDER_REFERENCE,
        CASE_REFERENCE,
        Column("referred_on", date_cell("Date of the referral"), True, "date",
               "Date the referral was made: not in the future, not before the case started, not after it closed."),
        Column("service_type", code(vocabulary.ONWARD_REFERRAL_SERVICE_TYPES, "a service type"), True, "code",
               f"{_codes_of(vocabulary.ONWARD_REFERRAL_SERVICE_TYPES)}."),
        Column("agency", text(AGENCY_MAX, collapse=True), True, "text, up to 120 characters",
               "The organisation referred to (an agency, never a person)."),
        Column("status", code(vocabulary.ONWARD_REFERRAL_STATUSES, "an onward referral status"), False, "code",
               f"{_codes_of(vocabulary.ONWARD_REFERRAL_STATUSES)}; blank means made."),
        Column("session_reference", reference, False, "reference",
               "The provider reference of the attended session of the same case in which the referral was made."),
    ),
    "Referrals to partner services (returns section D4). The case must have started.",
    needs="cases (and sessions, when session_reference is used)",
)

CLOSURES = Kind(
    "closures", "Closures",
    (
        PROVIDER_REFERENCE,
        CASE_REFERENCE,
        Column("closed_on", date_cell("Closure date"), True, "date",
               "Date the case closed: not in the future, not before it started."),
        Column("reason", code(vocabulary.CLOSURE_REASONS, "a closure reason"), True, "code",
               f"{_codes_of(vocabulary.CLOSURE_REASONS)}."),
        Column("override_reason", text(REASON_MAX, multiline=True), False, "text",
               "Only for a planned completion the programme's closure check does not allow on closed_on: "
               "the manager's written reason for closing it so anyway (at least 10 characters)."),
    ),
    "Closing a case with a reason. A planned completion runs the programme's closure check on the "
    "closing date against everything already recorded on the case (import sessions and assessments "
    "first); the check and its conditions are stored with the closure.",
    needs="cases, and everything the closure check reads (sessions, assessments)",
)

#: Every kind, in the order files are best imported.
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (PEOPLE, REFERRALS, CASES, SESSIONS, ASSESSMENTS, ENGAGEMENT_CONTACTS, ONWARD_REFERRALS, CLOSURES)
}

class _Headers(Mapping[str, tuple[str, ...]]):
    """The header of each kind of file, read when asked (the referral file's columns follow the
    programme registry, which can grow after this module is imported)."""

    def __getitem__(self, kind: str) -> tuple[str, ...]:
        return KINDS[kind].header

    def __iter__(self):
        return iter(KINDS)

    def __len__(self) -> int:
        return len(KINDS)


#: The documented header of each kind of file, column names in order.
HEADERS: Mapping[str, tuple[str, ...]] = _Headers()


def header_for(kind: str) -> tuple[str, ...]:
    """The header of a kind of import file, column names in order (KeyError for an unknown kind)."""
    return KINDS[kind].header


def template_csv(kind: str) -> str:
    """A CSV file with just the header of `kind`, to fill in."""
    return ",".join(header_for(kind)) + "\r\n"
