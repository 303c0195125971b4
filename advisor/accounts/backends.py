"""Log in with a user name, or with an e-mail address when exactly one account has it.

Sign-up does not make addresses unique (saying "already registered" would tell
a stranger that a colleague has an account here), so an address two accounts
share logs neither in: the person uses their user name instead."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UsernameOrEmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None or not username or "@" not in username or password is None:
            return user
        model = get_user_model()
        matches = list(model._default_manager.filter(email__iexact=username.strip())[:2])
        if len(matches) != 1:
            model().set_password(password)  # the same work as a real check, so timing tells nothing
            return None
        user = matches[0]
        return user if user.check_password(password) and self.user_can_authenticate(user) else None
