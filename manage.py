#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    # Development settings by default. On a production server, run every command with
    # DJANGO_SETTINGS_MODULE=portal.settings.production (README « Production »).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
