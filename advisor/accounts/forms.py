from __future__ import annotations

from functools import partial

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

# The longest name a log-in can be for: an e-mail address (254 characters; user names
# stop at 150). Django's AuthenticationForm sets the field's max_length after building
# it, so no validator enforces it; a longer name went on to django-axes, whose 255-character
# column PostgreSQL refuses to overflow (a 500). Refused here, before anything stores it.
LOGIN_NAME_MAX = 254


def refuse_overlong_names(form: AuthenticationForm) -> None:
    field = form.fields["username"]
    field.max_length = LOGIN_NAME_MAX
    field.widget.attrs["maxlength"] = LOGIN_NAME_MAX
    message = _("That is longer than any user name or e-mail address an account can have.")
    field.validators.append(MaxLengthValidator(LOGIN_NAME_MAX, message=message))


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
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        refuse_overlong_names(self)


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's, refusing overlong names as LoginForm does (accounts/admin.py installs it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refuse_overlong_names(self)


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
