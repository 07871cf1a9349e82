from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LA_POSTE_SIREN = "356000000"
# La Poste's head office keeps an ordinary Luhn key (its digit sum, 26, is no multiple of 5).
LA_POSTE_HEAD_OFFICE_SIRET = "35600000000048"


def luhn_is_valid(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siret(value):
    """14 digits with a valid Luhn key; La Poste's establishments other than its head office:
    the sum of the digits is a multiple of 5."""
    if len(value) != 14 or not value.isdigit():
        raise ValidationError(
            _("Le SIRET doit comporter exactement 14 chiffres."), code="siret_format"
        )
    if value.startswith(LA_POSTE_SIREN) and value != LA_POSTE_HEAD_OFFICE_SIRET:
        valid = sum(int(char) for char in value) % 5 == 0
    else:
        valid = luhn_is_valid(value)
    if not valid:
        raise ValidationError(
            _("Ce numéro SIRET n’est pas valide : vérifiez les 14 chiffres."), code="siret_key"
        )
