"""Meeting pages give their dates in the page's language (issue 14)."""

import pytest
from django.urls import reverse
from django.utils import translation


@pytest.mark.parametrize(
    ("language", "when", "label"),
    [
        ("az", "16 mart 2026, 10:00", "№ 12, 17.03.2026"),
        ("ru", "16 марта 2026 г., 10:00", "№ 12, 17.03.2026"),
        ("en", "16 March 2026, 10:00", "№ 12, 17.03.2026"),
    ],
)
def test_meeting_page_and_register_dates(client, secretary, minutes, language, when, label):
    meeting = minutes.meeting
    client.force_login(secretary)
    with translation.override(language):
        page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
        register = client.get(reverse("meetings:meetings")).content.decode()
    assert when in page
    assert when in register
    assert label in page
    for wrong in ("March 16, 2026", "10 a.m.", "Mart 2026", "03/16/2026"):
        assert wrong not in page
        assert wrong not in register
