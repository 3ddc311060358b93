"""The return definition, held as data (returns.md: "a versioned return definition").

A definition version lists the sections, and for each figure its code, label, unit, the kind of
record its lineage names, its breakdowns (each a list of vocabulary codes) and the sums that hold
between cells, which disclosure control needs so that no suppressed value can be recovered by
subtraction. When the Home Office or the VRN changes the template, add a new version here; older
returns keep rebuilding exactly as submitted because a snapshot names the version it was made with.

Figure codes are the section codes of returns.md (``B1`` ... ``G``); where a section holds more than
one figure, the others carry a dotted suffix (``B6.rate``, ``D1.hours``). Category codes are the
vocabulary codes of :mod:`programmes.vocabulary` and of each programme definition; the few codes a
return adds itself (``not_recorded``, the age subtotals) are listed in ``reports/README.md``.
"""

from __future__ import annotations

from programmes.vocabulary import Term
from reports.revisions import STATE_RELATIONS, settled_figures, with_outcome_states
from reports.schema import (
    COUNT_UNITS,
    FLOAT_HALF_EVEN,
    Breakdown,
    FigureDefinition,
    Relation,
    ReturnDefinition,
    Rules,
    Section,
)

__all__ = [
    "AREA_MEASURES",
    "COUNT_UNITS",
    "CURRENT_VERSION",
    "NARRATIVE_FIELDS",
    "Breakdown",
    "FigureDefinition",
    "Relation",
    "ReturnDefinition",
    "Rules",
    "Section",
    "get_definition",
]


def _by_programme() -> Breakdown:
    return Breakdown("programme", "by programme", "programmes", all_only=True)


#: Home Office success measures entered by a manager for section H (with source and date).
AREA_MEASURES = (
    Term("knife_assault_admissions", "Hospital admissions for assault with a knife or sharp object"),
    Term("knife_enabled_serious_violence", "Police-recorded knife-enabled serious violence"),
    Term("non_domestic_homicides", "Non-domestic homicides"),
)

#: The narrative a manager writes for section I.
NARRATIVE_FIELDS = (
    Term("delivery_against_profile", "Delivery against profile"),
    Term("barriers", "Barriers"),
    Term("learning", "Learning"),
    Term("case_study", "Case study (anonymised)"),
)

_SECTIONS = (
    Section(
        "A",
        "Identification",
        "The programme, its partners and funding, and the versions the return was built with.",
    ),
    Section(
        "B",
        "Referrals and cases",
        "Referrals received and decided, cases started, active, closed and completed, and timeliness.",
    ),
    Section(
        "C",
        "Who started",
        "The young people whose cases started: age at start, sex, ethnic group and local authority.",
    ),
    Section("D", "Delivery", "Sessions, components delivered, dosage, onward referrals and engagement."),
    Section(
        "E", "Standard measures", "Pre and post assessments of cases closed in the period, by instrument."
    ),
    Section(
        "F", "Theory-of-change outcomes", "Young people reached, measured and improved, outcome by outcome."
    ),
    Section("G", "Data quality", "How complete the records behind the figures are."),
    Section(
        "H",
        "Area context",
        "Home Office success measures for the area, entered by a manager with source and date.",
    ),
    Section("I", "Narrative", "Delivery against profile, barriers, learning and one anonymised case study."),
)

