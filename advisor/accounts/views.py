"""Accounts. Sign-up and the log-out page are ours; logging in, changing and
resetting a password are Django's auth views with our templates."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from advisor.accounts import lockout
from advisor.accounts.forms import LoginForm, PasswordResetForm, SignUpForm
from advisor.after_response import after_response
from advisor.limits import client_address, limited, posted_email

View = Callable[..., HttpResponse]


def safe_next(request: HttpRequest) -> str:
    """The `next` address from the form or the query string, or "" when it would leave this site."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else ""


def refuses_bad_input(view: View) -> View:
    """Django's auth views re-render a rejected form with a 200; this project answers bad input with a 4xx."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        context = getattr(response, "context_data", None) or {}
        form = context.get("form")
        if request.method == "POST" and form is not None and form.errors:
            response.status_code = 422
        elif context.get("validlink") is False:
            response.status_code = 400  # a reset link that is malformed, used or expired
        return response

    return wrapper


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
@limited("signup", (client_address, "RATE_LIMIT_SIGNUP"))
def signup(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request)
    if request.user.is_authenticated:
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        user = form.save()
        # login() sends user_logged_in, which moves what this browser saved anonymously into the account.
        login(request, user, backend="advisor.accounts.backends.UsernameOrEmailBackend")
        messages.success(request, _("Welcome, %(name)s. Your account is ready.") % {"name": user.get_username()})
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    status = 422 if form.errors else 200
    return render(request, "accounts/signup.html", {"form": form, "next": next_url}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def logout(request: HttpRequest) -> HttpResponse:
    """Only a POST logs out, so a link or an image elsewhere cannot; a GET asks to confirm."""
    if request.method == "POST":
        auth_logout(request)
        messages.info(request, _("You are logged out."))
        return redirect(settings.LOGOUT_REDIRECT_URL)
    return render(request, "accounts/logout.html")


# Failed log-ins lock the account (django-axes, settings.py); this holds one client
# trying many accounts.
login_view = limited("login", (client_address, "RATE_LIMIT_LOGIN"))(
    refuses_bad_input(auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm))
)

# The admin renders registration/password_change_*.html too, so ours live under accounts/.
password_change = refuses_bad_input(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html",
        success_url=reverse_lazy("accounts:password_change_done"),
    )
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        response = super().form_valid(form)  # the redirect to "check your e-mail", for any address
        after_response(response, form.deliver, what="password-reset mail")
        return response


# Counted per client and per address, whether or not an account has the address,
# so the limit tells nothing about which addresses are registered.
password_reset = limited(
    "password-reset",
    (client_address, "RATE_LIMIT_PASSWORD_RESET_CLIENT"),
    (posted_email, "RATE_LIMIT_PASSWORD_RESET_ADDRESS"),
)(
    refuses_bad_input(
        PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        )
    )
)

password_reset_done = auth_views.PasswordResetDoneView.as_view()


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        # Whoever opened the mailed link owns the account: a lockout (maybe someone
        # else's guessing) ends with the new password.
        lockout.lift(form.user)
        return super().form_valid(form)


password_reset_confirm = refuses_bad_input(
    PasswordResetConfirmView.as_view(success_url=reverse_lazy("accounts:password_reset_complete"))
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view()
