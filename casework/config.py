"""Configuration classes. Choose one with CASEWORK_ENV (production, development, testing);
production is the default so that a forgotten setting fails closed."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

#: Values that must never be accepted as a production secret key.
_PLACEHOLDER_KEYS = {"", "change-me", "changeme", "secret", "dev", "development"}


class ConfigurationError(RuntimeError):
    """Raised at start-up when the configuration is unsafe or incomplete."""


class Config:
    ENV_NAME = "production"
    TESTING = False
    DEBUG = False
    SERVICE_NAME = "Casework"
    ORGANISATION_NAME = "Violence Reduction Network"
    SESSION_COOKIE_NAME = "casework_session"
    SESSION_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    MAX_CONTENT_LENGTH = 20 * 1024 * 1024
    #: Failed sign-ins for one email address within SIGN_IN_WINDOW before sign-in is refused.
    SIGN_IN_MAX_FAILURES = 5
    SIGN_IN_WINDOW = timedelta(minutes=15)
    TIMEZONE = "Europe/London"
    ENGINE_OPTIONS: dict = {}
    #: Monitoring returns' disclosure control in shared mode: counts from 1 to this are shown as
    #: "c"; percentages need a base of at least RETURNS_MIN_BASE; optional rounding to a multiple.
    RETURNS_SUPPRESS_UP_TO = 4
    RETURNS_MIN_BASE = 10
    RETURNS_ROUND_TO: int | None = None
    #: argon2id cost; empty means argon2-cffi's defaults (RFC 9106 low-memory profile).
    ARGON2_PARAMETERS: dict = {}

    def __init__(self, instance_path: str):
        self.INSTANCE_PATH = instance_path
        self.DATABASE_URL = os.environ.get("CASEWORK_DATABASE_URL") or (
            "sqlite:///" + str(Path(instance_path) / "casework.db")
        )
        self.SECRET_KEY = os.environ.get("CASEWORK_SECRET_KEY", "")

    def validate(self) -> None:
        key = self.SECRET_KEY or ""
        if key.strip().lower() in _PLACEHOLDER_KEYS or len(key) < 32:
            raise ConfigurationError(
                "CASEWORK_SECRET_KEY must be set to a random value of at least 32 characters "
                "in production (for example: python -c 'import secrets; print(secrets.token_hex(32))')."
            )


class DevelopmentConfig(Config):
    """For `make run` on one machine: a secret key kept in instance/, so sign-ins survive restarts."""

    ENV_NAME = "development"

    def __init__(self, instance_path: str):
        super().__init__(instance_path)
        if not self.SECRET_KEY:
            self.SECRET_KEY = _instance_secret(Path(instance_path))

    def validate(self) -> None:
        pass


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    #: Cheap hashing so hundreds of test sign-ins stay quick; never used outside tests.
    ARGON2_PARAMETERS = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}

    def __init__(self, instance_path: str):
        super().__init__(instance_path)
        self.DATABASE_URL = os.environ.get("CASEWORK_TEST_DATABASE_URL", self.DATABASE_URL)
        self.SECRET_KEY = secrets.token_hex(32)

    def validate(self) -> None:
        pass


CONFIGS = {"production": Config, "development": DevelopmentConfig, "testing": TestingConfig}


def load_config(instance_path: str, env_name: str | None = None) -> Config:
    """Build the configuration object named by CASEWORK_ENV (or `env_name`)."""
    name = env_name or os.environ.get("CASEWORK_ENV", "production")
    try:
        cls = CONFIGS[name]
    except KeyError:
        raise ConfigurationError(f"CASEWORK_ENV must be one of {', '.join(CONFIGS)}; got {name!r}.") from None
    return cls(instance_path)


def _instance_secret(instance: Path) -> str:
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
