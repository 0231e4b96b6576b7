"""What the tests' stand-in identity platforms (tests/oidc_provider, tests/cas_server) share: each is a small
Django project of its own, run in its own process on its own SQLite database by tests/servers.py."""

import os


def stand_in(*, name: str, app: str, database_variable: str, templates: list | None = None) -> dict:
    """The settings of the stand-in ``name`` (its package under tests/) running ``app``.

    Its cookies carry its own names, so that a browser holding the portal's cookies for 127.0.0.1 keeps both.
    """
    return {
        "SECRET_KEY": f"{name}-for-the-tests-only-0123456789",
        "DEBUG": False,
        "ALLOWED_HOSTS": ["127.0.0.1", "localhost"],
        "ROOT_URLCONF": f"tests.{name}.urls",
        "INSTALLED_APPS": ["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions",
                           "django.contrib.messages", app],
        "MIDDLEWARE": [
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
        ],
        "TEMPLATES": [{
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": templates or [],
            "APP_DIRS": True,
            "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                               "django.contrib.auth.context_processors.auth",
                                               "django.contrib.messages.context_processors.messages"]},
        }],
        "DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ[database_variable]}},
        "DEFAULT_AUTO_FIELD": "django.db.models.AutoField",
        "USE_TZ": True,
        "SESSION_COOKIE_NAME": f"{name}_sessionid",
        "CSRF_COOKIE_NAME": f"{name}_csrftoken",
    }
