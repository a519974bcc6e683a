"""Named errors that services raise; views turn them into form errors or 409 answers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class ConcurrentEditError(ValidationError):
    """The row changed since the form was opened; saving would overwrite someone's work."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else changed this record while you were editing it. Reload the page to see their changes."
            ),
            code="concurrent_edit",
        )
