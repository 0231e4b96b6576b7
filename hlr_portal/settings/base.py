"""Settings read from the environment.

With nothing configured the portal runs on an embedded default: SQLite, a
local-memory cache and Celery tasks run in-process. Set DATABASE_URL and
REDIS_URL to run on PostgreSQL, Redis and a real Celery worker.
"""

import re
from datetime import date, timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Queue

from apps.accounts.roles import Role
from apps.core.client_ip import parse_networks
from hlr_portal import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent


# Every setting read from the environment goes through one of these (hlr_portal/env.py): a typo stops the
# process with ImproperlyConfigured and a message, never becomes a default or False.
def env_bool(name: str, default: bool = False) -> bool:
    """Strict: a typo such as "ture" stops the process (see hlr_portal/env.py)."""
    try:
        return env.env_bool(name, default)
    except env.EnvError as exc:
        raise ImproperlyConfigured(str(exc)) from None


def env_int(name: str, default: int, *, minimum: int | None = 0) -> int:
    """A whole number from the environment, by default not negative; anything else stops the process."""
    try:
        return env.env_int(name, default, minimum=minimum)
    except env.EnvError as exc:
        raise ImproperlyConfigured(str(exc)) from None


env_list = env.env_list
env_str = env.env_str


def env_choice(name: str, default: str, *, choices: tuple[str, ...]) -> str:
    """One of ``choices``; anything else stops the process."""
    try:
        return env.env_choice(name, default, choices=choices)
    except env.EnvError as exc:
        raise ImproperlyConfigured(str(exc)) from None


def env_choices(name: str, default: str, *, choices: tuple[str, ...]) -> list[str]:
    """A comma-separated list whose every item must be one of ``choices``; a typo stops the process."""
    values = env_list(name, default)
    unknown = [value for value in values if value not in choices]
    if unknown:
        raise ImproperlyConfigured(f"{name}: unknown value(s) {unknown}; expected some of {list(choices)}.")
    return values


DEBUG = env_bool("DEBUG", False)
# Development-only fallback; production.py refuses to start without SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "django_celery_beat",
    "axes",
    "django_cas_ng",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "auditlog",
    # rest_framework itself is deliberately not installed: its zh_Hans catalogue would replace
    # Django's own form messages site-wide. The API gives its own Chinese messages (apps.oversight.risks.api_auth).
    "drf_spectacular",
    # The portal's apps, lowest layer first (the import-linter contract in pyproject.toml keeps this order).
    "apps.core",
    "apps.regions",
    "apps.accounts",
    "apps.notifications",
    "apps.audit",
    "apps.registry",
    "apps.standards",
    "apps.campaigns",
    "apps.surveys",
    "apps.applications",
    "apps.oversight",
    "apps.offices",
    "apps.reports",
    "apps.home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "apps.core.middleware.RequestSizeLimitMiddleware",
    "apps.core.middleware.InvalidCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: records the signed-in user (and address) as the actor of every audited change.
    "apps.audit.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle and absolute session limits (SESSION_IDLE_TIMEOUT, SESSION_COOKIE_AGE), then two-factor login
    # for the roles that need it (OTP_REQUIRED_ROLES), then password renewal.
    "apps.accounts.middleware.SessionTimeoutMiddleware",
    "apps.accounts.middleware.OTPMiddleware",
    "apps.accounts.middleware.TwoFactorMiddleware",
    # A temporary or expired password: every page leads to the change form until it is replaced.
    "apps.accounts.middleware.PasswordRenewalMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # django-csp's, the headers built once (apps/core/middleware.py).
    "apps.core.middleware.ContentSecurityPolicyMiddleware",
    "apps.core.middleware.DatabaseUnavailableMiddleware",
]

# Widgets render through TEMPLATES, so templates/django/forms/ can adjust them once for every form
# (an empty choice reads "请选择", not "---------"); selects are written in Python (apps/core/renderers.py).
FORM_RENDERER = "apps.core.renderers.FormRenderer"

