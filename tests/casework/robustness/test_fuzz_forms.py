"""Any input to any form or page (access.md bar 9): generated text posted into every field of every
form, and into the query strings of the pages, never gives a server error; a refused post writes
nothing; whatever is echoed back is escaped.

Every POST route of the app is found from its URL map and fuzzed as a user who may use it, on a
record in scope: the form is read from the page a browser would show it on, and each field gets
either what a person might type or generated text (control characters, very long strings,
markup, SQL-ish strings, other scripts, nothing). The CSRF token, version and submission id are
usually kept and sometimes replaced, and fields the form does not offer are sometimes added.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest
from flask import url_for
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from casework.timezone import london_today
from tests.casework.robustness.fuzzing import (
    app_rules,
    fingerprint,
    plausible,
    plausible_date,
    role_for,
    text_values,
    unescaped,
)
from tests.casework.robustness.htmlforms import FormField, HtmlForm, form_posting_to, forms_on
from tests.conftest import sign_in
from tests.route_access import ARGUMENT_RECORDS

RULES = app_rules()
#: Routes fuzzed as a second role too, because that role may do more there (a manager may
#: override the closure check).
ALSO_AS = {"cases.close": ["manager"]}
POST_ROUTES = [
    (endpoint, args, role)
    for endpoint, _rule, methods, args, roles in RULES if "POST" in methods
    for role in [role_for(endpoint, roles), *ALSO_AS.get(endpoint, [])]
]
POST_IDS = [f"{endpoint}-{role or 'anonymous'}" for endpoint, _args, role in POST_ROUTES]
GET_ROUTES = [(endpoint, args, roles) for endpoint, _rule, methods, args, roles in RULES
              if "GET" in methods and endpoint != "static"]

#: Where a route that only takes POST has its form (the page a browser posts it from).
FORM_PAGES = {
    "cases.reopen": "cases.case_page",
    "cases.request_closure_view": "cases.case_page",
    "referrals.decision": "referrals.referral_page",
    "referrals.first_contact": "referrals.referral_page",
    "plans.goal_status": "plans.view",
    "auth.sign_out_view": "cases.index",
}
#: Query strings a form page needs (the step or selection it belongs to).
PAGE_QUERIES = {
    "returns.draft": {"programme": "VIP", "period": "2024-25-Q1", "mode": "internal"},
    "returns.submit": {"programme": "VIP", "period": "2024-25-Q1", "mode": "internal"},
    "referrals.new_person_referral": {"programme": "VIP"},
    "referrals.new_referral": {"programme": "VIP"},
    "assessments.answers": {"instrument": "VIP-PC", "timepoint": "post", "completed_on": "{today}"},
}
#: Values for URL arguments that do not name a record.
OTHER_ARGUMENTS = {"code": "VIP"}
#: Fields no form offers, posted now and then (access.md bar 4: the answer is as without them).
UNOFFERED = ["status", "team_id", "lead_worker_id", "role", "owner", "version", "programme", "case_id"]

FUZZ_SETTINGS = settings(
    # Small and derandomized so that CI is quick and reproducible; set CASEWORK_FUZZ_EXAMPLES
    # to search longer locally.
    max_examples=int(os.environ.get("CASEWORK_FUZZ_EXAMPLES", "8")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)
GET_SETTINGS = settings(FUZZ_SETTINGS, max_examples=4)


def _path_values(world, endpoint: str, arguments) -> dict:
    values = {}
    for argument in arguments:
        if argument in ARGUMENT_RECORDS:
            values[argument] = str(world.record_for(endpoint, argument).public_id)
        else:
            values[argument] = OTHER_ARGUMENTS.get(argument, "x")
    return values


def _url(app, endpoint: str, values: dict, query: dict | None = None) -> str:
    with app.test_request_context():
        return url_for(endpoint, **values, **(query or {}))


class Visitor:
    """One user of the fuzz: signed in once, reads the form afresh after anything was saved."""

    def __init__(self, app, client, world, endpoint: str, arguments, role: str | None):
        self.app, self.client, self.world, self.endpoint = app, client, world, endpoint
        self.role = role
        self.user = self.world.users[self.role] if self.role else None
        self.arguments = arguments
        self.form: HtmlForm | None = None
        #: After a save a form may be gone from its page (a case reopened has no reopen form):
        #: the last one read is posted again, as a browser's back button would.
        self.last_form: HtmlForm | None = None
        self.baseline = ""
        #: The database fingerprint as the last refused post left it (None: to be taken again).
        self.fingerprint: str | None = None
        if self.user is not None:
            assert sign_in(client, self.user).status_code == 302
        if endpoint.startswith("returns."):
            # A return already submitted for the period: submitting again is an amendment.
            world.record_for(endpoint, "snapshot_id")

    def post_url(self) -> str:
        return _url(self.app, self.endpoint, _path_values(self.world, self.endpoint, self.arguments))

    def read_form(self) -> HtmlForm:
        if self.form is not None:
            return self.form
        target = self.post_url()
        page_endpoint = FORM_PAGES.get(self.endpoint, self.endpoint)
        page_arguments = next(args for endpoint, args, _roles in GET_ROUTES if endpoint == page_endpoint)
        query = {key: value.format(today=london_today().isoformat())
                 for key, value in PAGE_QUERIES.get(self.endpoint, {}).items()}
        page_values = _path_values(self.world, self.endpoint, page_arguments)
        page_url = _url(self.app, page_endpoint, page_values, query)
        page = self.client.get(page_url)
        html = page.get_data(as_text=True)
        form = form_posting_to(html, page_url, urlsplit(target).path) or self.last_form
        assert form is not None, (
            f"{self.endpoint}: no form posting to {target} on {page_url} ({page.status_code}); "
            f"forms there: {[f.action for f in forms_on(html, page_url)]}"
        )
        self.form = self.last_form = form
        self.baseline = html
        return form

    def post(self, sent: MultiDict) -> None:
        """Post `sent` to the form and check the answer: never a server error; refused, nothing
        changed; nothing echoed unescaped."""
        before = self.fingerprint or fingerprint()
        response = self.client.post(self.form.action, data=sent)
        status = response.status_code
        assert status < 500, f"{self.endpoint} answered {status} to {dict(sent.lists())!r:.3000}"
        if status >= 400:
            self.fingerprint = fingerprint()
            assert self.fingerprint == before, (
                f"{self.endpoint} answered {status} but changed the database, "
                f"given {dict(sent.lists())!r:.3000}")
        else:
            self._saved_something()
        raw = unescaped(response.get_data(as_text=True), [value for _name, value in sent.items(multi=True)],
                        self.baseline)
        assert not raw, f"{self.endpoint} echoed unescaped markup: {raw!r:.500}"

    def _saved_something(self) -> None:
        """The last post was accepted: its token, version or submission id may be spent."""
        self.form = self.fingerprint = None
        if self.endpoint == "auth.sign_out_view":
            assert sign_in(self.client, self.user).status_code == 302


@pytest.fixture
def visitors(app, client, world):
    made = {}

    def _visitor(endpoint, arguments, role) -> Visitor:
        if endpoint not in made:
            made[endpoint] = Visitor(app, client, world, endpoint, arguments, role)
        return made[endpoint]

    return _visitor


def _usual(field: FormField, today) -> list[str]:
    """What a person filling the form in would send: what the page shows, else the first choice
    or something plausible."""
    if field.kind in ("hidden", "multi") or field.name == "csrf_token":
        return field.values or field.options[:1]
    if field.kind == "choice":
        return field.values[:1] or [option for option in field.options if option][:1]
    if any(field.values):
        return field.values
    return plausible_date(field.name, today) if field.kind == "date" else [plausible(field.name, today)]


def _generated(data, name: str) -> list[str] | None:
    """Generated text for a field: one value, several, or none at all."""
    how = data.draw(st.integers(0, 5), label=f"{name}: generated")
    if how == 5:
        return None
    if how == 4:
        return data.draw(st.lists(text_values, min_size=2, max_size=4), label=name)
    return [data.draw(text_values, label=name)]


def _another_choice(data, field: FormField) -> list[str]:
    if field.kind == "choice" and field.options:
        return [data.draw(st.sampled_from(field.options), label=field.name)]
    if field.kind == "multi" and field.options:
        return data.draw(st.lists(st.sampled_from(field.options), max_size=len(field.options), unique=True),
                         label=field.name)
    return []


def _post_data(data, form: HtmlForm) -> MultiDict:
    """Either one field generated and the rest as a person would fill them in, or every field
    independently usual, another valid choice, or generated."""
    today = london_today()
    fields = list(form.fields.values())
    chosen = {}
    if data.draw(st.booleans(), label="one field at a time"):
        field = data.draw(st.sampled_from(fields), label="the field")
        chosen[field.name] = _generated(data, field.name)
    else:
        for field in fields:
            how = data.draw(st.integers(0, 9), label=f"{field.name}: how")
            if field.name == "csrf_token" and how < 9:
                continue
            if how >= 6:
                chosen[field.name] = _generated(data, field.name)
            elif how >= 3 and field.kind in ("choice", "multi"):
                chosen[field.name] = _another_choice(data, field)
    items = []
    for field in fields:
        for value in chosen.get(field.name, _usual(field, today)) or []:
            items.append((field.name, value))
    if data.draw(st.integers(0, 4), label="add an unoffered field") == 0:
        name = data.draw(st.sampled_from(UNOFFERED), label="unoffered name")
        items.append((name, data.draw(text_values, label="unoffered value")))
    return MultiDict(items)


def test_every_post_route_is_fuzzed():
    assert len(POST_ROUTES) >= 30
    assert {endpoint for endpoint, _args, _role in POST_ROUTES} >= {
        "sessions.new", "sessions.edit", "cases.close", "referrals.decision", "auth.sign_in",
        "auth.sign_out_view",
    }


@pytest.mark.parametrize("endpoint,arguments,role", POST_ROUTES, ids=POST_IDS)
@FUZZ_SETTINGS
@given(data=st.data())
def test_any_input_to_any_form(visitors, endpoint, arguments, role, data):
    """Generated input to the form, as its user: never a 500; refused, nothing saved; escaped."""
    visitor = visitors(endpoint, arguments, role)
    visitor.post(_post_data(data, visitor.read_form()))


#: Text a person could paste into any box: control characters (NUL among them), other scripts,
#: markup and SQL, in a sentence long enough for any "at least N characters" rule.
PASTED = ("Pasted from elsewhere: a NUL \x00, a bell \x07, an escape \x1b[31m, 😀 \u202e ٣, "
          "<script>alert(1)</script> ' OR 1=1 --")


@pytest.mark.parametrize("endpoint,arguments,role", POST_ROUTES, ids=POST_IDS)
def test_each_text_box_takes_any_text(visitors, endpoint, arguments, role):
    """Each text box in turn gets pasted text, everything else filled in as a person would, so
    the text reaches the database whenever the form accepts it: never a 500; refused, nothing
    saved; escaped."""
    visitor = visitors(endpoint, arguments, role)
    today = london_today()
    names = [field.name for field in visitor.read_form().fields.values() if field.kind == "text"]
    for name in names:
        form = visitor.read_form()
        sent = MultiDict([(field.name, value) for field in form.fields.values()
                          for value in ([PASTED] if field.name == name else _usual(field, today))])
        visitor.post(sent)


# --- query strings ----------------------------------------------------------------------------------

#: Query parameters the pages read, with values that mean something to them.
QUERY_PARAMETERS = {
    "q": ["Test", "Person", "a"],
    "status": ["open", "closed", "all", "pending", "accepted", "declined", "awaiting_consent"],
    "programme": ["VIP", "REACH", "PHOENIX", "ALL"],
    "period": ["2024-25-Q1", "2024-25", "2024-04-01..2024-06-30"],
    "mode": ["internal", "shared"],
    "format": ["csv", "json"],
    "given_name": ["Test"],
    "family_name": ["Person"],
    "date_of_birth": ["2008-05-01", "1-5-2008"],
    "kind": ["intervention", "closing"],
    "instrument": ["VIP-PC", "SDQ"],
    "timepoint": ["pre", "post", "mid"],
    "completed_on": ["2024-06-03"],
    "timeline": ["all"],
    "page": ["1", "2"],
    "reviewed": ["abc"],
    "next": ["/cases", "https://example.org/"],
}


@pytest.fixture
def page_visit(app, client, world):
    """Signs in once for the test, remembers each page as it is without a query string and the
    database fingerprint before the first request (a GET never changes it)."""
    state = {"signed_in": False, "baselines": {}, "fingerprint": None}

    def _visit(role, path) -> dict:
        if role is not None and not state["signed_in"]:
            assert sign_in(client, world.users[role]).status_code == 302
            state["signed_in"] = True
        if path not in state["baselines"]:
            if state["fingerprint"] is None:
                state["fingerprint"] = fingerprint()
            state["baselines"][path] = client.get(path).get_data(as_text=True)
        return state

    return _visit


@pytest.mark.parametrize("endpoint,arguments,roles", GET_ROUTES, ids=[route[0] for route in GET_ROUTES])
@GET_SETTINGS
@given(data=st.data())
def test_any_query_string_to_any_page(app, client, world, page_visit, endpoint, arguments, roles, data):
    """Generated query strings (and path segments that name no record): never a 500, no data
    changed, escaped."""
    role = role_for(endpoint, roles)
    values = _path_values(world, endpoint, arguments)
    for argument in sorted(set(values) - set(ARGUMENT_RECORDS)):
        if data.draw(st.integers(0, 3), label=f"fuzz {argument}") == 0:
            segment = text_values.filter(lambda text: text.strip("./"))
            values[argument] = data.draw(segment, label=argument)
    names = data.draw(st.lists(st.sampled_from(sorted(QUERY_PARAMETERS)), min_size=1, max_size=4,
                               unique=True), label="parameters")
    query = MultiDict()
    for name in names:
        if data.draw(st.booleans(), label=f"{name}: meaningful"):
            query.add(name, data.draw(st.sampled_from(QUERY_PARAMETERS[name]), label=name))
        else:
            for value in data.draw(st.lists(text_values, min_size=1, max_size=2), label=name):
                query.add(name, value)
    path = _url(app, endpoint, values)
    base_path = _url(app, endpoint, _path_values(world, endpoint, arguments))
    state = page_visit(role, base_path)
    response = client.get(path, query_string=query)
    assert response.status_code < 500, (
        f"{endpoint} answered {response.status_code} to {path} {dict(query.lists())!r:.2000}")
    assert fingerprint() == state["fingerprint"], f"GET {endpoint} changed the database"
    if response.mimetype == "text/html":
        sent = [*(value for _name, value in query.items(multi=True)), *values.values()]
        raw = unescaped(response.get_data(as_text=True), sent, state["baselines"][base_path])
        assert not raw, f"{endpoint} echoed unescaped markup: {raw!r:.500}"
