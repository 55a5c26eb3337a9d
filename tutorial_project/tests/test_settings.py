"""Settings come from the environment and `.env` through python-decouple, and fail with a message naming the
variable."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from decouple import Config, Csv, RepositoryEmpty

from tutorial_project.env import SettingsError, env_file, load_config, read, require

REPO_ROOT = Path(__file__).resolve().parents[2]
SETTINGS_SOURCE = (REPO_ROOT / "tutorial_project" / "settings.py").read_text()
ENV_EXAMPLE_LINES = (REPO_ROOT / ".env.example").read_text().splitlines()

# Every variable settings.py reads, found the way a reader would: `read(config, "NAME", ...)`.
SETTINGS_VARIABLES = set(re.findall(r'read(?:_following_debug)?\(\s*config,\s*"(\w+)"', SETTINGS_SOURCE))
EXAMPLE_VARIABLE_LINE = re.compile(r"^([A-Z][A-Z0-9_]*)=")
EXAMPLE_VARIABLES = {match[1] for line in ENV_EXAMPLE_LINES if (match := EXAMPLE_VARIABLE_LINE.match(line))}

A_SECRET_KEY = "a-test-secret-key-that-is-long-enough-to-look-real-0123456789"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's shell (an exported DEBUG, say) out of these tests."""
    for name in SETTINGS_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def write_env_file(tmp_path: Path) -> Any:
    """Write a `.env` file with the given lines and return its path."""

    def write(*lines: str) -> Path:
        path = tmp_path / ".env"
        path.write_text("\n".join(lines) + "\n")
        return path

    return write


# --- No .env at all: a development setup ---------------------------------------------------------------------


def test_without_env_file_debug_is_on(settings_from_env: Any) -> None:
    assert settings_from_env()["DEBUG"] is True


