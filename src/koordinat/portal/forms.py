"""The portal's one form: search, by GET, without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search plans, measures, organisations and districts"),
        required=False,
        max_length=200,
        help_text=_("Type in any language; Latin letters find Azerbaijani ones: “seher” finds “şəhər”."),
    )
