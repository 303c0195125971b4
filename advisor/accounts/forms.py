from __future__ import annotations

from functools import partial

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
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


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's, except that saving only prepares the work. Everything that differs
    between an address with an account and one without (finding the accounts, making
    their tokens, rendering and sending the mail) runs in `deliver`, which the view
    calls after the response has gone (advisor/after_response.py). So both answers
    take the same time and the timing gives nothing away."""

    deliver = None

    def save(self, **opts) -> None:
        self.deliver = partial(super().save, **opts)


class DeleteAccountForm(forms.Form):
    """Deleting an account asks for its password again (or, for an account made in
    the admin without one, its user name), so a borrowed, logged-in browser cannot."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            self.fields["password"] = forms.CharField(
                label=_("Your password"),
                strip=False,
                widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
            )
        else:
            self.fields["username"] = forms.CharField(
                label=_("Type your user name to confirm"), widget=forms.TextInput(attrs={"autocomplete": "off"})
            )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password. Nothing was deleted."), code="password")
        return password

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if username != self.user.get_username():
            raise forms.ValidationError(_("That is not your user name. Nothing was deleted."), code="username")
        return username
