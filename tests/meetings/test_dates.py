"""Dates and moments out of range on the meeting pages: refused on the field, nothing saved, never a
500 (a meeting at 0001-01-01 00:00 in Baku cannot be stored in UTC; a series from 9999-12-31 overflows)."""

import pytest
from django.urls import reverse

from koordinat.meetings.models import Instruction, Meeting, MeetingSeries, Minutes
from tests.dates import BAD_DATES, BAD_MOMENTS, assert_refused, changes, english  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize("field", ["starts_at", "ends_at"])
@pytest.mark.parametrize("moment", BAD_MOMENTS)
def test_a_meeting_at_a_moment_out_of_range_is_refused(client, secretary, body, meeting, field, moment):
    client.force_login(secretary)
    before, meetings = changes(), Meeting.objects.count()
    data = {"body": body.pk, "title_az": "İclas", "starts_at": "2026-05-20 11:00", field: moment}
    assert_refused(client.post(reverse("meetings:meeting_create"), data), field)
    edit = {**data, "version": meeting.version}
    assert_refused(client.post(reverse("meetings:meeting_edit", args=[meeting.pk]), edit), field)
    assert (Meeting.objects.count(), changes()) == (meetings, before)
    meeting.refresh_from_db()
    assert meeting.starts_at.year == 2026


@pytest.mark.parametrize("moment", BAD_MOMENTS)
def test_a_series_starting_out_of_range_is_refused(client, secretary, body, moment):
    client.force_login(secretary)
    before, meetings = changes(), Meeting.objects.count()
    response = client.post(
        reverse("meetings:series_create"),
        {
            "body": body.pk,
            "title_az": "Aylıq iclas",
            "frequency": "monthly",
            "first_starts_at": moment,
            "count": 3,
        },
    )
    assert_refused(response, "first_starts_at")
    assert (MeetingSeries.objects.exists(), Meeting.objects.count(), changes()) == (False, meetings, before)


@pytest.mark.parametrize("day", BAD_DATES)
def test_minutes_dated_out_of_range_are_refused(client, secretary, held, day):
    client.force_login(secretary)
    before = changes()
    response = client.post(reverse("meetings:minutes_start", args=[held.pk]), {"number": "12", "date": day})
    assert_refused(response, "date", form="minutes_form")
    assert (Minutes.objects.exists(), changes()) == (False, before)


@pytest.mark.parametrize("day", BAD_DATES)
def test_an_instruction_with_a_control_date_out_of_range_is_refused(
    client, secretary, coordinator, minutes, ministry, center, day
):
    client.force_login(secretary)
    before = changes()
    data = {
        "number": "1.1",
        "text_az": "Tapşırıq",
        "lead": ministry.pk,
        "control_date": day,
        "controller": center.pk,
    }
    assert_refused(
        client.post(reverse("meetings:instruction_create", args=[minutes.meeting_id]), data), "control_date"
    )
    registered = {**data, "number": "4", "letter_reference": "Məktub № 5"}
    client.force_login(coordinator)
    assert_refused(client.post(reverse("meetings:instruction_register"), registered), "control_date")
    assert (Instruction.objects.exists(), changes()) == (False, before)
