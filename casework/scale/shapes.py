"""The shapes of the synthetic data: its size per unit of scale, the programme mix, the teams
of each area, and the names and words records are made of."""

#: The password of every generated account. Generated data only.
PERF_PASSWORD = "perf-password-1"
PERF_WORKER_EMAIL = "perf.worker@example.org"
PERF_MANAGER_EMAIL = "perf.manager@example.org"
LARGE_CASE_REFERENCE = "PERF-LARGE"
SMALL_CASE_REFERENCE = "PERF-SMALL"
LARGE_CASE_SESSIONS = 2000
#: Programme definition version stored on every generated record. The registry has no version in
#: force before early 2024, so older records carry the current one, as a migrated system would.
DEFINITION_VERSION = "2024.1"

#: Referrals per unit of scale, and the share of each programme.
REFERRALS_PER_SCALE = 10_000
PROGRAMME_SHARE = (("VIP", 0.5), ("REACH", 0.3), ("PHOENIX", 0.2))

#: (programme, team kind, staff by role) for each area. Staff numbers give each worker a caseload
#: of about 15 to 25 open cases at scale 1.
TEAM_KINDS = (
    ("VIP", "VIP A&E", {"youth_worker": 6}),
    ("VIP", "VIP Custody", {"youth_worker": 6}),
    ("REACH", "Reach City", {"youth_worker": 7}),
    ("REACH", "Reach County", {"youth_worker": 6}),
    ("PHOENIX", "Phoenix support", {"youth_worker": 9, "navigator": 5}),
    ("PHOENIX", "Phoenix police", {"enforcement_officer": 3}),
)

GIVEN_NAMES = (
    "Alex", "Jordan", "Sam", "Casey", "Riley", "Taylor", "Morgan", "Jamie", "Charlie", "Reece",
    "Kai", "Rowan", "Ellis", "Harley", "Frankie", "Remi", "Jude", "Avery", "Dani", "Quinn",
    "Aaron", "Bilal", "Callum", "Deshawn", "Ethan", "Faisal", "Grace", "Hamza", "Isla", "Jayden",
    "Kian", "Leah", "Mason", "Nadia", "Omar", "Priya", "Ruby", "Tyler", "Yusuf", "Zara",
)
#: Surnames are made of syllables no real family name uses, so generated people are never
#: mistaken for real ones.
SYLLABLES = ("Ex", "am", "ple", "Sam", "ber", "tov", "Fic", "tio", "nal", "Mok", "ka", "del",
              "Nor", "qua", "zen", "Plo", "vit", "ran", "Dem", "oxa", "lin", "Tes", "tor", "ick")

NOTES = (
    "Talked about the week at school and what went well.",
    "Went through the plan for the holidays and who to call if things get difficult.",
    "Played pool at the youth centre; talked about friendships and who they spend time with.",
    "Met with mum at home; agreed to try the boxing club on Thursday.",
    "Worked on the CV together and looked at two college courses.",
    "Discussed the incident at the weekend and how to walk away next time.",
    "Short check-in by phone; feeling better about going back to school.",
    "Practised what to say at the college interview.",
)
AGENCIES = ("City mental health team", "Youth drug and alcohol service", "Housing options",
            "Careers hub", "Family support service", "Community boxing club", "College outreach")

