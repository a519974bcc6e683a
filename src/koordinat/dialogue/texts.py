"""What a citizen's text may hold: a length, at most two links. HTML is kept as typed and always shown
escaped (templates autoescape it), never rendered."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MIN_LENGTH = 10
MAX_LENGTH = 2000
MAX_LINKS = 2
LINK = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)


def check_text(text: str) -> str:
    """The text trimmed, or a ValidationError naming what is wrong with it."""
    text = text.strip()
    if len(text) < MIN_LENGTH:
        raise ValidationError(
            _("Write at least %(count)d characters.") % {"count": MIN_LENGTH}, code="too_short"
        )
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            _("Write at most %(count)d characters; you wrote %(length)d.")
            % {"count": MAX_LENGTH, "length": len(text)},
            code="too_long",
        )
    links = len(LINK.findall(text))
    if links > MAX_LINKS:
        raise ValidationError(
            ngettext(
                "Give at most %(count)d link; you gave %(links)d.",
                "Give at most %(count)d links; you gave %(links)d.",
                MAX_LINKS,
            )
            % {"count": MAX_LINKS, "links": links},
            code="too_many_links",
        )
    return text
