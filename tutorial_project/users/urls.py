from django.urls import path

from tutorial_project.users import views

app_name = "users"
urlpatterns = [
    path("", views.home, name="home"),
]
