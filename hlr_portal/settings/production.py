"""Production: everything from the environment, secure defaults, no fallbacks."""

from django.core.exceptions import ImproperlyConfigured

from hlr_portal import env

from .base import *  # noqa: F403
from .base import env_bool, env_int, env_list, env_str


def _required(name: str) -> str:
    try:
        return env.env_required(name)
    except env.EnvError as exc:
        raise ImproperlyConfigured(str(exc)) from None


SECRET_KEY = _required("SECRET_KEY")
DEBUG = False

# --- Deployment on the intranet (issue 15 item 10): required variables, HTTPS choice, e-mail -----------------
# Without these the portal would run on SQLite, in-process tasks or a host list meant for development.
for _name in ("DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"):
    _required(_name)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

# HTTPS=false is the operator's explicit choice for a plain-HTTP intranet install: cookies are then sent
# without the Secure flag (otherwise no login works over http://) and nothing redirects to https.
HTTPS = env_bool("HTTPS", True)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if SECURE_SSL_REDIRECT and not HTTPS:
    raise ImproperlyConfigured("SECURE_SSL_REDIRECT=true needs HTTPS=true.")
# The container healthcheck asks over plain HTTP from inside the container.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/workers|/live)?$"]

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
if EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend":
    EMAIL_HOST = _required("EMAIL_HOST")
    DEFAULT_FROM_EMAIL = _required("DEFAULT_FROM_EMAIL")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set only one of EMAIL_USE_TLS (STARTTLS, port 587) and EMAIL_USE_SSL (port 465).")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405
# --- end of the deployment block ----------------------------------------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "apps.core.static_storage.StaticFilesStorage"},  # whitenoise's, URLs kept
}