ROOT_URLCONF = "hlr_portal.urls"
WSGI_APPLICATION = "hlr_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.home.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Behind PgBouncer in transaction pooling (DATABASE_POOLER=transaction) a server-side cursor cannot outlive
# its transaction's server connection, so Django reads .iterator() results client-side instead.
DATABASE_POOLER = env_choice("DATABASE_POOLER", "none", choices=("none", "transaction"))
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = DATABASE_POOLER == "transaction"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # Pages must keep working while Redis is down: cache errors count as
    # misses (and are logged) instead of failing the request.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hlr",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 2},
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's model backend, the signed-in user read from a kept copy (apps/accounts/kept_user.py).
    "apps.accounts.kept_user.KeptUserBackend",
    "apps.accounts.oidc.UnifiedIdentityBackend",  # does nothing unless OIDC_ENABLED
    "apps.accounts.oidc.UnifiedCASBackend",  # does nothing unless CAS_ENABLED
]
# Unified login (统一身份认证) through the province's OpenID Connect platform, beside passwords. A first
# login records the person for a system admin to link to a portal account (设置 › 统一身份认证账号).
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "统一身份认证平台")
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid profile email phone")
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:unified_callback"
OIDC_CREATE_USER = True  # reaches UnifiedIdentityBackend.create_user, which records the identity instead
LOGIN_REDIRECT_URL_FAILURE = "/accounts/unified/pending/"
# The same through a CAS server (CAS 3.0 protocol, django-cas-ng), for platforms that speak CAS.
CAS_ENABLED = env_bool("CAS_ENABLED", False)
CAS_PROVIDER_NAME = env_str("CAS_PROVIDER_NAME", "统一身份认证平台（CAS）")
CAS_SERVER_URL = env_str("CAS_SERVER_URL")
CAS_VERSION = "3"
CAS_NAME_ATTRIBUTE = env_str("CAS_NAME_ATTRIBUTE", "full_name")
CAS_CREATE_USER = False
CAS_REDIRECT_URL = "/home/"  # where LOGIN_REDIRECT_URL (home:home) leads
if CAS_ENABLED and not CAS_SERVER_URL:
    raise ImproperlyConfigured("CAS_ENABLED needs CAS_SERVER_URL")
if OIDC_ENABLED and not all((OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET, OIDC_OP_AUTHORIZATION_ENDPOINT,
                             OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_USER_ENDPOINT, OIDC_OP_JWKS_ENDPOINT)):
    raise ImproperlyConfigured("OIDC_ENABLED needs OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET and the four "
                               "OIDC_OP_*_ENDPOINT addresses")
# 等保 2.0 level 3 (身份鉴别): at least 8 characters of three classes without the username, no reuse of the last
# PASSWORD_HISTORY_COUNT passwords, renewal after PASSWORD_MAX_AGE_DAYS (apps.accounts.validators, .passwords).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "apps.accounts.validators.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "apps.accounts.validators.PasswordHistoryValidator"},
]
PASSWORD_HISTORY_COUNT = env_int("PASSWORD_HISTORY_COUNT", 5, minimum=0)
# Roles that must pass a code from an authenticator app (TOTP) after the password: those who administer others.
# The roles are read from apps.accounts.roles, which defines no model and reads no setting.
OTP_REQUIRED_ROLES = env_choices(
    "OTP_REQUIRED_ROLES", "system_admin,security_admin,audit_admin,city_admin,county_admin",
    choices=tuple(Role.values))
