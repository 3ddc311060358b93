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
    error, status = None, 200
    if form.validate_on_submit():
        result = attempt_sign_in(form.email.data, form.password.data)
        if result.user is not None:
            session.clear()  # a fresh session at sign-in: nothing from before carries over
            login_user(result.user)
            session.permanent = True
            return redirect(url_for("auth.home"))
        # Refused like any form with an error (400), or for too many attempts (429); the unit of
        # work commits the failure record and audit event whatever the status.
        error, status = result.error, 429 if result.throttled else 400
    elif form.errors:
        status = 400
    return render_template("auth/sign_in.html", form=form, error=error), status


@bp.route("/sign-out", methods=["POST"])
@access(*ALL_ROLES)
def sign_out_view():
    sign_out(current_user._get_current_object())
    logout_user()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.sign_in"))
