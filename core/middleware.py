"""Security headers Django does not set itself: Content-Security-Policy and Permissions-Policy.

The policy is strict for scripts: only the portal's own files (``'self'``), no
inline script and no inline event handler (templates use ``data-`` attributes
that ``static/js/portal.js`` reads). Styles also allow ``'unsafe-inline'``:
TinyMCE (the editor) and htmx insert ``<style>`` elements and style attributes
at run time, and the progress bars set their width in a style attribute; a
style cannot run code. A view that sets either header itself keeps its own.
"""

from django.conf import settings

DEFAULT_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    # 'unsafe-inline' for styles only: TinyMCE and htmx write inline styles at run time (see above).
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    # Redoc (the API reference) parses the schema in a worker made from a blob.
    "worker-src": ["'self'", "blob:"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

DEFAULT_PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "camera": "()",
    "display-capture": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "magnetometer": "()",
    "microphone": "()",
    "midi": "()",
    "payment": "()",
    "usb": "()",
    "fullscreen": "(self)",
}


def content_security_policy() -> str:
    directives = getattr(settings, "CONTENT_SECURITY_POLICY", None) or DEFAULT_CSP
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def permissions_policy() -> str:
    features = getattr(settings, "PERMISSIONS_POLICY", None) or DEFAULT_PERMISSIONS_POLICY
    return ", ".join(f"{name}={allow}" for name, allow in features.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = content_security_policy()
        self.permissions = permissions_policy()

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.csp
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions
        return response
