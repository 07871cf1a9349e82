"""The personal space's gates (view decorators) and the « Annuaire des SA » an employer
sees; the rules they apply are in directory/perms.py."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import render

from directory import perms
from directory.extensions import employer_department_ids
from directory.models import Structure


def referent_required(view):
    """Logged in, attached to a structure; a support structure must be validated.

    Anyone else gets a 404 (the page does not exist for them); an SA still waiting for the
    coordination's validation gets the pending page. An employer waiting for it uses its
    personal space at once, except the « Annuaire des SA » (`directory_is_open`).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        structure = request.user.structure
        if structure is None:
            raise Http404
        if not perms.may_use_personal_space(structure):
            return render(request, "directory/pending.html", {"structure": structure})
        request.structure = structure
        return view(request, *args, **kwargs)

    return wrapper


def _structure_required(allowed):
    """A referent of a structure for which `allowed(structure)` holds; 404 for the others."""

    def decorator(view):
        @wraps(view)
        @referent_required
        def wrapper(request, *args, **kwargs):
            if not allowed(request.structure):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


employer_required = _structure_required(perms.is_employer)
# `referent_required` has already sent an SA waiting for validation to the pending page.
support_required = _structure_required(perms.is_validated_support)


def directory_department_ids(employer):
    """The departments of the employer's offers plus its own department."""
    return employer_department_ids(employer)


def support_directory_for(employer, department_ids=None):
    """The validated support structures serving the employer's departments; none until the
    employer itself is validated."""
    if not perms.directory_is_open(employer):
        return Structure.objects.none()
    if department_ids is None:
        department_ids = directory_department_ids(employer)
    # A subquery rather than a join and DISTINCT: no distinct pass over every column of
    # the structures (and of the paginator's count) at national scale.
    serving = Structure.served_departments.through.objects.filter(
        department_id__in=department_ids
    ).values("structure_id")
    return Structure.objects.support_structures().validated().filter(pk__in=serving)
