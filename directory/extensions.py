"""What the apps above `directory` add to its rules, without `directory` importing them.

`directory` imports nothing from `offers` (layers, checked by import-linter): `offers` plugs
its part in when it starts (offers/apps.py), as it does for the registration gates
(directory/registration_gates.py).

- `referent_deactivated` (a signal, sent inside the deactivation's transaction with
  `structure`, `referent` and `successor`): whatever the referent was the contact of passes
  to the successor;
- `add_employer_departments_source(source)`: a source takes an employer and returns the ids
  of the departments it works in beyond its own (its offers' departments), for the
  « Annuaire des SA ».
"""

from django.dispatch import Signal

referent_deactivated = Signal()

_department_sources = []


def add_employer_departments_source(source):
    if source not in _department_sources:
        _department_sources.append(source)


def employer_department_ids(employer):
    """The employer's own department plus those its sources name."""
    department_ids = {employer.department_id}
    for source in _department_sources:
        department_ids.update(source(employer))
    return department_ids
