"""The Content-Security-Policy: this site's own scripts, styles, images and fonts
only, no inline script anywhere and no inline style on our pages. Django's admin
keeps inline styles: its own templates use style attributes (a few widths and
paddings), which we do not rewrite."""

from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"


class ContentSecurityPolicy(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and parts.update is None:
            parts.update = {"style-src": [UNSAFE_INLINE]}
        return parts
