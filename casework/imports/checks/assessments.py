"""Assessments: an instrument the case's programme uses, right for the young person's age, and one
pre and one post per case; the SDQ by its subscale scores, the others by every item's answer."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import sqlalchemy as sa

from casework.assessments.models import Assessment, AssessmentItem
from casework.assessments.operations import AssessmentRefused, scored_fields
from casework.db import db
from casework.imports.checks.base import CaseRecordImporter, Stored, chunks, _day
from casework.imports.schemas import ASSESSMENTS, SDQ_COLUMNS, quoted
from programmes import rules
from programmes.instruments import validate_responses


_SDQ_NAMES = tuple(column.name for column in SDQ_COLUMNS)


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
        #: (case id, instrument, timepoint) of every assessment already on these cases.
        self.taken: dict[tuple[int, str, str], date] = {}
        self.used: set[tuple[int, str]] = set()
        for part in chunks(ids):
            for case_id, instrument, timepoint, completed_on in db.session.execute(
                sa.select(Assessment.case_id, Assessment.instrument, Assessment.timepoint, Assessment.completed_on)
                .where(Assessment.case_id.in_(part))
            ):
                self.taken.setdefault((case_id, instrument, timepoint), completed_on)
                self.used.add((case_id, instrument))
        self.in_file: dict[tuple[int, str, str], int] = {}

    def check(self, row):
        ctx, values = self.ctx, row.values
        case = self.case_of(row)
        if case is None:
            return None
        definition = self.definition(case)
        wanted = (values["instrument"] or "").upper()
        code = next((c for c in definition.instruments if c.upper() == wanted), None)
        if code is None:
            ctx.problem(row, "instrument", f"{quoted(values['instrument'])} is not an assessment this programme uses; "
                                           f"use one of: {', '.join(definition.instruments)}")
            return None
        instrument = rules.instrument_for(definition, code)
        ok = True
        completed_on = values["completed_on"]
        if completed_on > ctx.today:
            ctx.problem(row, "completed_on", "The date completed cannot be in the future.")
            ok = False
        elif completed_on < case.received_on:
            ctx.problem(row, "completed_on", "The date completed cannot be before the referral was received "
                                             f"({_day(case.received_on)}).")
            ok = False
        elif case.date_of_birth is not None and (case.id, code) not in self.used:
            age = rules.age_on(case.date_of_birth, completed_on)
            if code not in rules.instruments_for_age(definition, age):
                limit = (f"aged {instrument.min_age} and over" if instrument.min_age is not None
                         and age < instrument.min_age else f"aged up to {instrument.max_age}")
                ctx.problem(row, "instrument", f"The {instrument.short_name} is for young people {limit}; the young "
                                               f"person was {age} on the date it was completed.")
                ok = False
        timepoint = values["timepoint"]
        key = (case.id, code, timepoint)
        if timepoint in ("pre", "post"):
            if key in self.taken:
                ctx.problem(row, "timepoint", f"This case already has a {timepoint} {instrument.short_name}, completed "
                                              f"on {_day(self.taken[key])}.")
                ok = False
            elif key in self.in_file:
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
        self.in_file[key] = row.number
        self.used.add((case.id, code))
        items = [] if instrument.scores_only else [(item, int(answers[item])) for item in instrument.item_codes]
        return ({
            **self.base_values(), "case_id": case.id, "instrument": code, "timepoint": timepoint,
            "completed_on": completed_on, "informant": informant, "score": figures["score"],
            "subscores": figures["subscores"], "recorded_by_id": ctx.user.id, "provider_reference": row.reference,
        }, items)

    def write(self, plans):
        ids = self.insert(Assessment, [assessment for assessment, _ in plans], returning=True, label="assessments")
        items = [{"assessment_id": assessment_id, "item_code": code, "value": value}
                 for assessment_id, (_, answers) in zip(ids, plans) for code, value in answers]
        self.insert(AssessmentItem, items)
