"""Response headers: Content-Security-Policy, Permissions-Policy, private caching."""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.utils.cache import patch_cache_control

ADMIN_PATH_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with `ADMIN_CONTENT_SECURITY_POLICY` under /admin/.

    The Wagtail admin needs inline scripts and styles that the public site and the
    personal space must not allow; django-csp's documented extension point is
    `get_policy_parts`. A view's own @csp_* decorator still wins.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(ADMIN_PATH_PREFIX)
        ):
            admin_policy = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            return PolicyParts(
                default_config(admin_policy), parts.update, parts.replace, parts.nonce
            )
        return parts


class PermissionsPolicyMiddleware:
    """`Permissions-Policy` from the PERMISSIONS_POLICY setting: {feature: [origins]},
    an empty list refusing the feature everywhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


class PrivateResponsesMiddleware:
    """`Cache-Control: private, no-store` on every response to a logged-in person: the
    personal space, the admin, and public pages shown with their name in the header are
    kept by no shared cache and by no browser cache on a shared computer. Visitors'
    public pages are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
