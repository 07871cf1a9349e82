"""Undefined variables in the project's templates fail the tests.

`StrictStringIfInvalid` is installed as the `string_if_invalid` of the template engine by
`tests/conftest.py`. Django calls `string_if_invalid % variable_name` for a variable it
cannot resolve; the frames above that call tell which template node is being rendered,
hence which template file. Only the repository's own templates are strict: Wagtail's admin,
django-dsfr and Django's own templates use undefined variables on purpose.
"""

import copy
import functools
import inspect
from pathlib import Path

from django.template.base import FilterExpression, Node

REPO_ROOT = Path(__file__).resolve().parent.parent
VENV_ROOT = REPO_ROOT / ".venv"


class UndefinedTemplateVariableError(Exception):
    pass


@functools.lru_cache(maxsize=1024)
def is_project_template(template_path):
    """True for a template file of this repository, false for an installed package's."""
    path = Path(template_path).resolve()
    return path.is_relative_to(REPO_ROOT) and not path.is_relative_to(VENV_ROOT)


def _rendering_node_origin(frame):
    """The origin name of the innermost template node being rendered above `frame`."""
    while frame is not None:
        node = frame.f_locals.get("self")
        if isinstance(node, Node):
            origin = getattr(node, "origin", None)
            if origin is not None and getattr(origin, "name", None):
                return origin.name
        frame = frame.f_back
    return None


class StrictStringIfInvalid(str):
    """`string_if_invalid` that raises for the project's templates and only for them.

    Django formats it with `% variable_name` when it contains "%s". Third-party templates
    (Wagtail admin, django-dsfr, Django's own) rely on silent undefined variables: for them
    the value stays what Django gives with the default empty `string_if_invalid`, filters
    included.
    """

    def __new__(cls):
        return super().__new__(cls, "")

    def __bool__(self):
        return True

    def __contains__(self, item):
        return item == "%s" or super().__contains__(item)

    def __mod__(self, variable):
        caller = inspect.currentframe().f_back
        try:
            origin_name = _rendering_node_origin(caller)
            if origin_name is not None and is_project_template(origin_name):
                raise UndefinedTemplateVariableError(
                    f"Undefined template variable '{variable}' in {origin_name}"
                )
            return _silent_value(caller)
        finally:
            del caller

    def __reduce__(self):
        return (type(self), ())


def _silent_value(frame):
    """What Django renders for an undefined variable when `string_if_invalid` is ""."""
    expression = frame.f_locals.get("self") if frame is not None else None
    if isinstance(expression, FilterExpression) and expression.filters:
        literal = copy.copy(expression)
        literal.var, literal.is_var = "", False
        return literal.resolve(frame.f_locals["context"])
    return ""
