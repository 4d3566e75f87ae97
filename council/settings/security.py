"""Security: cookies, HTTPS in production, the CSRF failure page, Content-Security-Policy and
Permissions-Policy."""

from __future__ import annotations

from csp.constants import NONE, SELF

from council.settings.environment import PRODUCTION, envbool, envint

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# The CSRF failure page in the site's layout and language (council.errors).
CSRF_FAILURE_VIEW = "council.errors.csrf_failure"
# While the database cannot be reached, pages and the API answer 503 with this Retry-After.
COUNCIL_RETRY_AFTER_SECONDS = envint("COUNCIL_RETRY_AFTER_SECONDS", 30)
# Content-Security-Policy (django-csp): every script and stylesheet is a file of our own, with
# nothing inline: the server-drawn charts are shown as <img> (their styles stay inside the
# picture), the SDG goals' colours are classes, and htmx does not inject its indicator style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy (council.middleware): browser features no page uses are off; the camera
# only for this site's own pages (the QR check-in desks scan with it).
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "autoplay": "()",
    "camera": "(self)",
    "display-capture": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "magnetometer": "()",
    "microphone": "()",
    "midi": "()",
    "payment": "()",
    "usb": "()",
    "browsing-topics": "()",
}