def test_without_env_file_email_is_printed_on_the_console(settings_from_env: Any) -> None:
    assert settings_from_env()["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_without_env_file_the_database_is_sqlite_file_db_sqlite3_in_the_repo_root(settings_from_env: Any) -> None:
    database = settings_from_env()["DATABASES"]["default"]

    assert (database["ENGINE"], Path(database["NAME"])) == ("django.db.backends.sqlite3", REPO_ROOT / "db.sqlite3")


def test_without_env_file_the_secret_key_is_the_marked_development_key(settings_from_env: Any) -> None:
    secret_key = settings_from_env()["SECRET_KEY"]

    assert secret_key.startswith("django-insecure-")
    assert "development" in secret_key


def test_without_env_file_localhost_is_allowed(settings_from_env: Any) -> None:
    assert "localhost" in settings_from_env()["ALLOWED_HOSTS"]


# --- DEBUG=False needs real values -----------------------------------------------------------------------------


def test_debug_false_without_secret_key_stops_naming_secret_key(settings_from_env: Any) -> None:
    with pytest.raises(SettingsError, match="SECRET_KEY"):
        settings_from_env(DEBUG="False", ALLOWED_HOSTS="example.com")


def test_debug_false_without_allowed_hosts_stops_naming_allowed_hosts(settings_from_env: Any) -> None:
    with pytest.raises(SettingsError, match="ALLOWED_HOSTS"):
        settings_from_env(DEBUG="False", SECRET_KEY=A_SECRET_KEY)


def test_debug_false_with_secret_key_and_allowed_hosts_uses_them(settings_from_env: Any) -> None:
    namespace = settings_from_env(DEBUG="False", SECRET_KEY=A_SECRET_KEY, ALLOWED_HOSTS="example.com")

    assert (namespace["DEBUG"], namespace["SECRET_KEY"]) == (False, A_SECRET_KEY)


def test_allowed_hosts_is_parsed_as_a_comma_separated_list(settings_from_env: Any) -> None:
    namespace = settings_from_env(DEBUG="False", SECRET_KEY=A_SECRET_KEY, ALLOWED_HOSTS="example.com, www.example.com")

    assert namespace["ALLOWED_HOSTS"] == ["example.com", "www.example.com"]


# --- Malformed values ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("EMAIL_PORT", "abc"),
        ("DEBUG", "maybe"),
        ("EMAIL_USE_TLS", "perhaps"),
        ("ACTIVATION_LINK_MAX_AGE_HOURS", "soon"),
    ],
)
def test_a_malformed_value_stops_naming_the_variable_and_the_value(
    settings_from_env: Any, name: str, value: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        settings_from_env(**{name: value})

    assert f"{name}={value!r}" in str(raised.value)


def test_a_malformed_value_in_the_env_file_is_named_with_its_value(settings_from_env: Any, write_env_file: Any) -> None:
    path = write_env_file("EMAIL_PORT=abc")

    with pytest.raises(SettingsError, match="EMAIL_PORT='abc'"):
        settings_from_env(DJANGO_ENV_FILE=str(path))


# --- Precedence: environment > .env > default -------------------------------------------------------------------


def test_the_environment_beats_the_env_file(settings_from_env: Any, write_env_file: Any) -> None:
    path = write_env_file("EMAIL_HOST=from-the-file.example.com")

    namespace = settings_from_env(DJANGO_ENV_FILE=str(path), EMAIL_HOST="from-the-environment.example.com")

    assert namespace["EMAIL_HOST"] == "from-the-environment.example.com"


def test_the_env_file_beats_the_default(settings_from_env: Any, write_env_file: Any) -> None:
    path = write_env_file("EMAIL_HOST=from-the-file.example.com")

    assert settings_from_env(DJANGO_ENV_FILE=str(path))["EMAIL_HOST"] == "from-the-file.example.com"


def test_email_settings_come_from_the_environment_with_their_types(settings_from_env: Any) -> None:
    namespace = settings_from_env(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="smtp.example.com",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="True",
        EMAIL_HOST_USER="mailer",
        EMAIL_HOST_PASSWORD="hunter2",
        DEFAULT_FROM_EMAIL="Tasks <tasks@example.com>",
    )

    assert {name: namespace[name] for name in namespace if name.startswith("EMAIL_") or name.endswith("_EMAIL")} == {
        "EMAIL_BACKEND": "tutorial_project.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.com",
        "EMAIL_PORT": 587,
        "EMAIL_USE_TLS": True,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "hunter2",
        "EMAIL_TIMEOUT": 10,
        "DEFAULT_FROM_EMAIL": "Tasks <tasks@example.com>",
    }


# --- tutorial_project.env, unit by unit ------------------------------------------------------------------------


def test_env_file_is_dot_env_in_the_base_dir_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DJANGO_ENV_FILE", raising=False)

    assert env_file(tmp_path) == tmp_path / ".env"


def test_env_file_follows_django_env_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DJANGO_ENV_FILE", "/elsewhere/test.env")

    assert env_file(tmp_path) == Path("/elsewhere/test.env")


def test_load_config_reads_an_existing_file(write_env_file: Any) -> None:
    config = load_config(write_env_file("EMAIL_HOST=from-the-file.example.com"))

    assert read(config, "EMAIL_HOST", default="localhost") == "from-the-file.example.com"


def test_load_config_of_a_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "missing.env")

    assert read(config, "EMAIL_HOST", default="localhost") == "localhost"


def test_load_config_of_dev_null_gives_the_defaults() -> None:
    assert read(load_config(Path("/dev/null")), "EMAIL_HOST", default="localhost") == "localhost"


