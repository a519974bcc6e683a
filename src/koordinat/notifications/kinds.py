"""The kinds of notification and how each reads: a message with named placeholders, rendered in the
reader's language when it is read (see `Notification.text`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    REPORT_DUE = "report_due", _("report due")
    REPORT_OVERDUE = "report_overdue", _("report overdue")
    REPORT_RETURNED = "report_returned", _("report returned for rework")
    REPORT_ACCEPTED = "report_accepted", _("report accepted")
    REVIEW_WAITING = "review_waiting", _("report waiting for review")
    APPROVAL_WAITING = "approval_waiting", _("report waiting for the head's approval")
    EXTENSION_WAITING = "extension_waiting", _("extension request waiting")
    EXTENSION_DECIDED = "extension_decided", _("extension request decided")
    INSTRUCTION_ASSIGNED = "instruction_assigned", _("instruction assigned")
    INSTRUCTION_DUE = "instruction_due", _("instruction due")
    INSTRUCTION_OVERDUE = "instruction_overdue", _("instruction overdue")
    MINUTES_WAITING = "minutes_waiting", _("minutes waiting for the chair")
    ESCALATION = "escalation", _("escalation")
    ANSWER_WAITING = "answer_waiting", _("citizen's submission to answer")
    ANSWER_DUE = "answer_due", _("answer to a citizen due")
    ANSWER_OVERDUE = "answer_overdue", _("answer to a citizen overdue")


class Delivery(models.TextChoices):
    """How a person wants notices of one kind by e-mail; in the application they always appear."""

    IMMEDIATE = "immediate", _("by e-mail at once")
    DIGEST = "digest", _("in one daily e-mail")
    NONE = "none", _("not by e-mail")


# The message of each kind. Placeholders (see `Notification.text`): `item` (the item's reference and
# text), `organization`, `date` (ISO, shown in the reader's date format), `days` (a text),
# `comment`, `number`,
# `meeting`, `decision` (approved/refused), `person`.
MESSAGES = {
    Kind.REPORT_DUE: _("The report on %(item)s is due on %(date)s."),
    Kind.REPORT_OVERDUE: _("The report on %(item)s was due on %(date)s and has not been sent."),
    Kind.REPORT_RETURNED: _(
        "The report of %(organization)s on %(item)s was returned for rework: %(comment)s"
    ),
    Kind.REPORT_ACCEPTED: _("The report of %(organization)s on %(item)s was accepted."),
    Kind.REVIEW_WAITING: _("%(organization)s sent its report on %(item)s; it waits for your review."),
    Kind.APPROVAL_WAITING: _("The report of %(organization)s on %(item)s waits for your approval."),
    Kind.EXTENSION_WAITING: _("%(organization)s asks to move the control date of %(item)s to %(date)s."),
    Kind.EXTENSION_DECIDED: _(
        "Your request to move the control date of %(item)s to %(date)s was %(decision)s."
    ),
    Kind.INSTRUCTION_ASSIGNED: _("%(organization)s is to execute %(item)s by %(date)s."),
    Kind.INSTRUCTION_DUE: _("Instruction %(item)s is due on %(date)s."),
    Kind.INSTRUCTION_OVERDUE: _("Instruction %(item)s was due on %(date)s and has not been done."),
    Kind.MINUTES_WAITING: _("Minutes No. %(number)s of %(meeting)s wait for your approval."),
    # `days`: "7 working days" in each language (reminders.working_days).
    Kind.ESCALATION: _("%(item)s is %(days)s overdue; %(organization)s has not done it."),
    # Citizens' submissions routed by the dialogue for an answer (decision 70): `item` its reference.
    Kind.ANSWER_WAITING: _("Citizen's submission %(item)s waits for your organisation's answer by %(date)s."),
    Kind.ANSWER_DUE: _("The answer to citizen's submission %(item)s is due on %(date)s."),
    Kind.ANSWER_OVERDUE: _(
        "The answer to citizen's submission %(item)s was due on %(date)s and is not published."
    ),
}

# Words the messages take as parameters, translated when read.
DECISIONS = {
    "approved": pgettext_lazy("extension request", "approved"),
    "refused": pgettext_lazy("extension request", "refused"),
}
