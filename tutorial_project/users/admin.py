from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import admin as auth_admin  # imported first: it registers User, replaced below
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from tutorial_project.users.models import Activation

User = get_user_model()


@admin.register(Activation)
class ActivationAdmin(admin.ModelAdmin):
    """Who activated when. Read-only; deletable, since deleting a user deletes their activation too.

    Deleting an activation alone lets the user's unexpired links (and the resend page) activate them again.
    """

    list_display = ["user", "activated_at"]
    search_fields = ["user__username", "user__email"]

    def has_add_permission(self, request: HttpRequest, obj: Activation | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Activation | None = None) -> bool:
        return False


class UserChangeForm(auth_forms.UserChangeForm):
    """Django's user form, refusing an address another account has (the database would refuse it with a 500)."""

    def clean_email(self) -> str:
        """The address, unless another account uses it in any case."""
        email = self.cleaned_data["email"]
        others = User._default_manager.exclude(pk=self.instance.pk).filter(email__iexact=email)
        if email and others.exists():
            raise ValidationError("Another account already uses this email address.", code="duplicate_email")
        return email


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    """Django's user admin with the one-account-per-address rule."""

    form = UserChangeForm
