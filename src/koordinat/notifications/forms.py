"""The notifications page's filter and the settings form."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from koordinat.core.text import capfirst

from .kinds import Delivery, Kind


class FilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    unread = forms.BooleanField(label=_("Unread only"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [
            ("", _("All kinds")),
            *((k.value, capfirst(str(k.label))) for k in Kind),
        ]


class SettingsForm(forms.Form):
    """The language of e-mails and, per kind, whether notices come at once, in a digest or not by
    e-mail; escalations cannot be switched off."""

    language = forms.ChoiceField(
        label=_("Language of e-mails"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            choices = Delivery.choices
            help_text: Any = ""
            if kind == Kind.ESCALATION:
                choices = [(value, label) for value, label in Delivery.choices if value != Delivery.NONE]
                help_text = _("Escalations are always sent by e-mail.")
            self.fields[f"delivery_{kind.value}"] = forms.ChoiceField(
                label=capfirst(str(kind.label)), choices=choices, help_text=help_text
            )

    def deliveries(self) -> dict[str, str]:
        return {kind.value: self.cleaned_data[f"delivery_{kind.value}"] for kind in Kind}
