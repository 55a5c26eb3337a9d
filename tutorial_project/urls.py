"""The site's URLs: the admin, and the users app at the root."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("tutorial_project.users.urls")),
]
