"""Durations in the interface's words, from the constants that decide them (« 7 jours »
from `INVITATION_VALIDITY`, « 3 jours » from `EMAIL_CONFIRMATION_VALIDITY`): the text
changes with the rule."""

from django.utils.translation import ngettext


def in_days(duration):
    """« 1 jour », « 7 jours »: a `timedelta` of whole days, in French."""
    days = duration.days
    return ngettext("%(count)d jour", "%(count)d jours", days) % {"count": days}
