"""Configuration fails closed."""

import pytest

from casework import create_app
from casework.config import Config, ConfigurationError, load_config


@pytest.mark.parametrize("key", ["", "change-me", "short"])
def test_production_refuses_to_start_without_a_real_secret_key(tmp_path, monkeypatch, key):
    monkeypatch.setenv("CASEWORK_SECRET_KEY", key)
    monkeypatch.setenv("CASEWORK_DATABASE_URL", f"sqlite:///{tmp_path}/x.db")
    with pytest.raises(ConfigurationError, match="CASEWORK_SECRET_KEY"):
        create_app(Config(str(tmp_path)))


def test_production_starts_with_a_long_random_key(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEWORK_SECRET_KEY", "a" * 16 + "b7c9e2f4d6a8b0c1e3f5a7b9c2d4e6f8")
    monkeypatch.setenv("CASEWORK_DATABASE_URL", f"sqlite:///{tmp_path}/x.db")
    app = create_app(Config(str(tmp_path)))
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_unknown_environment_name_is_refused(tmp_path):
    with pytest.raises(ConfigurationError, match="CASEWORK_ENV"):
        load_config(str(tmp_path), "staging-ish")


def test_database_url_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEWORK_DATABASE_URL", "postgresql+psycopg://u@127.0.0.1:1/db")
    assert Config(str(tmp_path)).DATABASE_URL == "postgresql+psycopg://u@127.0.0.1:1/db"


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("CASEWORK_DATABASE_URL", raising=False)
    assert Config(str(tmp_path)).DATABASE_URL == f"sqlite:///{tmp_path}/casework.db"
