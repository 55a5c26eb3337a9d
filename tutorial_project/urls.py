"""The site's URLs: the admin (its login throttled like the site's), and the users app at the root."""

from django.contrib import admin
from django.urls import include, path

from tutorial_project.users.throttles import limit_failed_sign_ins

urlpatterns = [
    # Before admin.site.urls, so that this one answers /admin/login/; the admin's own name still reverses to it.
    path("admin/login/", limit_failed_sign_ins(admin.site.login)),
    path("admin/", admin.site.urls),
    path("", include("tutorial_project.users.urls")),
]
