"""Saved register filters: a user keeps a query of the register under a name, as a link."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit

from ..models import SavedFilter


def saved_filter_create(*, actor: User, name: str, query: str) -> SavedFilter:
    """Keep `query` (the register's filters, already checked and re-encoded by its form) as `name`."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the filter a name.")})
    with transaction.atomic():
        mine = SavedFilter.objects.select_for_update().filter(user=actor)
        if mine.filter(name=name).exists():
            raise ValidationError({"name": _("You already have a filter named “%(name)s”.") % {"name": name}})
        if mine.count() >= SavedFilter.LIMIT:
            raise ValidationError(
                _("You can keep up to %(limit)s filters; remove one first.") % {"limit": SavedFilter.LIMIT}
            )
        saved = SavedFilter.objects.create(user=actor, name=name, query=query, created_at=timezone.now())
        audit.record(
            actor=actor, action="saved_filter.create", target=saved, data={"name": name, "query": query}
        )
    return saved


def saved_filter_remove(*, actor: User, saved: SavedFilter) -> None:
    """Remove one of the actor's own saved filters."""
    if saved.user_id != actor.pk:
        audit.refused(actor=actor, action="saved_filter.remove", target=saved)
        raise PermissionDenied(_("This filter is someone else's."))
    with transaction.atomic():
        audit.record(actor=actor, action="saved_filter.remove", target=saved, data={"name": saved.name})
        saved.delete()