_FIGURES = (
    # --- B: referrals and cases -----------------------------------------------------------------
    FigureDefinition(
        "B1",
        "B",
        "Referrals received",
        "count",
        "referral",
        (
            Breakdown("source", "by referral source", "referral_sources"),
            Breakdown("setting", "by setting", "settings", only_if_declared="settings"),
            _by_programme(),
        ),
        description="Referrals with a received date in the period.",
    ),
    FigureDefinition(
        "B2",
        "B",
        "Referral decisions",
        "count",
        "referral",
        (Breakdown("decision", "by decision at period end", "decisions"),),
        description="The referrals of B1 by their decision as it stood at the end of the period; "
        "a referral decided after the period end counts as pending.",
    ),
    FigureDefinition(
        "B2.declined",
        "B",
        "Referrals declined",
        "count",
        "referral",
        (Breakdown("reason", "by reason", "decline_reasons"),),
        description="The referrals of B1 declined by the end of the period, by reason.",
    ),
    FigureDefinition(
        "B3",
        "B",
        "Cases started",
        "count",
        "case",
        (_by_programme(),),
        description="Cases with a start date (consent in place) in the period.",
    ),
    FigureDefinition(
        "B4",
        "B",
        "Cases active at period end",
        "count",
        "case",
        (_by_programme(),),
        description="Cases started on or before the period end with no closure on or before it; "
        "the year-to-date column is the same date.",
    ),
    FigureDefinition(
        "B5",
        "B",
        "Cases closed",
        "count",
        "closure",
        (Breakdown("reason", "by closure reason", "closure_reasons"), _by_programme()),
        description="Closures dated in the period; a closure later reopened does not count.",
    ),
    FigureDefinition(
        "B6",
        "B",
        "Planned completions",
        "count",
        "closure",
        description="Closures in B5 with the reason planned completion.",
    ),
    FigureDefinition(
        "B6.rate",
        "B",
        "Completion rate (%)",
        "percent",
        description="B6 as a percentage of B5 less closures for moving out of the area and deaths.",
    ),
    FigureDefinition(
        "B7.first_contact",
        "B",
        "Median days from referral to first contact",
        "median",
        "referral",
        description="Whole days from the referral's received date to its first contact, over referrals "
        "whose first contact falls in the period.",
    ),
    FigureDefinition(
        "B7.first_contact.count",
        "B",
        "Referrals with a first contact in the period",
        "count",
        "referral",
        description="The referrals the median first-contact time is taken over.",
    ),
    FigureDefinition(
        "B7.case_start",
        "B",
        "Median days from referral to case start",
        "median",
        "case",
        description="Whole days from the referral's received date to the case start, over the cases of B3.",
    ),
    # --- C: who started -------------------------------------------------------------------------
    FigureDefinition(
        "C1",
        "C",
        "Young people starting, by age at case start",
        "people",
        "person",
        (Breakdown("age_band", "by age band", "age_bands"),),
        description="Distinct young people behind B3, by age on the day their first case in the period "
        "started.",
    ),
    FigureDefinition("C1.under_18", "C", "Young people starting aged under 18", "people", "person"),
    FigureDefinition("C1.under_25", "C", "Young people starting aged under 25", "people", "person"),
    FigureDefinition(
        "C2",
        "C",
        "Young people starting, by sex",
        "people",
        "person",
        (Breakdown("sex", "by sex", "sexes"),),
        description="Sex as recorded; none recorded counts as not known.",
    ),
    FigureDefinition(
        "C3",
        "C",
        "Young people starting, by ethnic group",
        "people",
        "person",
        (Breakdown("ethnic_group", "by ethnic group (ONS 2021)", "ethnic_groups"),),
        description="The ONS 2021 high-level group of the recorded ethnicity; none recorded counts as "
        "not stated.",
    ),
    FigureDefinition(
        "C4",
        "C",
        "Young people starting, by local authority of residence",
        "people",
        "person",
        (Breakdown("local_authority", "by local authority", "local_authorities"),),
    ),
    # --- D: delivery ----------------------------------------------------------------------------
    FigureDefinition(
        "D1",
        "D",
        "Sessions delivered (attended)",
        "count",
        "session",
        (
            Breakdown("mode", "by mode", "session_modes"),
            Breakdown("location", "by location", "session_locations"),
            _by_programme(),
        ),
        description="Sessions dated in the period that the young person attended.",
    ),
    FigureDefinition(
        "D1.hours",
        "D",
        "Contact hours in attended sessions",
        "hours",
        description="The recorded length of attended sessions, in hours to one decimal place.",
    ),
    FigureDefinition(
        "D1.not_attended",
        "D",
        "Sessions not attended",
        "count",
        "session",
        (Breakdown("attendance", "by reason", "not_attended"),),
    ),
    FigureDefinition(
        "D2",
        "D",
        "Attended sessions covering each component",
        "count",
        "session",
        (Breakdown("component", "by component", "components", partition=False),),
        has_total=False,
        description="A session covering several components counts once for each.",
    ),
    FigureDefinition(
        "D2.young_people",
        "D",
        "Young people receiving each component at least once",
        "people",
        "person",
        (Breakdown("component", "by component", "components", partition=False),),
        has_total=False,
    ),
    FigureDefinition(
        "D3.sessions",
        "D",
        "Median attended sessions per planned completion",
        "median",
        "closure",
        description="Over the cases of B6.",
    ),
    FigureDefinition(
        "D3.weeks",
        "D",
        "Median weeks from case start to closure for planned completions",
        "median",
        "closure",
        description="Over the cases of B6, in weeks to one decimal place.",
    ),
    FigureDefinition(
        "D3.planned_min_weeks",
        "D",
        "Planned length: at least (weeks)",
        "reference",
        breakdowns=(Breakdown("programme", "by programme", "programmes", partition=False),),
        has_total=False,
    ),
    FigureDefinition(
        "D3.planned_max_weeks",
        "D",
        "Planned length: at most (weeks)",
        "reference",
        breakdowns=(Breakdown("programme", "by programme", "programmes", partition=False),),
        has_total=False,
        description="Blank where the programme sets a minimum only.",
    ),
    FigureDefinition(
        "D4",
        "D",
        "Onward referrals made",
        "count",
        "onward_referral",
        (Breakdown("service_type", "by service type", "service_types"), _by_programme()),
        description="Referrals to partner services made in the period.",
    ),
    FigureDefinition(
        "D5",
        "D",
        "Contact attempts",
        "count",
        "engagement_contact",
        (
            Breakdown("method", "by method", "contact_methods"),
            Breakdown("result", "by result", "contact_results"),
        ),
        description="Every recorded attempt to contact a young person in the period, successful or not.",
    ),
    FigureDefinition(
        "D5.status",
        "D",
        "Young people by engagement status at period end",
        "people",
        "person",
        (Breakdown("status", "by status", "engagement_statuses"),),
        description="Young people with a case active at the period end and an engagement status "
        "recorded by then.",
    ),
    # --- E: standard measures -------------------------------------------------------------------
    *(
        FigureDefinition(
            code,
            "E",
            label,
            unit,
            "case",
            (Breakdown("instrument", "by instrument", "instruments", partition=False),),
            has_total=False,
            description=description,
        )
        for code, label, unit, description in (
            ("E.pre", "Cases closed with a pre assessment", "count", "Cases closed in the period (B5)."),
            ("E.post", "Cases closed with a post assessment", "count", ""),
            (
                "E.matched",
                "Cases closed with a matched pre/post pair",
                "count",
                "The latest pre and the latest post of the same instrument (for the SDQ, the same "
                "informant).",
            ),
            ("E.mean_pre", "Mean pre score (matched pairs)", "mean", ""),
            ("E.mean_post", "Mean post score (matched pairs)", "mean", ""),
            (
                "E.mean_change",
                "Mean change, post minus pre (matched pairs)",
                "mean",
                "For the SDQ a fall is an improvement.",
            ),
            (
                "E.improved",
                "Improved",
                "count",
                "Changed by at least the instrument's meaningful-change threshold in the good direction.",
            ),
            ("E.unchanged", "Unchanged", "count", ""),
            ("E.worse", "Worse", "count", ""),
        )
    ),
    # --- F: theory-of-change outcomes -----------------------------------------------------------
    FigureDefinition(
        "F",
        "F",
        "Theory-of-change outcomes",
        "people",
        "person",
        (
            Breakdown("reached", "reached", "outcomes", partition=False),
            Breakdown("measured", "measured", "outcomes", partition=False),
            Breakdown("improved", "improved or achieved", "outcomes", partition=False),
            Breakdown(
                "percent_improved", "% improved of measured", "outcomes", partition=False, unit="percent"
            ),
        ),
        has_total=False,
        description="Reached: attended a session in the period covering a component mapped to the outcome. "
        "Measured: case closed in the period with a matched pre/post on the outcome's items, or its "
        "record rule evaluable. Improved: the measure improved or the record rule is true.",
    ),
    # --- G: data quality ------------------------------------------------------------------------
    FigureDefinition("G.date_of_birth", "G", "Cases started with a date of birth recorded (%)", "percent"),
    FigureDefinition(
        "G.sex",
        "G",
        "Cases started with sex recorded (%)",
        "percent",
        description="Recorded means an answer other than not known.",
    ),
    FigureDefinition(
        "G.ethnicity",
        "G",
        "Cases started with ethnicity recorded (%)",
        "percent",
        description="Recorded means an answer other than not stated.",
    ),
    FigureDefinition("G.closure_reason", "G", "Cases closed with a closure reason (%)", "percent"),
    FigureDefinition(
        "G.pre_post",
        "G",
        "Planned completions with both a pre and a post assessment (%)",
        "percent",
        description="A pre and a post of the same instrument.",
    ),
    FigureDefinition(
        "G.no_recent_session",
        "G",
        "Active cases with no attended session for 28 days or more",
        "count",
        "case",
        description="At the period end, counted from the last attended session (or the case start if none).",
    ),
)

