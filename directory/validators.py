import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.fr import siret as stdnum_siret

from directory import refusals


def normalise_siret(value):
    """The SIRET as typed, without its spaces and dots (« 732 829 320 00074 »).

    Only separators go: any other character stays, for `validate_siret` to refuse.
    """
    try:
        return stdnum_siret.compact(str(value))
    except StdnumValidationError:
        return str(value)


def validate_siret(value):
    """14 ASCII digits with a valid Luhn key (and a valid SIREN); La Poste's establishments
    other than its head office: the sum of the digits is a multiple of 5.

    python-stdnum's `fr.siret` makes the checks; it refuses the digits `str.isdigit()`
    accepts beyond 0-9 (« ² », Arabic-Indic digits…).
    """
    try:
        stdnum_siret.validate(value)
    except InvalidChecksum as invalid:
        raise ValidationError(
            _("Ce numéro SIRET n’est pas valide : vérifiez les 14 chiffres."), code="siret_key"
        ) from invalid
    except StdnumValidationError as invalid:
        raise ValidationError(refusals.SIRET_FORMAT, code="siret_format") from invalid
    if value != stdnum_siret.compact(value):
        # Stored and compared as 14 digits only.
        raise ValidationError(refusals.SIRET_FORMAT, code="siret_format")


def siret_for(siren_prefix, establishment=1):
    """A valid SIRET for demo data (directory/demo.py), the tests' factories and the
    benchmark (bench/): the 8 digits `siren_prefix` and their key
    (the SIREN), the establishment's number on 4 digits, and the SIRET's key."""
    siren = siren_prefix + luhn.calc_check_digit(siren_prefix)
    prefix = f"{siren}{establishment:04d}"
    return prefix + luhn.calc_check_digit(prefix)


# Unicode categories refused in a name: controls (NUL, tab, newline…), format characters
# (bidirectional overrides U+202A–U+202E and isolates U+2066–U+2069, zero-width characters,
# soft hyphen…), surrogates, private use; and the line and paragraph separators.
REFUSED_NAME_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def validate_printable_name(value):
    """Refuse the invisible and control characters that could hide or reorder what a name
    shows (« Jean\u202eneaJ »), in a list, an e-mail or an export."""
    for char in str(value):
        if unicodedata.category(char) in REFUSED_NAME_CATEGORIES:
            raise ValidationError(
                _(
                    "Ce champ contient un caractère invisible ou de contrôle (%(code)s) : "
                    "retirez-le."
                ),
                code="unprintable",
                params={"code": f"U+{ord(char):04X}"},
            )
