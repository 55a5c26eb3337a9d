from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from tutorial_project.users.models import Activation


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
