from tests.route_access import READERS

MANAGERS = frozenset({"manager"})

ROUTES = {
    "referrals.referral_list": READERS,
    "referrals.find_person": READERS,
    "referrals.new_person_referral": READERS,
    "referrals.new_referral": READERS,
    "referrals.referral_page": READERS,
    "referrals.decision": MANAGERS,
    "referrals.first_contact": READERS,
    "referrals.consent": READERS,
    "referrals.withdraw_consent": READERS,
    "referrals.allocation": MANAGERS,
}
