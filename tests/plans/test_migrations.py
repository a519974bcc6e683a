"""An installation with plan documents waiting for confirmation: their files move out of the old,
servable MEDIA_ROOT into the private storage, and the import can still be confirmed from them."""

import uuid

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage

from koordinat.core.files import PrivateStorage
from tests.migrations import latest_schema, migrate  # noqa: F401 - the fixture


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema")
def test_waiting_uploads_move_to_the_private_storage(admin_user):
    old = migrate([("plans", "0004_planimport_keeps_its_preview")])
    legacy = FileSystemStorage(location=settings.KOORDINAT_LEGACY_MEDIA_DIR)
    PlanImport = old.get_model("plans", "PlanImport")
    rows = {}
    for status in ("pending", "committed"):
        token = uuid.uuid4()
        name = legacy.save(f"imports/{token}/plan.xlsx", ContentFile(status.encode()))
        rows[status] = PlanImport.objects.create(
            token=token,
            file=name,
            filename="plan.xlsx",
            plan_code="EQ",
            status=status,
            created_by_id=admin_user.pk,
        )
    migrate([("plans", "0005_import_uploads_private")])
    pending = rows["pending"]
    assert isinstance(default_storage, PrivateStorage)
    with default_storage.open(pending.file.name) as moved:
        assert moved.read() == b"pending"
    assert not legacy.exists(pending.file.name)
    assert legacy.exists(rows["committed"].file.name)  # a confirmed import's file is history, left alone
    with pytest.raises(ValueError, match="no URL"):
        default_storage.url(pending.file.name)