OTP_TOTP_ISSUER = "HLR Portal"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "home:index"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60, minimum=60)
# A password older than this many days must be renewed at the next request (0: passwords never expire).
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 90, minimum=0)
# Every signed-in request reads its session: from Redis (one GET, ~0.3 ms) with the database behind it, not from
# PostgreSQL (a query, ~1.5 ms wall under load, docs/benchmarks.md "What every request pays"). Writes still go to
# the database first, so a session outlives a Redis restart; with Redis down sessions are read from the database.
SESSION_ENGINE = "apps.accounts.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A signed-in session with no request for this many seconds is logged out (0: no idle limit); 等保 2.0 asks for one.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60, minimum=0)

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs, e.g. the TLS proxy's
# "10.0.0.5" or "172.16.0.0/12"); empty: nobody's. apps/core/client_ip.py reads the client's address from
# them for the lockout above, the rate limits and the audit trail.
TRUSTED_PROXIES = parse_networks(env_list("TRUSTED_PROXIES"))
AXES_CLIENT_IP_CALLABLE = "apps.core.client_ip.client_ip"
RATELIMIT_IP_META_KEY = "apps.core.client_ip.client_ip"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates on pages go through the language's formats ({{ day|date:"DATE_FORMAT" }}), never a format written per language.
FORMAT_MODULE_PATH = ["hlr_portal.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded evidence and generated reports: never under the static web root,
# served only through permission-checked views.
# The outer limit on any request body; each upload form checks its own, smaller limit.
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 25 * 1024 * 1024, minimum=1)
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media")))
# An office's own Word templates (letterhead, fonts), searched before the shipped templates/docx/ (apps/core/docx.py).
DOCX_TEMPLATE_DIRS = [Path(path) for path in env_list("HLR_DOCX_TEMPLATE_DIRS")]
# Where private files live: "filesystem" (PRIVATE_MEDIA_ROOT, one machine) or "s3" (an S3-compatible object
# store that every web and worker machine reaches; apps/core/storage.py). The bucket is private: files are
# streamed by permission-checked views, never linked.
PRIVATE_STORAGE = env_choice("PRIVATE_STORAGE", "filesystem", choices=("filesystem", "s3"))
PRIVATE_S3 = {
    "endpoint_url": env_str("S3_ENDPOINT_URL"),
    "bucket_name": env_str("S3_BUCKET", "hlr-private"),
    "access_key": env_str("S3_ACCESS_KEY"),
    "secret_key": env_str("S3_SECRET_KEY"),
    "region_name": env_str("S3_REGION", "us-east-1"),
}
if PRIVATE_STORAGE == "s3" and not (PRIVATE_S3["endpoint_url"] and PRIVATE_S3["access_key"]):
    raise ImproperlyConfigured("PRIVATE_STORAGE=s3 needs S3_ENDPOINT_URL, S3_ACCESS_KEY and S3_SECRET_KEY")

# Everything is served from our own origin (government intranets have no
# internet). Inline scripts need the per-request nonce: <script nonce="{{ request.csp_nonce }}">.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The machine API for other government systems (/api/v1/): token per source
# system (apps.oversight.risks.api), JSON only, errors in the active language (Chinese).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["apps.oversight.risks.api_auth.ApiClientTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["apps.oversight.risks.api_auth.IsApiClient"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["apps.oversight.risks.api_auth.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "apps.oversight.risks.api_auth.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "HLR Portal API",
    "DESCRIPTION": "和谐劳动关系创建活动管理平台对外接口：其他政务系统推送风险事件。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
}

# Every django-filter filter is a list page's filter: its blank choice means no filter, so it says 全部 ("All"), not
# the 请选择 ("Please choose") of a form field whose choice is required.
FILTERS_EMPTY_CHOICE_LABEL = _("全部")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Named units' yearly report (年度工作报告) is due by this month-day each year; the reminder task
# notifies units whose report is still missing after it.
YEARLY_REPORT_DUE = env_str("YEARLY_REPORT_DUE", "11-30").strip()
if not re.fullmatch(r"\d{2}-\d{2}", YEARLY_REPORT_DUE):
    raise ImproperlyConfigured(f"YEARLY_REPORT_DUE={YEARLY_REPORT_DUE!r} must be a month-day such as 11-30.")
try:
    date(2000, *(int(part) for part in YEARLY_REPORT_DUE.split("-")))  # a leap year: 02-29 is a day
