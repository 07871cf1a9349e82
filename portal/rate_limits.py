"""Rate limits on the forms that send e-mail, and on failed logins (django-ratelimit).

Limits are the `RATE_LIMITS` setting, one entry per scope:
- `client`: requests per client address (`portal.client_address`, IPv6 counted by /64);
- `email`: requests per target e-mail address, whatever the client (an address must not
  be flooded from many clients).

A form counts a request once it is valid, just before it would send its e-mail: a typo
does not use up an honest person's allowance. A refused request sends nothing, saves
nothing, and the form comes back with its typed values and a French message.
Failed logins count per client address (`LoginThrottleMixin`), in addition to
django-axes' lockout of one e-mail address from one client address.

Counters live in the default cache: in production, the Redis shared by every app server.
"""

import logging
import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)


def _minutes_left(usage):
    return max(1, math.ceil(usage["time_left"] / 60))


def _retry_in(usage):
    minutes = _minutes_left(usage)
    return ngettext(
        "Réessayez dans %(minutes)d minute.", "Réessayez dans %(minutes)d minutes.", minutes
    ) % {"minutes": minutes}


def _count(request, scope, kind, key):
    return get_usage(
        request,
        group=f"{scope}.{kind}",
        key=key,
        rate=settings.RATE_LIMITS[scope][kind],
        increment=True,
    )


def refusal(request, scope, email=None):
    """Count one request of `scope`; the French message saying why it is refused, or None.

    `email`: the address the request would write to, when there is one.
    """
    usages = {"client": _count(request, scope, "client", "ip")}
    if email and "email" in settings.RATE_LIMITS[scope]:
        normalised = email.strip().lower()
        usages["email"] = _count(request, scope, "email", lambda group, request: normalised)
    exceeded = {kind: usage for kind, usage in usages.items() if usage and usage["should_limit"]}
    if not exceeded:
        return None
    logger.warning(
        "Rate limit reached: %s per %s.", scope, " and ".join(exceeded), extra={"request": request}
    )
    usage = max(exceeded.values(), key=lambda usage: usage["time_left"])
    if "email" in exceeded:
        reason = _(
            "Trop de demandes pour cette adresse e-mail en peu de temps : rien n’a été envoyé."
        )
    else:
        reason = _("Trop de demandes depuis votre connexion en peu de temps : rien n’a été envoyé.")
    return f"{reason} {_retry_in(usage)}"


def form_within_limits(request, form, scope, email_field=None):
    """For a valid form about to send an e-mail: True if it may, else False with the
    French message added to the form (shown above its fields)."""
    email = form.cleaned_data.get(email_field) if email_field else None
    message = refusal(request, scope, email=email)
    if message is None:
        return True
    form.add_error(None, message)
    return False


def _login_failures(request, increment):
    return get_usage(
        request,
        group="login.client",
        key="ip",
        rate=settings.RATE_LIMITS["login"]["client"],
        increment=increment,
    )


class LoginThrottleMixin:
    """For `AuthenticationForm` subclasses: counts failed logins per client address and,
    past the limit, refuses every login from that address for the rest of the period,
    before any password is checked. Spraying one password over many accounts from one
    address is slowed down that way; django-axes alone locks one account at a time."""

    def clean(self):
        if self.request is not None and self.data.get("username"):
            usage = _login_failures(self.request, increment=False)
            if usage and usage["count"] >= usage["limit"]:
                logger.warning("Login throttled.", extra={"request": self.request})
                reason = _(
                    "Trop de tentatives de connexion ont échoué depuis votre connexion : par "
                    "sécurité, la connexion est suspendue."
                )
                raise ValidationError(f"{reason} {_retry_in(usage)}", code="throttled")
        return super().clean()

    def get_invalid_login_error(self):
        if self.request is not None:
            _login_failures(self.request, increment=True)
        return super().get_invalid_login_error()
