"""Settings shared by every environment. Everything configurable comes from ``env``."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from cms.settings.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key-never-use-in-production")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Absolute base URL used for links in emails and feeds, e.g. https://invest.example.gov.cn. Required in production;
# empty in development: links then use the address of the request (cms/public/links.py).
SITE_URL = env_str("SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "cms.apps.CmsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "reversion",
    "django_prose_editor",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "cms",
    "articles",
    "policies",
    "submissions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Publishes scheduled pending changes when their time has come, before the page cache answers.
    "cms.workflow.middleware.ScheduledChangesMiddleware",
    # Counts every search, page-cache hits included, and writes the counts in batches (cms/search/analytics.py).
    "cms.search.analytics.SearchAnalyticsMiddleware",
    "cms.caching.pages.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the site has one language (LANGUAGES below), which Django uses without it; the middleware
    # would only add "Vary: Accept-Language" and split every shared cache by browser language. Add it back together
    # with a second language.
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.security.context.AuditContextMiddleware",  # who acts and from where, for the audit log; no database
    "django_otp.middleware.OTPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.security.csp.SiteCSPMiddleware",
    # Database outage → the 503 page with the input kept. Below the session, authentication and OTP middleware, whose
    # lazy session and user it loads first, inside its guard; above everything else that may touch the database.
    # What runs above it must not need the database or must guard itself: page-cache hits touch neither the session
    # nor the database; scheduled changes and search counts wait for the database by themselves. Headers (CSP,
    # X-Frame-Options) apply to its page too.
    "cms.security.outage.DatabaseOutageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cms.security.accounts.SignedInCookieMiddleware",  # the marker the page cache reads (SIGNED_IN_COOKIE_NAME)
    "cms.security.accounts.StaffSessionTimeoutMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "cms.public.context_processors.site",
            ],
        },
    },
]

# Database: one URL, parsed once. The embedded default is an SQLite file in the project folder.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: a shared Redis when REDIS_URL is set (several app servers), local memory otherwise. A Redis that does not
# answer within the timeouts counts as down: pages are served uncached and calls skip it for
# circuit_breaker_seconds before one tries again (cms/caching/redis.py). Give the instance a maxmemory and
# maxmemory-policy allkeys-lru (README, Scale-out; `manage.py check --deploy` warns about noeviction).
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.caching.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "cms"),
            "OPTIONS": {
                "socket_connect_timeout": float(env_str("REDIS_CONNECT_TIMEOUT", "0.5")),
                "socket_timeout": float(env_str("REDIS_TIMEOUT", "0.5")),
                "circuit_breaker_seconds": float(env_str("REDIS_RETRY_SECONDS", "5")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole public pages for anonymous visitors, purged exactly when their content changes (cms/caching/pages.py).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600)
# List items, header and footer rendered once per content version (cms/templatetags/fragments.py).
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE_ENABLED", True)
# How long an app server may serve its in-memory copies before checking the shared cache for purges again.
PAGE_CACHE_LOCAL_SECONDS = float(env_str("PAGE_CACHE_LOCAL_SECONDS", "0.25"))
# Searches per minute and visitor address that reach the database (cached result pages are not counted): 429 after.
SEARCH_RATE_LIMIT_PER_MINUTE = env_int("SEARCH_RATE_LIMIT_PER_MINUTE", 30)

# Editor accounts (cms/security/accounts.py): lockout after failed sign-ins, session limits, two-step sign-in.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cms.security.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/cms/locked_out.html"
AXES_VERBOSE = False
STAFF_IDLE_TIMEOUT = env_int("STAFF_IDLE_TIMEOUT_MINUTES", 30) * 60
STAFF_SESSION_LIFETIME = env_int("STAFF_SESSION_LIFETIME_HOURS", 10) * 3600
SESSION_COOKIE_AGE = STAFF_SESSION_LIFETIME
# Set beside the session cookie while someone is signed in, cleared at sign-out (cms/security/accounts.py). Not a
# secret: the page cache (cms/caching/pages.py) serves a request carrying a session cookie but no marker like any
# anonymous one, without loading the session; a forged marker only makes the request go past the cache.
SIGNED_IN_COOKIE_NAME = "cms_signed_in"
OTP_REQUIRED_FOR_SUPERUSERS = env_bool("OTP_REQUIRED_FOR_SUPERUSERS", False)
OTP_TOTP_ISSUER = "Yunhu Investment CMS"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on S3-compatible object storage (OSS, COS, MinIO, S3…) when a bucket is named; the local folder otherwise.
# Several app servers need this (or a shared volume): an upload on one must be readable on all.
MEDIA_S3_BUCKET = env_str("MEDIA_S3_BUCKET")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL"),
            "region_name": env_str("MEDIA_S3_REGION"),
            "access_key": env_str("MEDIA_S3_ACCESS_KEY"),
            "secret_key": env_str("MEDIA_S3_SECRET_KEY"),
            "custom_domain": env_str("MEDIA_S3_CUSTOM_DOMAIN"),  # a CDN domain in front of the bucket
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": False,  # media are public; attachments are served through the download view
        },
    }
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@localhost")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy: public pages carry no inline script, so no nonce is needed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

TAGGIT_TAGS_FROM_STRING = "cms.text.tags.parse_tags"
TAGGIT_STRING_FROM_TAGS = "cms.text.tags.join_tags"
TAGGIT_CASE_INSENSITIVE = True
# Saved versions (django-reversion) record their tag names too: cms/admin/revision_format.py.
SERIALIZATION_MODULES = {"json_tags": "cms.admin.revision_format"}

# Number of reverse proxies in front of the app that append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

# Retention of personal data (days): rejected contributions, closed inquiries.
CONTRIBUTION_RETENTION_DAYS = env_int("CONTRIBUTION_RETENTION_DAYS", 180)
INQUIRY_RETENTION_DAYS = env_int("INQUIRY_RETENTION_DAYS", 730)
# Retention of the audit log (days; cms/security/audit.py). 网络安全法 requires at least six months: below 180 is an
# error of ``manage.py check`` and ``purge_audit_log`` refuses to run.
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 365)
# Backups (manage.py backup, cms/ops/backup.py): encrypted with GnuPG to a public key of the keyring (GNUPGHOME)
# and/or with a passphrase; archives older than BACKUP_RETENTION_DAYS deleted after each backup (0: keep all).
BACKUP_ENCRYPTION_RECIPIENT = env_str("BACKUP_ENCRYPTION_RECIPIENT", "")
BACKUP_PASSPHRASE = env_str("BACKUP_PASSPHRASE", "")
BACKUP_RETENTION_DAYS = env_int("BACKUP_RETENTION_DAYS", 30)
# Target for the first answer to a new business inquiry, in working days.
INQUIRY_FIRST_RESPONSE_WORKING_DAYS = env_int("INQUIRY_FIRST_RESPONSE_WORKING_DAYS", 1)
