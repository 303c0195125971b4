"""Settings for the career path advisor. Everything deployment-specific comes
from the environment through the strict readers in advisor.env."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from advisor.env import env_bool, env_choice, env_database, env_int, env_list, env_rate, env_str, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = secret_key(DEBUG)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "simple_history",
    "advisor.accounts",
    "advisor.catalogue",
    "advisor.questionnaire",
    "advisor.reports",
]

MIDDLEWARE = [
    # First, so the request log times everything and sees every response, and the
    # health probe is answered before the host check and the HTTPS redirect.
    "advisor.middleware.request_log",
    "advisor.middleware.health",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Inside the user, language and htmx middleware, so their 400 pages are normal pages.
    "advisor.middleware.refuse_nul_in_query",
    "advisor.middleware.refuse_tampered_admin_selection",
    # Outside the 405 page below, so that page is marked private too.
    "advisor.middleware.private_pages",
    "advisor.middleware.friendly_method_not_allowed",
    "advisor.csp.ContentSecurityPolicy",
]

# --- Content-Security-Policy (django-csp; advisor/csp.py lets the admin keep inline styles) ---
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # Bootstrap draws its form icons as data: SVGs
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# The benchmark (bench/) adds its bare baseline view through its own URLconf.
ROOT_URLCONF = env_str("DJANGO_URLCONF", "advisor.urls")
WSGI_APPLICATION = "advisor.wsgi.application"

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
            ],
            # {% gap %}, {% bracket %}, {% colon %}, {% stop %}: punctuation in the active language, in every template.
            "builtins": ["advisor.typography"],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English and Simplified Chinese; catalogue texts carry both, UI strings go through gettext.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("简体中文"))]
# Ours (made by `make messages`), then Chinese for installed packages that ship none
# (django-axes), kept by hand; the first wins where both have a string.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_packages"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Production serves hashed, compressed files from `collectstatic`; development and
# tests read them straight from the apps and static/ (no collect step needed).
STATIC_MANIFEST = env_bool("DJANGO_STATIC_MANIFEST", not DEBUG)
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# The largest catalogue file the admin's import and import_catalogue accept, in bytes.
CATALOGUE_IMPORT_MAX_BYTES = env_int("DJANGO_CATALOGUE_IMPORT_MAX_BYTES", 2 * 1024 * 1024)
if CATALOGUE_IMPORT_MAX_BYTES < 1024:
    raise ImproperlyConfigured("DJANGO_CATALOGUE_IMPORT_MAX_BYTES must be at least 1024.")

# No rendered page is kept: results and reports are rendered on every request
# (docs/architecture.md, "Fast under load" in the README).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Rate-limit counters (advisor/limits.py). "local" counts in each
    # process, so N processes let N times the limit through; "database" is one
    # table all processes and servers share (`manage.py createcachetable`, which bin/serve runs).
    "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"}
    if env_choice("DJANGO_RATE_LIMIT_CACHE", "local", ("local", "database")) == "local"
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "advisor_rate_limits"},
}

# Sessions live in the database so several app servers behind a load balancer share them.
SESSION_ENGINE = "advisor.sessions"  # the database, refusing keys Django never makes
SESSION_COOKIE_AGE = 60 * 60 * 24 * 90
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# HTTPS only, like the secure cookies, unless debug is on; `make serve` (plain HTTP) turns
# them off. Behind a TLS proxy, DJANGO_BEHIND_PROXY tells Django which requests came in over HTTPS.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
if SECURE_HSTS_SECONDS < 0:
    raise ImproperlyConfigured("DJANGO_HSTS_SECONDS must be 0 (off) or more.")
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
REFERRER_POLICY = "same-origin"

CSRF_FAILURE_VIEW = "advisor.errors.csrf_failure"
# handler500 (advisor/urls.py) answers a database outage with a 503 page, not a 500.

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "accounts:login"
# After logging in: My reports, unless `next` says where the person was going.
LOGIN_REDIRECT_URL = "reports:list"
AUTHENTICATION_BACKENDS = ["advisor.accounts.backends.UsernameOrEmailBackend"]
LOGOUT_REDIRECT_URL = "home"

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if env_bool("DJANGO_SMTP", False)
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "advisor@localhost")
# The password-reset mail is sent on a background thread after the response
# (advisor/after_response.py). Off, it is sent as the response closes, on the
# request's thread: the tests, so that the test client's outbox is filled at once.
AFTER_RESPONSE_IN_BACKGROUND = env_bool("DJANGO_AFTER_RESPONSE_IN_BACKGROUND", True)
# "E-mail me this link" on a report: at most this many mails per address and per
# client (IP address) in each window of REPORT_EMAIL_WINDOW seconds.
REPORT_EMAIL_PER_ADDRESS = env_int("DJANGO_REPORT_EMAIL_PER_ADDRESS", 3)
REPORT_EMAIL_PER_CLIENT = env_int("DJANGO_REPORT_EMAIL_PER_CLIENT", 10)
REPORT_EMAIL_WINDOW = env_int("DJANGO_REPORT_EMAIL_WINDOW", 60 * 60)
if min(REPORT_EMAIL_PER_ADDRESS, REPORT_EMAIL_PER_CLIENT, REPORT_EMAIL_WINDOW) < 1:
    raise ImproperlyConfigured("DJANGO_REPORT_EMAIL_PER_ADDRESS, _PER_CLIENT and _WINDOW must be at least 1.")

# One JSON object a line on standard error (gunicorn passes it on): a line per request
# (advisor.requests), catalogue imports and versions (advisor.catalogue), report
# claims (advisor.reports), and Django's warnings and errors. Paths are redacted.
LOG_LEVEL = env_choice("DJANGO_LOG_LEVEL", "info", ("debug", "info", "warning", "error")).upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Django logs the path of refused requests (and runserver of every one): a report's link is its key.
    "filters": {"report_tokens": {"()": "advisor.logs.RedactReportTokens"}},
    "formatters": {"json": {"()": "advisor.logs.JsonLines"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["report_tokens"], "formatter": "json"}},
    "loggers": {
        "advisor": {"level": LOG_LEVEL},
        "django.request": {"filters": ["report_tokens"]},
        "django.server": {"filters": ["report_tokens"]},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# --- Abuse: login lockout (django-axes) and rate limits (django-ratelimit) -------------
# Failed log-ins are counted per account in the database (axes' AccessAttempt), so
# every app server sees the same count; the Nth failure locks the account for the
# cool-off, and each try while locked starts it again. An admin unlocks an account
# with `manage.py axes_reset_username NAME` or in the admin (Axes → Access attempts).
# axes, named in words an admin reads ("Login lockouts"); only its access attempts are in
# the admin (advisor/accounts/admin.py): the access and failure logs are never written here.
INSTALLED_APPS += ["advisor.accounts.apps.LoginLockoutsConfig"]
AXES_ENABLE_ADMIN = False
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", 15)
if min(AXES_FAILURE_LIMIT, LOGIN_LOCKOUT_MINUTES) < 1:
    raise ImproperlyConfigured("DJANGO_LOGIN_FAILURE_LIMIT and DJANGO_LOGIN_LOCKOUT_MINUTES must be at least 1.")
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
# Per account, whichever name or address it was typed as (accounts/lockout.py), not per
# IP address: a shared office address must not lock out everyone behind it. axes.W006
# warns of that; one client trying many accounts is held by RATE_LIMIT_LOGIN below.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_CALLABLE = "advisor.accounts.lockout.account_name"
AXES_CLIENT_IP_CALLABLE = "advisor.limits.client_address"
AXES_LOCKOUT_CALLABLE = "advisor.accounts.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
# Keep no log of successful log-ins (IP address, browser): failures expire with the cool-off.
AXES_DISABLE_ACCESS_LOG = True

# Rate limits, each a count per period ("30/h", "5/15m"), per client (IP address) and,
# for password-reset mail, per address too. Counted in the `throttle` cache above
# (DJANGO_RATE_LIMIT_CACHE=database to share them across processes and servers);
# over a limit the answer is one 429 page with Retry-After (advisor/limits.py).
RATELIMIT_USE_CACHE = "throttle"
RATE_LIMIT_LOGIN = env_rate("DJANGO_RATE_LIMIT_LOGIN", "60/h")
RATE_LIMIT_START = env_rate("DJANGO_RATE_LIMIT_START", "60/h")
RATE_LIMIT_SIGNUP = env_rate("DJANGO_RATE_LIMIT_SIGNUP", "10/h")
RATE_LIMIT_PASSWORD_RESET_ADDRESS = env_rate("DJANGO_RATE_LIMIT_PASSWORD_RESET_ADDRESS", "3/h")
RATE_LIMIT_PASSWORD_RESET_CLIENT = env_rate("DJANGO_RATE_LIMIT_PASSWORD_RESET_CLIENT", "10/h")
RATE_LIMIT_SHARE = env_rate("DJANGO_RATE_LIMIT_SHARE", "20/h")
# --- end of abuse settings ---------------------------------------------------------------
