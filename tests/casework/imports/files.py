"""Rows of one small, consistent set of import files: two people, their VIP referrals, one case
and everything recorded on it, closing as a planned completion that meets the VIP rule (13 weeks,
six attended sessions, four concern-free weeks in which Aisha was seen)."""

from __future__ import annotations

VIP_PC_ITEMS = [f"VIP-PC-{n:02d}" for n in range(1, 20)]


def answers(value: int) -> str:
    return ";".join(f"{item}={value}" for item in VIP_PC_ITEMS)


PEOPLE = [
    {"provider_reference": "P1", "given_name": "Aisha", "family_name": "Khan", "known_as": "",
     "date_of_birth": "2008-05-01", "sex": "female", "ethnicity": "asian_pakistani",
     "police_ethnicity_code": "A2", "local_authority": "leicester", "postcode": "le1 5ws"},
    {"provider_reference": "P2", "given_name": "Jordan", "family_name": "Smith", "known_as": "Jord",
     "date_of_birth": "2006-02-10", "sex": "male", "ethnicity": "white_british",
     "police_ethnicity_code": "", "local_authority": "leicestershire", "postcode": ""},
]

REFERRALS = [
    {"provider_reference": "R1", "person_reference": "P1", "team": "VIP Leicester", "received_on": "2024-05-01",
     "received_time": "10:30", "source": "police_custody", "setting": "custody", "status": "accepted",
     "decided_on": "2024-05-01", "violence_related": "yes", "offence_type": "Assault",
     "first_contact_on": "2024-05-01", "first_contact_time": "15:00"},
    {"provider_reference": "R2", "person_reference": "P2", "team": "VIP Leicester", "received_on": "2024-05-03",
     "source": "hospital_a_and_e", "setting": "a_and_e", "status": "declined", "decided_on": "2024-05-04",
     "decline_reason": "declined_by_young_person", "violence_related": "yes", "injury_type": "Stab wound"},
]

CASES = [
    {"provider_reference": "C1", "referral_reference": "R1", "started_on": "2024-05-02",
     "lead_worker": "vip.worker@example.org"},
]

SESSIONS = [
    {"provider_reference": "S1", "case_reference": "C1", "held_on": "2024-05-10", "start_time": "14:00",
     "duration_minutes": "60", "mode": "face_to_face", "location": "youth_centre", "attendance": "attended",
     "components": "VIP-C1;VIP-C3", "behaviour_concern": "no", "notes": "=HYPERLINK(\"http://x\",\"click\")"},
    {"provider_reference": "S2", "case_reference": "C1", "held_on": "2024-05-17", "mode": "phone",
     "location": "online", "attendance": "did_not_attend"},
    *({"provider_reference": reference, "case_reference": "C1", "held_on": held_on, "start_time": "16:00",
       "duration_minutes": "60", "mode": "face_to_face", "location": "youth_centre", "attendance": "attended",
       "components": "VIP-C3;VIP-C4", "behaviour_concern": "no"}
      for reference, held_on in (("S4", "2024-05-24"), ("S5", "2024-05-31"), ("S6", "2024-06-06"),
                                 ("S7", "2024-06-13"))),
    {"provider_reference": "S3", "case_reference": "C1", "held_on": "2024-06-20", "start_time": "10:00",
     "duration_minutes": "45", "mode": "face_to_face", "location": "community", "attendance": "attended",
     "components": "VIP-C8"},
]

ASSESSMENTS = [
    {"provider_reference": "A1", "case_reference": "C1", "instrument": "VIP-PC", "timepoint": "pre",
     "completed_on": "2024-05-10", "responses": answers(3)},
    {"provider_reference": "A2", "case_reference": "C1", "instrument": "VIP-PC", "timepoint": "post",
     "completed_on": "2024-06-25", "responses": answers(4)},
    {"provider_reference": "A3", "case_reference": "C1", "instrument": "SDQ", "timepoint": "pre",
     "completed_on": "2024-05-10", "informant": "self", "sdq_emotional": "3", "sdq_conduct": "2",
     "sdq_hyperactivity": "4", "sdq_peer": "1", "sdq_prosocial": "8"},
]

ENGAGEMENT_CONTACTS = [
    {"provider_reference": "E1", "case_reference": "C1", "contacted_on": "2024-05-01", "contacted_time": "15:00",
     "method": "phone", "result": "spoke_engaged", "notes": "Agreed to meet"},
]

ONWARD_REFERRALS = [
    {"provider_reference": "O1", "case_reference": "C1", "referred_on": "2024-06-20",
     "service_type": "sport_positive_activity", "agency": "Leicester Tigers Foundation", "status": "accepted",
     "session_reference": "S3"},
]

CLOSURES = [
    {"provider_reference": "X1", "case_reference": "C1", "closed_on": "2024-08-05", "reason": "planned_completion"},
]

#: Every kind, in the order it is imported, with its rows.
ALL = [
    ("people", PEOPLE), ("referrals", REFERRALS), ("cases", CASES), ("sessions", SESSIONS),
    ("assessments", ASSESSMENTS), ("engagement_contacts", ENGAGEMENT_CONTACTS),
    ("onward_referrals", ONWARD_REFERRALS), ("closures", CLOSURES),
]
