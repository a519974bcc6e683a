"""The request of a page only signed-in users reach, the django-stubs way ("typing request.user").

Django builds the request; this class only annotates it. A view behind `@login_required` (or one
that has already turned anonymous visitors away) takes an `AuthenticatedRequest`, so its
`request.user` is the user model, never `AnonymousUser`, and can be handed to a service as its
`actor`. Pages reachable anonymously keep `HttpRequest`."""

from django.http import HttpRequest

from .models import User


class AuthenticatedRequest(HttpRequest):
    user: User
