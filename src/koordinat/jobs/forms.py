from django import forms
from django.utils.translation import gettext_lazy as _

from .models import STATUS_LABELS


class JobFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *STATUS_LABELS.items()],
    )

    def status_asked(self) -> str | None:
        """The status asked for; none for an unbound form or one with errors (its errors show)."""
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data["status"] or None
