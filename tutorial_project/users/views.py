"""Views of the users app: sign-up, activation, a new activation link, sign-in and sign-out."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import LoginView, LogoutView
from django.contrib.messages.views import SuccessMessageMixin
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tutorial_project.users.activation import ActivationError, activate, user_to_activate
from tutorial_project.users.emails import send_activation_email
from tutorial_project.users.forms import LoginForm, ResendActivationForm, SignUpForm


def home(request: HttpRequest) -> HttpResponse:
    """The home page: who is signed in."""
    return render(request, "users/home.html")


# Non-atomic even if ATOMIC_REQUESTS is turned on: save() must commit at once, so that the receiver's on_commit
# callback has sent the email, and noted the outcome on the user, by the time save() returns.
@transaction.non_atomic_requests
@require_http_methods(["GET", "HEAD", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    """Create an inactive account; the post_save receiver emails the activation link."""
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return render(request, "users/sign_up.html", {"form": form})
    user = form.save()
    # True or False once the email was tried; missing only if a surrounding transaction (a test's) still holds
    # the callback back, and then a failure will still be logged.
    email_sent = getattr(user, "activation_email_sent", None) is not False
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


@require_http_methods(["GET", "HEAD", "POST"])
def resend_activation(request: HttpRequest) -> HttpResponse:
    """Send a new activation link; answer the same whether or not the address belongs to anyone."""
    form = ResendActivationForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return render(request, "users/resend_activation.html", {"form": form})
    # Only accounts still waiting for their first activation: a user an admin deactivated stays deactivated.
    waiting = get_user_model()._default_manager.filter(
        email__iexact=form.cleaned_data["email"], is_active=False, activation__isnull=True
    )
    for user in waiting:
        send_activation_email(user)  # A failure is logged; the answer must not differ anyway.
    return render(request, "users/resend_activation_done.html")


class SignInView(SuccessMessageMixin, LoginView):
    """Sign in with LoginForm; `next` is followed only when it points to this site."""

    authentication_form = LoginForm
    template_name = "users/sign_in.html"
    success_message = "Welcome, %(username)s. You are signed in."


class SignOutView(LogoutView):
    """Sign out by POST only (Django answers 405 to GET), then go home."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Sign out and say so."""
        response = super().post(request, *args, **kwargs)
        messages.info(request, "You are signed out.")
        return response
