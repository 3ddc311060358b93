"""Assessments: an instrument the case's programme uses, right for the young person's age, and one
pre and one post per case; the SDQ by its subscale scores, the others by every item's answer."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from casework.assessments.models import Assessment, AssessmentItem
from casework.assessments.operations import AssessmentRefused, scored_fields
from casework.db import db
from casework.imports.checks.base import CaseRecordImporter, Stored, chunks
from casework.imports.schemas import ASSESSMENTS, SDQ_COLUMNS
from programmes.checks.assessment import (
    SINGLE_TIMEPOINTS,
    AssessmentContext,
    AssessmentValues,
    EarlierAssessment,
    check_assessment,
    instrument_of,
)
from programmes.instruments import validate_responses

_SDQ_NAMES = tuple(column.name for column in SDQ_COLUMNS)
#: The file's column of each field of the assessment check, where the names differ (none do today).
CHECK_COLUMNS: dict[str, str] = {}


class AssessmentsImporter(CaseRecordImporter):
    kind = ASSESSMENTS
    model = Assessment

    def stored(self, references):
        found = {}
        assessments = self.stored_with_case(Assessment, (
            Assessment.id, Assessment.provider_reference, Assessment.instrument, Assessment.timepoint,
            Assessment.completed_on, Assessment.informant, Assessment.subscores), references)
        items: dict[int, dict[str, int]] = defaultdict(dict)
        for part in chunks([a.id for a in assessments]):
            for assessment_id, code, value in db.session.execute(
                sa.select(AssessmentItem.assessment_id, AssessmentItem.item_code, AssessmentItem.value)
                .where(AssessmentItem.assessment_id.in_(part))
            ):
                items[assessment_id][code] = value
        for a in assessments:
            subscales = (a.subscores or {}).get("subscales", {}) if a.instrument == "SDQ" else {}
            values = {
                "case_reference": a.case_reference, "instrument": a.instrument, "timepoint": a.timepoint,
                "completed_on": a.completed_on, "informant": a.informant, "responses": items.get(a.id, {}),
            }
            for name in _SDQ_NAMES:
                values[name] = subscales.get(name.removeprefix("sdq_"))
            found[a.provider_reference] = Stored(a.programme in self.ctx.programmes, values)
        return found

    def comparable(self, row, stored):
        values = {name: row.values[name] for name in stored.values}
        values["instrument"] = (values["instrument"] or "").upper()
        values["responses"] = values["responses"] or {}
        return values

    def load(self, rows):
        super().load(rows)
        ids = [case.id for case in self.cases.values()]
        #: The assessments already on these cases, by case id.
        self.others: dict[int, list[EarlierAssessment]] = defaultdict(list)
        for part in chunks(ids):
            for case_id, instrument, timepoint, completed_on in db.session.execute(
                sa.select(Assessment.case_id, Assessment.instrument, Assessment.timepoint, Assessment.completed_on)
                .where(Assessment.case_id.in_(part)).order_by(Assessment.completed_on, Assessment.id)
            ):
                self.others[case_id].append(EarlierAssessment(instrument, timepoint, completed_on))
        #: (case id, instrument, timepoint) of each pre and post earlier in the file -> its row number.
        self.in_file: dict[tuple[int, str, str], int] = {}
        #: Instruments earlier rows of the file give each case.
        self.used_in_file: dict[int, set[str]] = defaultdict(set)

    def check(self, row):
        ctx, values = self.ctx, row.values
        case = self.case_of(row)
        if case is None:
            return None
        definition = self.definition(case)
        wanted = (values["instrument"] or "").upper()
        code = next((c for c in definition.instruments if c.upper() == wanted), values["instrument"] or "")
        timepoint, completed_on = values["timepoint"], values["completed_on"]
        given = AssessmentValues(code, timepoint, completed_on)
        context = AssessmentContext(
            definition=definition, today=ctx.today, received_on=case.received_on, date_of_birth=case.date_of_birth,
            others=tuple(self.others.get(case.id, ())), also_used=frozenset(self.used_in_file.get(case.id, ())),
        )
        problems = check_assessment(given, context)
        for problem in problems:
            ctx.problem(row, CHECK_COLUMNS.get(problem.field, problem.field), problem.message)
        instrument = instrument_of(given, context)
        if instrument is None:
            return None
        ok = not problems
        key = (case.id, code, timepoint)
        if key in self.in_file and not any(problem.field == "timepoint" for problem in problems):
            ctx.problem(row, "timepoint", f"Row {self.in_file[key]} already gives this case's {timepoint} "
                                          f"{instrument.short_name}.")
            ok = False
        if instrument.scores_only:
            informant = values["informant"]
            subscales = {name.removeprefix("sdq_"): values[name] for name in _SDQ_NAMES}
            if informant is None:
                ctx.problem(row, "informant", "Enter who completed the SDQ: self, parent or teacher.")
                ok = False
            for name in _SDQ_NAMES:
                if values[name] is None:
                    ctx.problem(row, name, "Enter this SDQ score (0 to 10).")
                    ok = False
            if values["responses"]:
                ctx.problem(row, "responses", "The SDQ is recorded by its subscale scores only: leave it blank.")
                ok = False
            answers = subscales
        else:
            informant = None
            answers = values["responses"] or {}
            for name in ("informant", *_SDQ_NAMES):
                if values[name] is not None:
                    ctx.problem(row, name, f"Only for the SDQ: leave it blank for the {instrument.short_name}.")
                    ok = False
            if not answers:
                ctx.problem(row, "responses", f"Enter the answers to the {instrument.short_name}, like "
                                              f"{instrument.item_codes[0]}=4;{instrument.item_codes[1]}=3;...")
                ok = False
            else:
                for message in validate_responses(instrument, answers):
                    ctx.problem(row, "responses", message)
                    ok = False
        if not ok:
            return None
        try:
            figures = scored_fields(instrument, answers, informant)
        except AssessmentRefused as error:
            ctx.problem(row, "responses" if not instrument.scores_only else _SDQ_NAMES[0], str(error))
            return None
        if timepoint in SINGLE_TIMEPOINTS:
            self.in_file[key] = row.number
        self.used_in_file[case.id].add(code)
        items = [] if instrument.scores_only else [(item, int(answers[item])) for item in instrument.item_codes]
        return ({
            **self.base_values(), "case_id": case.id, "instrument": code, "timepoint": timepoint,
            "completed_on": completed_on, "informant": informant, "score": figures["score"],
            "subscores": figures["subscores"], "recorded_by_id": ctx.user.id, "provider_reference": row.reference,
        }, items)

    def write(self, plans):
        ids = self.insert(Assessment, [assessment for assessment, _ in plans], returning=True, label="assessments")
        items = [{"assessment_id": assessment_id, "item_code": code, "value": value}
                 for assessment_id, (_, answers) in zip(ids, plans, strict=True) for code, value in answers]
        self.insert(AssessmentItem, items)
