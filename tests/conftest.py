from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db):
    """The real seed catalogue, loaded once per test (inside its transaction)."""
    call_command("load_catalogue", verbosity=0)
