"""Signing in with Django's model backend, reading the signed-in user with what every page shows of
them: the header names the user by their person or organisation (`User.display_name`), which cost
one more query on every page when read after the user."""

from typing import Any

from django.contrib.auth.backends import ModelBackend

from .models import User


class UserBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            user = User._default_manager.select_related(*User.DISPLAY_RELATED).get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
