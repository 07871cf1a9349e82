"""The 101 departments and the postcode rule (overseas on three digits, Corsica split)."""

import pytest
from django.core.exceptions import ValidationError

from directory.departments import DEPARTMENTS, department_code_for_postcode
from directory.models import Department
from tests.factories import DepartmentFactory


def test_migration_ships_the_101_departments(db):
    assert Department.objects.count() == 101


def test_the_frozen_migration_data_and_the_code_list_agree(db):
    """The migration keeps its own copy of the list: a change to one needs the other (and a
    migration)."""
    assert set(Department.objects.values_list("code", "name", "region")) == set(DEPARTMENTS)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("01", "Ain"),
        ("2A", "Corse-du-Sud"),
        ("2B", "Haute-Corse"),
        ("75", "Paris"),
        ("971", "Guadeloupe"),
        ("976", "Mayotte"),
    ],
)
def test_migration_ships_the_department(db, code, name):
    assert Department.objects.get(code=code).name == name


def test_there_is_no_department_20(db):
    assert not Department.objects.filter(code="20").exists()


def test_department_factory_reuses_the_migrated_row(db):
    department = DepartmentFactory(code="2A")

    assert department.name == "Corse-du-Sud"
    assert Department.objects.count() == 101


def test_department_reads_as_code_and_name(db):
    assert str(Department.objects.get(code="971")) == "971 – Guadeloupe"


@pytest.mark.parametrize(
    ("postcode", "code"),
    [
        ("75001", "75"),
        ("01000", "01"),
        ("20000", "2A"),
        ("20190", "2A"),
        ("20200", "2B"),
        ("20600", "2B"),
        ("97110", "971"),
        ("97400", "974"),
        ("97600", "976"),
        (" 69003 ", "69"),
    ],
)
def test_postcode_gives_its_department(postcode, code):
    assert department_code_for_postcode(postcode) == code


@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("96000", "Le code postal 96000 ne correspond à aucun département."),
        ("99999", "Le code postal 99999 ne correspond à aucun département."),
        ("97500", "Le code postal 97500 ne correspond à aucun département."),
        ("20700", "Le code postal 20700 ne correspond à aucun département."),
        ("abc", "Saisissez un code postal français à 5 chiffres."),
        ("2010", "Saisissez un code postal français à 5 chiffres."),
        (2010, "Saisissez un code postal français à 5 chiffres."),
        ("750011", "Saisissez un code postal français à 5 chiffres."),
        ("", "Saisissez un code postal français à 5 chiffres."),
        (None, "Saisissez un code postal français à 5 chiffres."),
    ],
)
def test_postcode_of_no_department_is_refused_with_a_french_message(postcode, message):
    with pytest.raises(ValidationError) as refused:
        department_code_for_postcode(postcode)

    assert refused.value.messages == [message]
