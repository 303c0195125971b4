from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the seed catalogue once for the whole run; each test's transaction rolls back on top of it.

    Loading it per test cost seconds a test. Tests that need the live server
    (transactional) flush the database and load the catalogue themselves; the
    `seeded` fixture (fixtures.py) loads it again when a flush removed it."""
    with django_db_blocker.unblock():
        call_command("load_catalogue", verbosity=0)


def pytest_configure(config):
    """A fast password hasher, as Django's testing docs advise: PBKDF2's million rounds
    cost about half a second a log-in here, and the suite logs in hundreds of times.
    Production keeps Django's default (settings.py sets no PASSWORD_HASHERS), and so
    do the servers that tests start as subprocesses (test_two_servers, test_serve):
    they read settings.py afresh."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _language_back_to_default():
    """Each test starts in the default language: a request answered in Chinese leaves the
    worker thread's language active after it, and a later test that renders text without a
    request would read Chinese where it expects English (seen under xdist, depending on order)."""
    from django.utils import translation

    yield
    translation.deactivate()
