"""A URL that fails, for the friendly 500 page test."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a failure the visitor must not see")


urlpatterns = [path("boom/", boom)]
