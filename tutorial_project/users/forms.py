"""The users app's forms, each styled with the site's CSS classes."""

from __future__ import annotations

from typing import Any

from django import forms
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

    def clean_email(self) -> str:
        """Refuse an address that another account already uses, whatever its case."""
        email = self.cleaned_data["email"]
        if self._meta.model._default_manager.filter(email__iexact=email).exists():
            raise ValidationError(
                "An account with this email address already exists. Sign in, or ask for a new activation link.",
                code="duplicate_email",
            )
        return email

    def save(self, commit: bool = True) -> Any:
        """Save the new user as inactive: the post_save receiver then emails them their activation link."""
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
            # Hash anyway, as ModelBackend does, so the answer takes as long whether or not the user exists.
            user_model().set_password(password)
            return False
        return user.check_password(password) and not user.is_active


class ResendActivationForm(StyledFormMixin, forms.Form):
    """The address to send a new activation link to."""

    email = forms.EmailField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
