"""Password hashing with argon2id (argon2-cffi's defaults follow RFC 9106's recommendation), and
the one password policy every place that sets a password applies (`password_problem`).

The cost parameters come from the ARGON2_PARAMETERS setting when an application is running;
only the testing configuration lowers them, so a test suite that signs in hundreds of times
stays quick. Hashes record their own parameters, so verification always works.
"""

import re
from functools import lru_cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

#: Minimum length for a new password (NCSC guidance favours length over composition rules).
MIN_PASSWORD_LENGTH = 12

#: Digits, symbols and spaces people put round a common word ("Password1234!", " letmein123").
_DECORATION = re.compile(r"^[\W\d_]+|[\W\d_]+$")
#: Look-alike characters read back as the letters they stand for ("p@ssw0rd" is "password").
_LOOK_ALIKES = str.maketrans("@4301$5!7", "aaeoissit")
#: A short run of characters repeated to make up the length ("abcabcabcabc", "121212121212").
_REPEATED = re.compile(r"^(.{1,4})\1+$", re.DOTALL)


@lru_cache(maxsize=4)
def _hasher_for(parameters: tuple) -> PasswordHasher:
    return PasswordHasher(**dict(parameters))


def _hasher() -> PasswordHasher:
    parameters = current_app.config.get("ARGON2_PARAMETERS") if has_app_context() else None
    return _hasher_for(tuple(sorted((parameters or {}).items())))


@lru_cache(maxsize=4)
def _dummy_hash(hasher: PasswordHasher) -> str:
    return hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    """An argon2id hash of `password`."""
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches; an unknown user (no hash) costs the same time and fails."""
    hasher = _hasher()
    try:
        return hasher.verify(password_hash or _dummy_hash(hasher), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters than those configured now."""
    return _hasher().check_needs_rehash(password_hash)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The shipped list of common and breached passwords (casework/data/common_passwords.txt),
    lower-cased: entries of 12 characters or more are refused as they are, shorter ones are bases
    refused with only digits, symbols or spaces round them."""
    text = resources.files("casework").joinpath("data/common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().casefold() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def password_problem(password: str | None) -> str | None:
    """Why `password` may not be set, as a GOV.UK error message, or None when it may.

    NCSC guidance: length and a deny list rather than composition rules. Refused are an empty
    password, spaces only, fewer than MIN_PASSWORD_LENGTH characters (not counting spaces at
    either end), one character or a short run repeated, and anything on the shipped list of
    common passwords, compared case-insensitively and with look-alikes read as letters.
    """
    if not password:
        return "Enter a password"
    if not password.strip():
        return "Password must include letters, numbers or symbols, not only spaces"
    typed = password.strip()
    if len(typed) < MIN_PASSWORD_LENGTH:
        return f"Password must be {MIN_PASSWORD_LENGTH} characters or more"
    lowered = typed.casefold()
    if _REPEATED.fullmatch(lowered):
        return "Password must not be one character or a short group of characters repeated"
    known = common_passwords()
    core = _DECORATION.sub("", lowered)
    if lowered in known or core in known or core.translate(_LOOK_ALIKES) in known \
            or lowered.translate(_LOOK_ALIKES) in known:
        return "Password is too easy to guess because it is a commonly used password. Choose a different password"
    return None