@pytest.mark.parametrize(("raw", "expected"), [("False", False), ("false", False), ("True", True), ("0", False)])
def test_read_with_cast_bool_parses_the_text(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("DEBUG", raw)

    assert read(Config(RepositoryEmpty()), "DEBUG", default=not expected, cast=bool) is expected


def test_read_with_cast_int_parses_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMAIL_PORT", "2525")

    assert read(Config(RepositoryEmpty()), "EMAIL_PORT", default=25, cast=int) == 2525


def test_read_with_cast_csv_splits_and_strips(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLOWED_HOSTS", "a.example.com , b.example.com")

    assert read(Config(RepositoryEmpty()), "ALLOWED_HOSTS", cast=Csv()) == ["a.example.com", "b.example.com"]


def test_read_of_an_unset_variable_without_default_names_it() -> None:
    with pytest.raises(SettingsError, match="SECRET_KEY is not set"):
        read(Config(RepositoryEmpty()), "SECRET_KEY")


def test_read_of_a_malformed_number_says_a_whole_number_is_expected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMAIL_PORT", "abc")

    with pytest.raises(SettingsError, match="not a valid whole number"):
        read(Config(RepositoryEmpty()), "EMAIL_PORT", default=25, cast=int)


def test_read_of_a_malformed_boolean_says_how_to_write_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "maybe")

    with pytest.raises(SettingsError, match="use True or False"):
        read(Config(RepositoryEmpty()), "DEBUG", default=True, cast=bool)


def test_require_returns_a_value_that_is_set() -> None:
    assert require(["example.com"], "ALLOWED_HOSTS", "when DEBUG is False") == ["example.com"]


@pytest.mark.parametrize("empty", ["", []])
def test_require_of_an_empty_value_stops_naming_the_variable_and_the_reason(empty: Any) -> None:
    with pytest.raises(SettingsError, match="ALLOWED_HOSTS must be set when DEBUG is False"):
        require(empty, "ALLOWED_HOSTS", "when DEBUG is False")


# --- .env.example documents the settings ------------------------------------------------------------------------


def test_settings_read_the_variables_this_test_expects() -> None:
    # Guards the regular expression above: if it stopped matching, the documentation tests would pass vacuously.
    assert {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_PORT", "FRONTEND_URL"} <= SETTINGS_VARIABLES


def test_env_example_documents_every_variable_settings_read() -> None:
    assert sorted(SETTINGS_VARIABLES - EXAMPLE_VARIABLES) == []


def test_env_example_documents_no_variable_settings_ignore() -> None:
    assert sorted(EXAMPLE_VARIABLES - SETTINGS_VARIABLES) == []


def test_every_variable_in_env_example_has_a_comment_line_above_it() -> None:
    undocumented = [
        line
        for previous, line in zip(["", *ENV_EXAMPLE_LINES[:-1]], ENV_EXAMPLE_LINES, strict=True)
        if EXAMPLE_VARIABLE_LINE.match(line) and not previous.startswith("#")
    ]

    assert undocumented == []


@pytest.mark.parametrize("name", ["SECRET_KEY", "EMAIL_HOST_PASSWORD"])
def test_env_example_holds_no_secret(name: str) -> None:
    assert f"{name}=" in ENV_EXAMPLE_LINES


# --- A .env that looks right must mean what it says (finding 5) ---------------------------------------------


def test_a_byte_order_mark_before_debug_false_still_turns_debug_off(settings_from_env: Any, tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text(f"DEBUG=False\nSECRET_KEY={A_SECRET_KEY}\nALLOWED_HOSTS=example.com\n", encoding="utf-8-sig")

    assert settings_from_env(DJANGO_ENV_FILE=str(path))["DEBUG"] is False


def test_export_lines_are_read_as_the_variables_they_export(settings_from_env: Any, write_env_file: Any) -> None:
    path = write_env_file("export DEBUG=False", f"export SECRET_KEY={A_SECRET_KEY}", "export ALLOWED_HOSTS=example.com")

    namespace = settings_from_env(DJANGO_ENV_FILE=str(path))

    assert (namespace["DEBUG"], namespace["SECRET_KEY"]) == (False, A_SECRET_KEY)


@pytest.mark.parametrize(("line", "suggestion"), [("debug=False", "DEBUG"), ("DEBGU=False", "DEBUG")])
def test_a_misspelled_or_lowercase_variable_stops_start_up_suggesting_the_right_one(
    settings_from_env: Any, write_env_file: Any, line: str, suggestion: str
) -> None:
    with pytest.raises(SettingsError, match=f"Did you mean {suggestion}"):
        settings_from_env(DJANGO_ENV_FILE=str(write_env_file(line)))


def test_django_env_file_naming_a_missing_file_stops_start_up(settings_from_env: Any, tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="names no file"):
        settings_from_env(DJANGO_ENV_FILE=str(tmp_path / "missing.env"))


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_an_env_file_that_is_not_utf8_stops_start_up_with_a_message(
    settings_from_env: Any, tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / ".env"
    path.write_text("DEFAULT_FROM_EMAIL=Société <noreply@example.com>\n", encoding=encoding)

    with pytest.raises(SettingsError, match="not UTF-8"):
        settings_from_env(DJANGO_ENV_FILE=str(path))


@pytest.mark.parametrize("key", ["x", "django-insecure-" + "k" * 50, "a" * 60])
def test_debug_false_with_a_weak_secret_key_stops_start_up(settings_from_env: Any, key: str) -> None:
    with pytest.raises(SettingsError, match="SECRET_KEY is too weak"):
        settings_from_env(DEBUG="False", SECRET_KEY=key, ALLOWED_HOSTS="example.com")


def test_an_inline_comment_is_not_part_of_the_value(settings_from_env: Any, write_env_file: Any) -> None:
    path = write_env_file(f"SECRET_KEY={A_SECRET_KEY}  # from the password manager")

    assert settings_from_env(DJANGO_ENV_FILE=str(path))["SECRET_KEY"] == A_SECRET_KEY


def test_a_hash_inside_a_value_is_kept(settings_from_env: Any, write_env_file: Any) -> None:
    path = write_env_file("EMAIL_HOST_PASSWORD=abc#def")

    assert settings_from_env(DJANGO_ENV_FILE=str(path))["EMAIL_HOST_PASSWORD"] == "abc#def"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ACTIVATION_LINK_MAX_AGE_HOURS", "-5"),
        ("ACTIVATION_LINK_MAX_AGE_HOURS", "0"),
        ("FRONTEND_URL", "localhost:8000"),
        ("EMAIL_PORT", "99999"),
        ("EMAIL_TIMEOUT", "0"),
        ("DB_PORT", "0"),
    ],
)
def test_a_value_out_of_range_stops_start_up_naming_it(settings_from_env: Any, name: str, value: str) -> None:
    environ = {name: value, "DB_NAME": "tasks"} if name == "DB_PORT" else {name: value}

    with pytest.raises(SettingsError, match=f"{name}={value!r}"):
        settings_from_env(**environ)


def test_a_misspelled_email_backend_stops_start_up_naming_it(settings_from_env: Any) -> None:
    with pytest.raises(SettingsError, match="EMAIL_BACKEND='django.core.mail.backends.smpt.EmailBackend'"):
        settings_from_env(EMAIL_BACKEND="django.core.mail.backends.smpt.EmailBackend")


def test_a_line_that_is_not_name_equals_value_stops_start_up_naming_the_line(
    settings_from_env: Any, write_env_file: Any
) -> None:
    with pytest.raises(SettingsError, match="line 2"):
        settings_from_env(DJANGO_ENV_FILE=str(write_env_file("DEBUG=True", "EMAIL_HOST smtp.example.com")))


# --- The database (findings 1 and PostgreSQL) ------------------------------------------------------------------


def test_sqlite_transactions_take_the_write_lock_when_they_begin(settings_from_env: Any) -> None:
    assert settings_from_env()["DATABASES"]["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_the_course_db_variables_select_postgresql_with_an_integer_port(settings_from_env: Any) -> None:
    database = settings_from_env(
        DB_NAME="tasks", DB_USER="course", DB_PASSWORD="pw", DB_HOST="db.example.com", DB_PORT="5433"
    )["DATABASES"]["default"]

    assert database == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "tasks",
        "USER": "course",
        "PASSWORD": "pw",
        "HOST": "db.example.com",
        "PORT": 5433,
    }


# --- Email, HTTPS and logging (findings 6, 8 and 9) ------------------------------------------------------------


def test_django_smtp_backend_is_replaced_by_the_one_with_a_deadline(settings_from_env: Any) -> None:
    namespace = settings_from_env(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_TIMEOUT="3")

    assert (namespace["EMAIL_BACKEND"], namespace["EMAIL_TIMEOUT"]) == ("tutorial_project.smtp.EmailBackend", 3)


HTTPS_SETTINGS = (
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
)


def test_debug_false_turns_on_every_https_setting(settings_from_env: Any) -> None:
    namespace = settings_from_env(DEBUG="False", SECRET_KEY=A_SECRET_KEY, ALLOWED_HOSTS="example.com")

    assert [name for name in HTTPS_SETTINGS if not namespace[name]] == []


def test_development_keeps_every_https_setting_off(settings_from_env: Any) -> None:
    namespace = settings_from_env()

    assert [name for name in HTTPS_SETTINGS if namespace[name]] == []


def test_an_https_setting_can_be_set_from_the_environment(settings_from_env: Any) -> None:
    namespace = settings_from_env(
        DEBUG="False", SECRET_KEY=A_SECRET_KEY, ALLOWED_HOSTS="example.com", SECURE_SSL_REDIRECT="False"
    )

    assert namespace["SECURE_SSL_REDIRECT"] is False


def test_with_debug_false_an_unhandled_exception_is_logged_to_the_console(
    settings_from_env: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging
    import logging.config

    from django.http import HttpRequest

    namespace = settings_from_env(DEBUG="False", SECRET_KEY=A_SECRET_KEY, ALLOWED_HOSTS="example.com")
    logging.config.dictConfig(namespace["LOGGING"])
    try:
        raise RuntimeError("the view broke")
    except RuntimeError:
        # What Django's handler does with an unhandled exception: django.request, level ERROR, with exc_info.
        logging.getLogger("django.request").error(
            "Internal Server Error: /", exc_info=True, extra={"request": HttpRequest()}
        )

    assert "RuntimeError: the view broke" in capsys.readouterr().err