_BANDS_UNDER_18 = ("under_10", "10_13", "14_15", "16_17")
_BANDS_18_TO_24 = ("18_20", "21_24")


def _cells(code: str, breakdown: str, categories) -> tuple:
    return tuple((code, breakdown, category) for category in categories)


_RELATIONS = (
    Relation((("B2", None, None),), (("B1", None, None),)),
    Relation((("B2.declined", None, None),), (("B2", "decision", "declined"),)),
    Relation((("B6", None, None),), (("B5", "reason", "planned_completion"),)),
    Relation((("C2", None, None),), (("C1", None, None),)),
    Relation((("C3", None, None),), (("C1", None, None),)),
    Relation((("C4", None, None),), (("C1", None, None),)),
    Relation(_cells("C1", "age_band", _BANDS_UNDER_18), (("C1.under_18", None, None),)),
    Relation(_cells("C1", "age_band", _BANDS_UNDER_18 + _BANDS_18_TO_24), (("C1.under_25", None, None),)),
    Relation(
        _cells("C1", "age_band", _BANDS_18_TO_24) + (("C1.under_18", None, None),),
        (("C1.under_25", None, None),),
    ),
    Relation(
        _cells("C1", "age_band", ("25_34", "35_plus", "not_recorded")) + (("C1.under_25", None, None),),
        (("C1", None, None),),
    ),
    Relation(
        (
            ("E.improved", "instrument", "*"),
            ("E.unchanged", "instrument", "*"),
            ("E.worse", "instrument", "*"),
        ),
        (("E.matched", "instrument", "*"),),
    ),
)


