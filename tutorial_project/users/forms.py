"""The users app's forms, each styled with the site's CSS classes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class StyledFormMixin:
    """Give every widget of the form the site's CSS class, so templates can render fields as they come."""

    widget_css_class = "form-control"
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            classes = field.widget.attrs.get("class", "").split()
            if self.widget_css_class not in classes:
                field.widget.attrs["class"] = " ".join([*classes, self.widget_css_class])


class SignUpForm(StyledFormMixin, UserCreationForm):
    """Username, email and password twice; the account is created inactive until its email link is used."""

    email = forms.EmailField(
        max_length=254, help_text="We will send your activation link here.", widget=forms.EmailInput()
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_username(self) -> str:
        """The username as typed; whether it is taken is told by email, never on the page (see registration)."""
        return self.cleaned_data["username"]

    def validate_unique(self) -> None:
        """Skip ModelForm's "already exists" errors: saying so on the page would reveal who has an account."""

    def save(self, commit: bool = True) -> Any:
        """Save the new user as inactive: the post_save receiver then emails them their activation link.

        `registration.register` calls this once it knows the username and the address are free.
        """
        self.instance.is_active = False
        return super().save(commit=commit)


class LoginForm(StyledFormMixin, AuthenticationForm):
    """Sign-in form that tells an inactive user to activate, but only once their password is right.

    Django's ModelBackend refuses inactive users, so the form would say "invalid login" to them. Telling
    someone who knows the password that the account is inactive reveals nothing they could not learn; telling
    anyone else would reveal that the username exists.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "inactive": "This account is not activated yet. Use the link in your activation email, or ask for a new one.",
    }

    def get_invalid_login_error(self) -> ValidationError:
        """The "inactive" error for an inactive user with the right password, else Django's generic one."""
        if self._is_inactive_user_with_right_password():
            return ValidationError(self.error_messages["inactive"], code="inactive")
        return super().get_invalid_login_error()

    @property
    def needs_activation(self) -> bool:
        """True when the form refused an inactive user who gave the right password."""
        return self.has_error(NON_FIELD_ERRORS, code="inactive")

    def _is_inactive_user_with_right_password(self) -> bool:
        user_model = get_user_model()
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password") or ""
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            # ModelBackend has already spent one hash on an unknown username, so that it answers as slowly.
            return False
        # An active user's password was just checked by ModelBackend: only an inactive one needs a second look.
        return not user.is_active and user.check_password(password)


class ResendActivationForm(StyledFormMixin, forms.Form):
    """The address to send a new activation link to."""

    email = forms.EmailField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class PasswordResetForm(StyledFormMixin, auth_forms.PasswordResetForm):
    """Django's password-reset form, styled: the address whose account gets a link to choose a new password."""


class SetPasswordForm(StyledFormMixin, auth_forms.SetPasswordForm):
    """Django's set-password form, styled: the new password, twice."""
