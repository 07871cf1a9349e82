"""The SIRET check (python-stdnum): 14 ASCII digits and their Luhn key; La Poste's
establishments have their own. Names refuse invisible and control characters."""

import pytest
from django.core.exceptions import ValidationError

from directory.validators import (
    normalise_siret,
    siret_for,
    validate_printable_name,
    validate_siret,
)


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


@pytest.mark.parametrize(
    "value",
    [
        "7328293200007²",  # a superscript two: str.isdigit() says it is a digit
        "٧٣٢٨٢٩٣٢٠٠٠٠٧٤",  # 73282932000074 in Arabic-Indic digits
        "۷۳۲۸۲۹۳۲۰۰۰۰۷۴",  # and in Extended Arabic-Indic digits
        "७३२८२९३२००००७४",  # and in Devanagari digits
    ],
)
def test_siret_with_digits_other_than_ascii_ones_is_refused_as_a_format_error(value):
    assert siret_error(value).code == "siret_format"


def test_siret_with_separators_is_refused_by_the_validator_as_it_is_stored_compact():
    assert siret_error("732 829 320 00074").code == "siret_format"


def test_siret_whose_siren_has_a_wrong_key_is_refused():
    # The 14 digits pass the Luhn check, not the SIREN's first 9.
    assert siret_error("00000010000009").code == "siret_key"


@pytest.mark.parametrize("value", ["", "\x00", "x" * 10_000, "7328293200007\x00"])
def test_siret_validator_raises_nothing_but_a_validation_error(value):
    assert siret_error(value).code == "siret_format"


def test_normalise_siret_removes_spaces_dots_and_non_breaking_spaces():
    assert normalise_siret(" 732 829\u00a0320.00074 ") == "73282932000074"


def test_normalise_siret_leaves_other_characters_for_the_validator():
    assert normalise_siret("7328293200007²") == "7328293200007²"


def test_siret_for_builds_a_siret_the_validator_accepts():
    validate_siret(siret_for("88000005", establishment=12))


# Names: no invisible or control characters


@pytest.mark.parametrize(
    "value",
    ["Léa Durand", "Jean-François d’Aubigné", "Zoé 😀", "محمد", "O'Neil", "Ève  Marie", ""],
)
def test_printable_names_are_accepted(value):
    validate_printable_name(value)


@pytest.mark.parametrize(
    ("value", "code_point"),
    [
        ("Jean\u202eneaJ", "U+202E"),  # right-to-left override
        ("Jean\u2066x\u2069", "U+2066"),  # left-to-right isolate
        ("Jean\u200bDurand", "U+200B"),  # zero-width space
        ("Jean\u200fDurand", "U+200F"),  # right-to-left mark
        ("Jean\x00", "U+0000"),
        ("Jean\nDurand", "U+000A"),
        ("Jean\tDurand", "U+0009"),
        ("Jean\u2028Durand", "U+2028"),  # line separator
        ("Jean\ue000", "U+E000"),  # private use
    ],
)
def test_names_with_invisible_or_control_characters_are_refused_in_french(value, code_point):
    with pytest.raises(ValidationError) as caught:
        validate_printable_name(value)

    assert caught.value.code == "unprintable"
    assert caught.value.messages == [
        f"Ce champ contient un caractère invisible ou de contrôle ({code_point}) : retirez-le."
    ]
