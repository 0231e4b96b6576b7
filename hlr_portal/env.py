"""Strict reading of the environment: a typo or a missing production variable stops the process with a message.

Imported by the settings, by gunicorn.conf.py and by the container healthcheck, so it must not import Django.
"""

import os

TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off"})


class EnvError(Exception):
    """A badly set variable; the settings turn it into ImproperlyConfigured."""


def env_bool(name: str, default: bool = False) -> bool:
    """``true/false``, ``yes/no``, ``on/off`` or ``1/0`` (any case); unset or empty gives ``default``.

    Anything else ("ture", "Y", "enabled") stops the process: a misspelt
    HTTPS=flase must never silently turn into an insecure or a broken install.
    """
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in TRUE:
        return True
    if raw in FALSE:
        return False
    raise EnvError(f"{name}={os.environ[name]!r} is not a boolean: write true or false.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise EnvError(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise EnvError(f"{name}={value} must be at least {minimum}.")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise EnvError(f"{name} must be set in production (see .env.example).")
    return value


def env_str(name: str, default: str = "") -> str:
    """The variable as written (no stripping: a password may end in a space); unset gives ``default``."""
    return os.environ.get(name, default)


def env_choice(name: str, default: str, *, choices: tuple[str, ...]) -> str:
    """One of ``choices`` (any case, surrounding spaces ignored), returned as written in ``choices``.

    Unset or empty gives ``default``; anything else ("s3 " is fine, "S3-compatible" is not) stops the process.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    for choice in choices:
        if raw.lower() == choice.lower():
            return choice
    allowed = f"{', '.join(choices[:-1])} or {choices[-1]}" if len(choices) > 1 else choices[0]
    raise EnvError(f"{name} must be {allowed}, not {raw!r}")