#: The current definition version: the one every new build uses.
CURRENT_VERSION = "3"

_DEFINITIONS = {
    # Version 1: as first built. Returns submitted under it rebuild by its rules.
    "1": ReturnDefinition(
        "1",
        _SECTIONS,
        _FIGURES,
        _RELATIONS,
        AREA_MEASURES,
        NARRATIVE_FIELDS,
        Rules(
            closure_at_period_end=False,
            elapsed_first_contact=False,
            rounding=FLOAT_HALF_EVEN,
            exact_medians=False,
            people_once=False,
            outcome_states=False,
        ),
    ),
    # Version 2: returns.md's settled B4, B7, D3, D5 and rounding.
    "2": ReturnDefinition(
        "2",
        _SECTIONS,
        settled_figures(_FIGURES),
        _RELATIONS,
        AREA_MEASURES,
        NARRATIVE_FIELDS,
        Rules(outcome_states=False),
    ),
    # Version 3: section F's improved, maintained and not improved, and achieved per outcome.
    "3": ReturnDefinition(
        "3",
        _SECTIONS,
        with_outcome_states(settled_figures(_FIGURES)),
        _RELATIONS + STATE_RELATIONS,
        AREA_MEASURES,
        NARRATIVE_FIELDS,
    ),
}


def get_definition(version: str = CURRENT_VERSION) -> ReturnDefinition:
    """Return the return definition of this version; ``KeyError`` for an unknown one."""
    try:
        return _DEFINITIONS[version]
    except KeyError:
        raise KeyError(
            f"no return definition version {version!r}; known: {', '.join(_DEFINITIONS)}"
        ) from None