except ValueError:
    raise ImproperlyConfigured(f"YEARLY_REPORT_DUE={YEARLY_REPORT_DUE!r} is not a day of the year.") from None

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Two queues: long document builds (yearly reports, the province export) and everything else. A worker
# started without -Q serves both (one machine); a province gives builds their own workers
# (`celery worker -Q reports` beside `celery worker -Q celery`, docker-compose profile "multinode").
CELERY_TASK_QUEUES = (Queue("celery"), Queue("reports"))
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    "apps.reports.tasks.report_build_task": {"queue": "reports"},
    "apps.applications.named_units.tasks.province_export_build_task": {"queue": "reports"},
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
# Deployment (issue 15): no task runs unbounded. The soft limit raises SoftTimeLimitExceeded inside the task
# (its job is then marked failed and can be retried); the hard limit kills the worker process.
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 30 * 60, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", CELERY_TASK_SOFT_TIME_LIMIT + 5 * 60, minimum=1)
if CELERY_TASK_TIME_LIMIT <= CELERY_TASK_SOFT_TIME_LIMIT:
    raise ImproperlyConfigured("CELERY_TASK_TIME_LIMIT must be longer than CELERY_TASK_SOFT_TIME_LIMIT.")
# Beat writes a heartbeat through the worker; /healthz/workers calls it stale after this many seconds.
BEAT_HEARTBEAT_MAX_AGE = env_int("BEAT_HEARTBEAT_MAX_AGE", 5 * 60, minimum=60)
# Audit entries are kept at least 180 days (the database refuses less, apps/audit/migrations/0003); with
# AUDIT_RETENTION_DAYS set, the monthly purge removes older ones. 0 keeps everything for ever.
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 0, minimum=0)
if 0 < AUDIT_RETENTION_DAYS < 180:
    raise ImproperlyConfigured(f"AUDIT_RETENTION_DAYS={AUDIT_RETENTION_DAYS}: audit records are kept at least 180 days")
# Rate limits protect public forms from abuse; if Redis is down they let
# requests through rather than lock everyone out (one-answer-per-device
# checks live in the database and still hold).
RATELIMIT_FAIL_OPEN = True

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Text messages for returns, decisions and deadlines (apps/notifications/sms.py): "console" writes them to the
# log; "http" posts them to the government SMS gateway. Users choose the channel on their profile page.
SMS_BACKEND = env_choice("SMS_BACKEND", "console", choices=("console", "http"))
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL")
SMS_GATEWAY_TOKEN = env_str("SMS_GATEWAY_TOKEN")
SMS_SIGNATURE = env_str("SMS_SIGNATURE", "和谐劳动关系")
if SMS_BACKEND == "http" and not SMS_GATEWAY_URL:
    raise ImproperlyConfigured("SMS_BACKEND=http needs SMS_GATEWAY_URL")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "hlr-portal@localhost")
if env_str("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH")

# Anonymous survey submissions allowed per IP address and survey (django-ratelimit syntax).
SURVEY_RATE_LIMIT = env_str("SURVEY_RATE_LIMIT", "60/h")

# A review item is flagged when two panel members' scores differ by more than this share of the item's range
# (apps/applications/reviews/results.py, ``disagreements``).
PANEL_DISAGREEMENT_SHARE = env_str("PANEL_DISAGREEMENT_SHARE", "0.3")

PORTAL_NAME = _("和谐劳动关系创建活动管理平台")
# The portal's public address (e.g. https://hlr.example.gov.cn), the base of every absolute link it hands out:
# survey QR codes, certificate QR codes, links in e-mails (apps.core.links.absolute_url).
# Empty: taken from the request that shows the link (e-mails sent by the worker then say http://localhost).
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL")

# Audit trail (django-auditlog); apps/audit adds each entry's region and application.
# Changes keep their JSON types (None, numbers, booleans) so the viewer can show them in Chinese.
AUDITLOG_STORE_JSON_CHANGES = True
# Fixture loading (loaddata) is set-up, not a change anyone made.
AUDITLOG_DISABLE_ON_RAW_SAVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_choice(
        "LOG_LEVEL", "INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"))},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
