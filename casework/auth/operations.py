"""Signing in and out, with throttling and audit."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, session

from casework.audit import record_event
from casework.auth.models import SignInFailure, User
from casework.db import db, utcnow
from casework.passwords import hash_password, needs_rehash, verify_password

#: One message for an unknown email and a wrong password, so the form reveals no accounts.
BAD_CREDENTIALS = "Enter a correct email address and password"
THROTTLED = "Too many failed attempts to sign in with this email address. Wait 15 minutes and try again."


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    error: str | None
    #: Refused for too many recent failures, whatever the password.
    throttled: bool = False


def _email_hash(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def attempt_sign_in(email: str, password: str) -> SignInResult:
    """Check credentials; record a failure or a success in the audit log either way.

    A user with too many recent failures is refused even with the right password, and the
    refusal reads the same for an account that does not exist.
    """
    email_hash = _email_hash(email)
    window_start = utcnow() - current_app.config["SIGN_IN_WINDOW"]
    failures = db.session.scalar(
        sa.select(sa.func.count()).select_from(SignInFailure).where(
            SignInFailure.email_hash == email_hash, SignInFailure.occurred_at >= window_start
        )
    )
    user = db.session.scalars(sa.select(User).where(User.email == email.strip().lower())).one_or_none()
    if failures >= current_app.config["SIGN_IN_MAX_FAILURES"]:
        record_event("sign_in.throttled", outcome="denied", record_type="sign_in", record_id=email_hash[:36])
        return SignInResult(None, THROTTLED, throttled=True)
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        db.session.add(SignInFailure(email_hash=email_hash))
        record_event(
            "sign_in.failure", outcome="failed", user=user, record_type="sign_in", record_id=email_hash[:36]
        )
        return SignInResult(None, BAD_CREDENTIALS)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_sign_in_at = utcnow()
    user.session_token = uuid.uuid4().hex
    record_event("sign_in.success", user=user, record=user)
    return SignInResult(user, None)


def sign_out(user: User) -> None:
    """End the user's session everywhere: the session token changes, so old cookies are dead."""
    user.session_token = uuid.uuid4().hex
    record_event("sign_out", user=user, record=user)
    session.clear()
