"""The SIRET check: 14 digits and their Luhn key; La Poste's establishments have their own."""

import pytest
from django.core.exceptions import ValidationError

from directory.validators import validate_siret


def siret_error(value):
    with pytest.raises(ValidationError) as caught:
        validate_siret(value)
    return caught.value


def test_siret_with_a_valid_luhn_key_is_accepted():
    validate_siret("73282932000074")


def test_siret_with_a_wrong_luhn_key_is_refused_in_french():
    error = siret_error("73282932000075")

    assert error.code == "siret_key"
    assert error.messages == ["Ce numéro SIRET n’est pas valide : vérifiez les 14 chiffres."]


def test_siret_of_13_digits_is_refused_in_french():
    error = siret_error("7328293200007")

    assert error.code == "siret_format"
    assert error.messages == ["Le SIRET doit comporter exactement 14 chiffres."]


def test_siret_with_a_letter_is_refused():
    assert siret_error("7328293200007A").code == "siret_format"


def test_la_poste_establishment_whose_digit_sum_is_a_multiple_of_5_is_accepted():
    # 3+5+6+0+…+0+1 = 15, although the Luhn key of this number is wrong.
    validate_siret("35600000000001")


def test_la_poste_establishment_whose_digit_sum_is_not_a_multiple_of_5_is_refused():
    # 3+5+6+0+…+1+4 = 19.
    assert siret_error("35600000000014").code == "siret_key"


def test_la_poste_head_office_siret_is_accepted():
    # The head office keeps a valid Luhn key; its digit sum (26) is no multiple of 5.
    validate_siret("35600000000048")
