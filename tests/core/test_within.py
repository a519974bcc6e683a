"""`within` limits rows to what a reader sees, and adds nothing when the reader sees everything."""

from django.contrib.auth.models import AnonymousUser

from koordinat.core.selectors import within
from koordinat.meetings.models import AgendaItem, Meeting


def test_a_reader_who_sees_every_meeting_adds_no_condition(coordinator):
    questions = within(AgendaItem.objects.all(), "meeting", Meeting.objects.visible_to(coordinator))
    assert " IN " not in str(questions.query)


def test_a_restricted_reader_keeps_the_restriction(db):
    questions = within(AgendaItem.objects.all(), "meeting", Meeting.objects.visible_to(AnonymousUser()))
    assert '"meetings_agendaitem"."meeting_id" IN' in str(questions.query)
    assert "published" in str(questions.query)
