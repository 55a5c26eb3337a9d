"""Views of the users app: sign-up, activation, a new activation link, sign-in, sign-out and password reset."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.messages.views import SuccessMessageMixin
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from tutorial_project.users.activation import ActivationError, activate, user_to_activate
from tutorial_project.users.emails import send_activation_email
from tutorial_project.users.forms import (
    LoginForm,
    PasswordResetForm,
    ResendActivationForm,
    SetPasswordForm,
    SignUpForm,
)
from tutorial_project.users.registration import Outcome, register, send_taken_notice
from tutorial_project.users.throttles import emails_over_limit, too_many


def home(request: HttpRequest) -> HttpResponse:
    """The home page: who is signed in."""
    return render(request, "users/home.html")


# Non-atomic even if ATOMIC_REQUESTS is turned on: save() must commit at once, so that the receiver's on_commit
# callback has sent the email, and noted the outcome on the user, by the time save() returns.
@sensitive_post_parameters("password1", "password2")
@transaction.non_atomic_requests
@require_http_methods(["GET", "HEAD", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    """Create an inactive account (the post_save receiver emails the link), or email the address why not.

    Every well-formed form gets the same "check your email" page: the page never tells whether a username or
    an address already has an account; the owner of the address learns it by email.
    """
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return render(request, "users/sign_up.html", {"form": form})
    if emails_over_limit(request):
        return too_many(request, "sign-ups")
    outcome, user = register(form)
    if outcome is Outcome.CREATED:
        # True or False once the email was tried; missing only if a surrounding transaction (a test's) still
        # holds the callback back, and then a failure will still be logged.
        email_sent = getattr(user, "activation_email_sent", None) is not False
    else:
        email_sent = send_taken_notice(outcome, form.cleaned_data["username"], form.cleaned_data["email"])
    return render(request, "users/sign_up_done.html", {"email_sent": email_sent})


@require_http_methods(["GET", "HEAD", "POST"])
def activate_account(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """GET shows a confirmation button (mail scanners fetch links); POST activates the account."""
    try:
        user = user_to_activate(uidb64, token)
        if request.method != "POST":
            return render(request, "users/activate_confirm.html", {"user_to_activate": user})
        activate(user)
    except ActivationError as error:
        return render(
            request, "users/activation_failed.html", {"problem": error.problem.value}, status=error.problem.status
        )
    messages.success(request, "Your account is active. You can sign in now.")
    return redirect("users:sign_in")


class ThenResponse(HttpResponse):
    """A response that runs `then` once it has been sent: WSGI servers (and the test client) call close()."""

    def __init__(self, content: str, then: Callable[[], Any]) -> None:
        super().__init__(content)
        self.then = then

    def close(self) -> None:
        """Run `then`, then finish the response as Django does (request_finished may close the database)."""
        try:
            self.then()
        finally:
            super().close()


def _send_activation_emails(email: str) -> None:
    # Only accounts still waiting for their first activation: a user an admin deactivated stays deactivated.
    waiting = get_user_model()._default_manager.filter(email__iexact=email, is_active=False, activation__isnull=True)
    for user in waiting:
        send_activation_email(user)  # A failure is logged; the answer must not differ anyway.


@require_http_methods(["GET", "HEAD", "POST"])
def resend_activation(request: HttpRequest) -> HttpResponse:
    """Send a new activation link; answer the same, and as fast, whether or not the address belongs to anyone.

    The email goes out after the answer has been sent, so the time to answer says nothing either.
    """
    form = ResendActivationForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return render(request, "users/resend_activation.html", {"form": form})
    if emails_over_limit(request):
        return too_many(request, "requests for a new link")
    page = render_to_string("users/resend_activation_done.html", request=request)
    return ThenResponse(page, then=partial(_send_activation_emails, form.cleaned_data["email"]))


class SignInView(SuccessMessageMixin, auth_views.LoginView):
    """Sign in with LoginForm; `next` is followed only when it points to this site."""

    authentication_form = LoginForm
    template_name = "users/sign_in.html"
    success_message = "Welcome, %(username)s. You are signed in."


class SignOutView(auth_views.LogoutView):
    """Sign out by POST; a GET (a typed address, an old bookmark) shows the page with the sign-out button."""

    http_method_names = ["get", "head", "post", "options"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """The page with the sign-out button: signing out stays a POST, protected by the CSRF token."""
        return render(request, "users/sign_out.html")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Sign out and say so."""
        response = super().post(request, *args, **kwargs)
        messages.info(request, "You are signed out.")
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, its link built on FRONTEND_URL, and throttled like every form that emails."""

    form_class = PasswordResetForm
    template_name = "users/password_reset_form.html"
    email_template_name = "users/emails/password_reset_body.txt"
    subject_template_name = "users/emails/password_reset_subject.txt"
    success_url = reverse_lazy("users:password_reset_done")

    @property
    def extra_email_context(self) -> dict[str, str]:  # type: ignore[override]
        """The site's address for the link, read when the email is sent."""
        return {"frontend_url": settings.FRONTEND_URL.rstrip("/")}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Refuse with 429 once this address or this client has been sent too many emails."""
        if emails_over_limit(request):
            return too_many(request, "password-reset requests")
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's page behind the emailed link: choose a new password."""

    form_class = SetPasswordForm
    template_name = "users/password_reset_confirm.html"
    success_url = reverse_lazy("users:password_reset_complete")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    """The same answer for every address: "if it has an account, we have emailed it"."""

    template_name = "users/password_reset_done.html"


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    """The new password is set: sign in."""

    template_name = "users/password_reset_complete.html"
