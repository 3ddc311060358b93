"""Sign in, sign out, and the home page each role lands on."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from casework.auth.operations import attempt_sign_in, sign_out
from casework.security import ALL_ROLES, access, public
from forms.auth import SignInForm

bp = Blueprint("auth", __name__)

#: Where each role starts.
HOME_ENDPOINTS = {
    "youth_worker": "cases.caseload",
    "navigator": "cases.caseload",
    "manager": "dashboard.manager",
    "commissioner": "dashboard.commissioner",
    "enforcement_officer": "engagement.escalations",
    "administrator": "admin.users",
}


@bp.route("/")
@public
def index():
    if current_user.is_authenticated:
        return redirect(url_for("auth.home"))
    return redirect(url_for("auth.sign_in"))


@bp.route("/home")
@access(*ALL_ROLES)
def home():
    return redirect(url_for(HOME_ENDPOINTS[current_user.role]))


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in():
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("auth.home"))
    form = SignInForm()
    error = None
    if form.validate_on_submit():
        result = attempt_sign_in(form.email.data, form.password.data)
        if result.user is not None:
            session.clear()  # a fresh session at sign-in: nothing from before carries over
            login_user(result.user)
            session.permanent = True
            return redirect(url_for("auth.home"))
        error = result.error
    # A refused sign-in answers 200 so that its failure record and audit event commit (the unit
    # of work rolls back anything answered with 400 or more); a form with missing fields has
    # written nothing and answers 400.
    status = 400 if form.errors else 200
    return render_template("auth/sign_in.html", form=form, error=error), status


@bp.route("/sign-out", methods=["POST"])
@access(*ALL_ROLES)
def sign_out_view():
    sign_out(current_user._get_current_object())
    logout_user()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.sign_in"))
