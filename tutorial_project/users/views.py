"""Views of the users app."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """The home page: who is signed in."""
    return render(request, "users/home.html")
