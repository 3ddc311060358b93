"""Password hashing with argon2id (argon2-cffi's defaults follow RFC 9106's recommendation).

The cost parameters come from the ARGON2_PARAMETERS setting when an application is running;
only the testing configuration lowers them, so a test suite that signs in hundreds of times
stays quick. Hashes record their own parameters, so verification always works.
"""

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

#: Minimum length for a new password (NCSC guidance favours length over composition rules).
MIN_PASSWORD_LENGTH = 12


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
