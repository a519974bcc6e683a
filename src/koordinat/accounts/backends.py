"""Signing in with Django's model backend, reading the signed-in user with what every page shows of
them: the header names the user by their person or organisation (`User.display_name`) and counts
their unread notifications (added by the apps above through `extensions.USER_ANNOTATIONS`), each of
which cost one more query on every page when read after the user."""

from typing import Any

from django.contrib.auth.backends import ModelBackend

from .extensions import USER_ANNOTATIONS
from .models import User


class UserBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            user = (
                User._default_manager.select_related(*User.DISPLAY_RELATED)
                .annotate(**{name: expression() for name, expression in USER_ANNOTATIONS.items()})
                .get(pk=user_id)
            )
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
