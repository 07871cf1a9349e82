"""Settings of the load benchmark (bench/load.py, bench/transitions.py): production's, with
the bench's URL conf, which adds the ceiling view. Never used by the portal itself."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
