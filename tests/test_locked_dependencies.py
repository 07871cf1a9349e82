"""requirements.lock pins what pyproject.toml asks for, every package with its hashes: a pin
changed in one file only fails here (regenerate with `make lock`, README « Dependencies »)."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def locked():
    """{canonical name: (version, number of hashes)} of requirements.lock."""
    packages = {}
    name = None
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        pin = re.match(r"([A-Za-z0-9][\w.-]*)==(\S+)", line)
        if pin:
            name = canonicalize_name(pin.group(1))
            packages[name] = [pin.group(2), 0]
        elif name and "--hash=sha256:" in line:
            packages[name][1] += 1
    return packages


def test_every_pin_of_pyproject_is_the_locked_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    lock = locked()

    for pin in map(Requirement, pins):
        (specifier,) = pin.specifier
        assert specifier.operator == "==", pin
        assert lock[canonicalize_name(pin.name)][0] == specifier.version, pin


def test_every_locked_package_has_a_version_and_hashes():
    lock = locked()

    assert "setuptools" in lock  # the build backend, for `pip install --no-build-isolation -e .`
    assert all(version and hashes for version, hashes in lock.values()), lock
