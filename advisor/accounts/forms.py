from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _


class SignUpForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")
        help_texts = {
            "email": _(
                "Optional, but without it we cannot send you a link to reset a forgotten password. "
                "We use it for nothing else."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_email(self) -> str:
        # Deliberately no "already registered" check: on a career-change site, telling a stranger
        # that a colleague's address has an account would give away that they are looking to move.
        # A reset mail goes to every account with the address and names each one.
        return get_user_model().objects.normalize_email(self.cleaned_data.get("email") or "").strip()


class LoginForm(AuthenticationForm):
    """Django's, with a label that says an e-mail address works too (accounts/backends.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("User name or e-mail")
        self.fields["username"].max_length = 254
        self.fields["username"].widget.attrs["maxlength"] = 254
        self.fields["username"].widget.attrs["autocomplete"] = "username"
