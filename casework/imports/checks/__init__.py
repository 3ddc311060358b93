"""The programme rules for imported rows, one importer per kind of file, and the bulk writes.

Each importer looks up what its rows refer to with one query per chunk of references (never one
per row), checks every row in memory with the same rules the service's own forms and operations
apply, and writes the rows that passed with SQLAlchemy Core `insert()` executemany in chunks.
Nothing here commits: `operations.import_file` runs it inside the caller's transaction.

What every importer shares is in `base`; each kind of file has its own module.
"""

from __future__ import annotations

from casework.imports.checks.assessments import AssessmentsImporter
from casework.imports.checks.base import (
    CHUNK,
    PROGRESS_EVERY,
    CaseRecordImporter,
    Context,
    Importer,
    Stored,
    chunks,
)
from casework.imports.checks.cases import CasesImporter
from casework.imports.checks.closures import ClosuresImporter
from casework.imports.checks.engagement_contacts import EngagementContactsImporter
from casework.imports.checks.onward_referrals import OnwardReferralsImporter
from casework.imports.checks.people import PeopleImporter
from casework.imports.checks.referrals import ReferralsImporter
from casework.imports.checks.sessions import SessionsImporter

IMPORTERS: dict[str, type[Importer]] = {
    importer.kind.name: importer
    for importer in (PeopleImporter, ReferralsImporter, CasesImporter, SessionsImporter, AssessmentsImporter,
                     EngagementContactsImporter, OnwardReferralsImporter, ClosuresImporter)
}

__all__ = [
    "CHUNK", "IMPORTERS", "PROGRESS_EVERY", "AssessmentsImporter", "CaseRecordImporter", "CasesImporter",
    "ClosuresImporter", "Context", "EngagementContactsImporter", "Importer", "OnwardReferralsImporter",
    "PeopleImporter", "ReferralsImporter", "SessionsImporter", "Stored", "chunks",
]
