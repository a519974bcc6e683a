"""The dialogue's forms. Each rejects malformed input with a message on its field; the rules (limits,
ownership, moderation) are the services'."""

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Submission
from .texts import MAX_LENGTH, check_text


class Honeypot(forms.Form):
    """A field people never see (hidden by the stylesheet, skipped by screen readers and the keyboard):
    robots fill it in."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class SignUpForm(Honeypot):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not only digits, not like your name or address."),
        max_length=128,
    )
    organization_name = forms.CharField(
        label=_("Civil-society organisation (optional)"),
        max_length=200,
        required=False,
        help_text=_("If you write on behalf of an organisation, its name is shown with your submissions."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my name and my published submissions are shown on the portal; my e-mail address is never shown."
        ),
        error_messages={"required": _("Agree to the terms to create an account.")},
    )

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        password_validation.validate_password(password)
        return password


class SignInForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=128)


class SubmissionForm(Honeypot):
    kind = forms.ChoiceField(
        label=_("What do you send?"), choices=Submission.Kind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Your text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_LENGTH * 2,  # a longer text is refused by check_text with its length named
        help_text=_("At most 2,000 characters and two links. Do not write personal data."),
    )
    language = forms.ChoiceField(label=_("Language of your text"), choices=settings.LANGUAGES)

    def clean_text(self) -> str:
        return check_text(self.cleaned_data["text"])


class EditForm(forms.Form):
    text = forms.CharField(
        label=_("Your text"), widget=forms.Textarea(attrs={"rows": 8}), max_length=MAX_LENGTH * 2
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_text(self) -> str:
        return check_text(self.cleaned_data["text"])


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept and publish")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label=_("Reason for rejecting"),
        choices=[("", "—"), *Submission.Reason.choices],
        required=False,
        help_text=_("Shown in the public moderation log; the rejected text is never published."),
    )
    reason_text = forms.CharField(
        label=_("Reason in your words (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("decision") == "reject" and not data.get("reason"):
            self.add_error("reason", ValidationError(_("Choose the reason for rejecting it.")))
        return data


class AnswerForm(forms.Form):
    text_az = forms.CharField(
        label=_("Answer in Azerbaijani"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    text_ru = forms.CharField(
        label=_("Answer in Russian"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    text_en = forms.CharField(
        label=_("Answer in English"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
