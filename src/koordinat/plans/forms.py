"""Input checks for plan pages; the rules live in services."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from koordinat.core.fields import (
    IsoDateField,
    OptionChoiceField,
    PickerSelect,
    TranslatedFormMixin,
    limit_choices,
)
from koordinat.core.forms import CheckboxColumns
from koordinat.core.text import in_language
from koordinat.core.translation import language_codes, texts_from, texts_of
from koordinat.directory.forms import OrganizationChoiceField, VersionedForm
from koordinat.directory.models import Body, Organization
from koordinat.directory.selectors import BODY_CHOICES
from koordinat.places.models import District

from .importing.columns import mapping_example, parse_mapping
from .importing.matching import OrganizationIndex
from .importing.readers import max_upload_bytes
from .models import Indicator, LegalAct, Measure, Plan
from .reminders import default_ladder
from .services import IndicatorContent, MeasureContent, Party


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by title or code"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Plan.Kind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Plan.Status.choices]
    )
    body = OptionChoiceField(
        label=_("Owning body"), required=False, queryset=Body.objects.none(), empty_label=_("Any body")
    )
    coordinator = OptionChoiceField(
        label=_("Coordinating organisation"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("Any"),
        label_fields=("short_name", "name"),
    )

    def __init__(self, *args: Any, bodies: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "body", bodies, cached_as=BODY_CHOICES)
        limit_choices(self, "coordinator", organizations)


class MeasureFilterForm(forms.Form):
    q = forms.CharField(label=_("Search in measures"), required=False, max_length=200)
    area = OptionChoiceField(
        label=_("Working group or area"), required=False, queryset=Body.objects.none(), empty_label=_("Any")
    )
    executor = OptionChoiceField(
        label=_("Executor"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("Any"),
        label_fields=("short_name", "name"),
        widget=PickerSelect,
    )
    district = OptionChoiceField(
        label=_("District"), required=False, queryset=Organization.objects.none(), empty_label=_("Any")
    )

    def __init__(self, *args: Any, areas: Any, executors: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "area", areas)
        limit_choices(self, "executor", executors)
        limit_choices(self, "district", districts)


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label=_("Plan document"),
        help_text=_(
            "A DOCX or XLSX file with the plan table: number, measure, executors, execution period. "
            "A CSV file is read as Decidim's accountability results export."
        ),
    )
    plan = forms.CharField(
        label=_("Plan code"),
        max_length=50,
        help_text=_("The code of an existing plan to update it, or a new code to register a new plan."),
    )
    title = forms.CharField(label=_("Title of a new plan (Azerbaijani)"), required=False, max_length=1000)
    kind = forms.ChoiceField(
        label=_("Kind of a new plan"), choices=Plan.Kind.choices, initial=Plan.Kind.ACTION_PLAN
    )
    columns = forms.CharField(
        label=_("Columns, if the headers are not recognised"),
        required=False,
        max_length=200,
    )

    amending_act: forms.ModelChoiceField[LegalAct] = forms.ModelChoiceField(
        label=_("Amending act"),
        required=False,
        queryset=LegalAct.objects.none(),
        empty_label=_("None: a new plan or a first import"),
        help_text=_("For an amended version of a plan already in the register: the act that amended it."),
    )

    def __init__(self, *args: Any, acts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "amending_act", acts)
        self.fields["amending_act"].label_from_instance = lambda act: f"{act}: {act.title}"  # type: ignore[attr-defined]
        self.fields["columns"].help_text = _("For example: %(example)s") % {"example": mapping_example()}

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():
            raise ValidationError(
                _("The file is larger than %(limit)d MB.") % {"limit": max_upload_bytes() // 2**20},
                code="too_large",
            )
        if not upload.name.lower().endswith((".docx", ".xlsx", ".csv")):
            raise ValidationError(
                _("Choose a .docx or .xlsx file, or a Decidim results .csv file."), code="file_type"
            )
        return upload

    def clean_columns(self) -> dict[str, int]:
        try:
            return parse_mapping(self.cleaned_data["columns"] or "")
        except ValueError as error:
            raise ValidationError(
                _("Cannot read “%(part)s”; write the columns as %(example)s.")
                % {"part": error, "example": mapping_example()},
                code="columns",
            ) from error


class ImportConfirmForm(forms.Form):
    """One choice per executor name the registry did not recognise; the candidates come first."""

    create_missing = forms.BooleanField(
        label=_("Create the executors I did not choose as new organisations"), required=False
    )

    def __init__(
        self,
        *args: Any,
        unmatched: list[tuple[str, list[tuple[int, str]]]],
        organizations: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        everyone = [(organization.pk, organization.name) for organization in organizations]
        self.names: dict[str, str] = {}
        for index, (name, candidates) in enumerate(unmatched):
            key = f"executor_{index}"
            self.names[key] = name
            suggested = [(pk, f"{label} ({_('suggested')})") for pk, label in candidates]
            self.fields[key] = forms.TypedChoiceField(
                label=name,
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", _("Not chosen")), *suggested, *[(pk, label) for pk, label in everyone]],
                widget=PickerSelect,
            )

    def choices(self) -> dict[str, int]:
        return {
            self.names[key]: value for key, value in self.cleaned_data.items() if key in self.names and value
        }


def locale_label(locale: str) -> str:
    """ "ca (Catalan)": the code as the file names it, and the language's name where Django knows it."""
    try:
        return f"{locale} ({translation.get_language_info(locale)['name_translated']})"
    except KeyError:
        return locale


LANGUAGE_LABELS = {"az": _("Azerbaijani texts"), "ru": _("Russian texts"), "en": _("English texts")}


class ImportLanguagesForm(forms.Form):
    """Which of the file's languages fills each of Koordinat's: a Decidim file has the locales of the
    organisation that wrote it (ca, es, ...). Azerbaijani is required, as every measure has it."""

    def __init__(self, *args: Any, locales: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(locale, locale_label(locale)) for locale in locales]
        for code in language_codes():
            self.fields[code] = forms.ChoiceField(
                label=LANGUAGE_LABELS.get(code, code),
                required=code == language_codes()[0],
                choices=[("", _("None: not imported")), *choices],
                help_text=_("The file's title/… and description/… columns in this language."),
                error_messages={
                    "required": _("Choose the language of the Azerbaijani texts: every measure needs them.")
                },
            )

    def languages(self) -> dict[str, str]:
        return {code: self.cleaned_data[code] for code in language_codes()}


class DecidimExportForm(forms.Form):
    """The locales to write each language's texts under, so that they are the locales of the Decidim
    organisation that imports the file: its importer reads only `title/<its locale>` columns and
    refuses a result without a title in its default locale."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in language_codes():
            self.fields[f"locale_{code}"] = forms.RegexField(
                label=LANGUAGE_LABELS.get(code, code),
                regex=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$",
                required=False,
                max_length=12,
                initial=code,
                help_text=_("Written as the Decidim locale, e.g. ca, es, en; leave empty to leave them out."),
                error_messages={"invalid": _("Enter a locale code such as ca, es or pt-BR.")},
                widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
            )

        self.fields["separator"] = forms.ChoiceField(
            label=_("Separator"),
            required=False,
            initial=";",
            choices=[(";", _("; (Decidim's default)")), (",", ",")],
            help_text=_("The one the importing Decidim is set to read (DECIDIM_DEFAULT_CSV_COL_SEP)."),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        seen: set[str] = set()
        for code in language_codes():
            locale = data.get(f"locale_{code}")
            if locale and locale in seen:
                self.add_error(f"locale_{code}", _("“%(locale)s” is given twice.") % {"locale": locale})
            elif locale:
                seen.add(locale)
        if not seen and not self.errors:
            raise ValidationError(_("Give the locale of at least one language."), code="no_locale")
        return data

    def locales(self) -> dict[str, str]:
        """Koordinat language → Decidim locale, for the languages written."""
        return {
            code: self.cleaned_data[f"locale_{code}"]
            for code in language_codes()
            if self.cleaned_data.get(f"locale_{code}")
        }


class LegalActChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj}: {obj.title}"


class LegalActForm(TranslatedFormMixin, forms.Form):
    translated = [("title", _("Title"), {"max_length": 1000})]
    kind = forms.ChoiceField(label=_("Kind"), choices=LegalAct.Kind.choices)
    number = forms.CharField(label=_("Number"), required=False, max_length=50)
    date = IsoDateField(label=_("Date"), help_text=_("For example 2020-02-27."))
    issuer = OrganizationChoiceField(
        label=_("Issued by"), required=False, queryset=Organization.objects.none(), empty_label=_("Not given")
    )
    url = forms.URLField(
        label=_("Link to the published text"), required=False, max_length=500, assume_scheme="https"
    )

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "issuer", organizations)


PARTY_SLOTS = (1, 2)


class WorkingDaysField(forms.CharField):
    """Numbers of working days separated by commas ("10, 3"), cleaned to a list of integers."""

    default_error_messages = {
        "invalid": _("Write whole numbers of working days separated by commas, for example 10, 3."),
    }
    widget = forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"})

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if not text:
            return None
        parts = [part.strip() for part in re.split(r"[,;\s]+", text) if part.strip()]
        if not all(part.isdigit() for part in parts):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return [int(part) for part in parts]


def _days(days: Any) -> str:
    return ", ".join(str(day) for day in days)


class PlanForm(TranslatedFormMixin, VersionedForm):
    """A plan's own fields; the code only when it is registered. Parties only for joint plans."""

    translated = [("title", _("Title"), {"max_length": 1000, "textarea": True})]
    code = forms.RegexField(
        label=_("Code"),
        regex=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        max_length=50,
        help_text=_("A short unique code of Latin letters, digits, dots and hyphens, e.g. OGP-NAP-2020."),
        error_messages={"invalid": _("Use Latin letters, digits, dots and hyphens only, e.g. OGP-NAP-2020.")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Plan.Kind.choices)
    period_start = IsoDateField(label=_("Period from"), help_text=_("For example 2026-01-01."))
    period_end = IsoDateField(label=_("Period until"), help_text=_("For example 2027-12-31."))
    approved_by = LegalActChoiceField(
        label=_("Approved by"), required=False, queryset=LegalAct.objects.none(), empty_label=_("Not yet")
    )
    coordinator = OrganizationChoiceField(
        label=_("Coordinating organisation"), queryset=Organization.objects.none()
    )
    owning_body: forms.ModelChoiceField[Body] = forms.ModelChoiceField(
        label=_("Owning body"), required=False, queryset=Body.objects.none(), empty_label=_("None")
    )
    status = forms.ChoiceField(label=_("Status"), choices=Plan.Status.choices)
    reporting_periodicity = forms.ChoiceField(label=_("Reports are due"), choices=Plan.Periodicity.choices)
    report_due_days = forms.IntegerField(
        label=_("Reports due, days after the period"),
        min_value=0,
        max_value=365,
        help_text=_("For example 10: reports are due by the 10th day after each period."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )

    reminders_before = WorkingDaysField(
        label=_("Reminders before the control date (working days before)"), required=False
    )
    reminders_overdue = WorkingDaysField(
        label=_("Reminders after the control date (working days overdue)"), required=False
    )
    escalate_to_head = forms.IntegerField(
        label=_("Tell the head of the executing organisation from (working days overdue)"),
        required=False,
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    escalate_to_controller = forms.IntegerField(
        label=_("Tell the controller from (working days overdue)"),
        required=False,
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )

    def __init__(
        self, *args: Any, acts: Any, organizations: Any, bodies: Any, creating: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["code"]
        ladder = default_ladder()
        defaults = {
            "reminders_before": _days(ladder.as_json()["before"]),
            "reminders_overdue": _days(ladder.as_json()["overdue"]),
            "escalate_to_head": ladder.head,
            "escalate_to_controller": ladder.controller,
        }
        for name, value in defaults.items():
            self.fields[name].help_text = _(
                "Leave the four reminder fields empty to follow the installation's ladder; here: %(value)s."
            ) % {"value": value}
        limit_choices(self, "approved_by", acts)
        limit_choices(self, "coordinator", organizations)
        limit_choices(self, "owning_body", bodies)
        for slot in PARTY_SLOTS:
            self.fields[f"party_{slot}_country"] = forms.RegexField(
                label=_("Joint plan, party %(slot)d: country") % {"slot": slot},
                regex=r"^[A-Za-z]{2}$",
                required=False,
                max_length=2,
                help_text=_("Two-letter ISO code, for example AZ. Only for a joint action plan."),
                error_messages={"invalid": _("Enter a two-letter country code, for example AZ.")},
                widget=forms.TextInput(attrs={"class": "govuk-input--width-2"}),
            )
            for role, label in (
                ("lead", _("Joint plan, party %(slot)d: lead organisation")),
                ("coordinator", _("Joint plan, party %(slot)d: coordinator")),
            ):
                self.fields[f"party_{slot}_{role}"] = OrganizationChoiceField(
                    label=label % {"slot": slot},
                    required=False,
                    queryset=organizations,
                    empty_label=_("None"),
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        for slot in PARTY_SLOTS:
            given = [data.get(f"party_{slot}_{part}") for part in ("country", "lead", "coordinator")]
            if any(given) and not all(given):
                for part, value in zip(("country", "lead", "coordinator"), given, strict=True):
                    if not value:
                        self.add_error(
                            f"party_{slot}_{part}",
                            _(
                                "Give the country, the lead organisation and the coordinator of party %(slot)d."
                            )
                            % {"slot": slot},
                        )
        return data

    def parties(self) -> list[Party]:
        data = self.cleaned_data
        return [
            Party(
                country=data[f"party_{slot}_country"].upper(),
                lead=data[f"party_{slot}_lead"],
                coordinator=data[f"party_{slot}_coordinator"],
            )
            for slot in PARTY_SLOTS
            if data.get(f"party_{slot}_country")
        ]

    def reminder_ladder(self) -> dict[str, Any] | None:
        """The plan's own ladder, the installation's values where a field is empty; None if all are."""
        data = self.cleaned_data
        given = {
            "before": data.get("reminders_before"),
            "overdue": data.get("reminders_overdue"),
            "head": data.get("escalate_to_head"),
            "controller": data.get("escalate_to_controller"),
        }
        if all(value is None for value in given.values()):
            return None
        defaults = default_ladder().as_json()
        return {key: defaults[key] if value is None else value for key, value in given.items()}

    def plan_values(self) -> dict[str, Any]:
        """The keyword arguments plan_create and plan_update share."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": texts_from(data, "title"),
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "coordinator": data["coordinator"],
            "owning_body": data["owning_body"],
            "approved_by": data["approved_by"],
            "status": data["status"],
            "reporting_periodicity": data["reporting_periodicity"],
            "report_due_days": data["report_due_days"],
            "reminder_ladder": self.reminder_ladder(),
            "parties": self.parties(),
        }


class OrganizationLinesField(forms.CharField):
    """Organisations one per line, named as plans name them; each must match the registry."""

    widget = forms.Textarea(
        attrs={
            "rows": 4,
            "data-picker": "lines",
            "data-picker-url": reverse_lazy("directory:organization_search"),
        }
    )

    def to_python(self, value: Any) -> list[Organization]:  # type: ignore[override]
        text = super().to_python(value) or ""
        names = [line.strip() for line in text.splitlines() if line.strip()]
        if not names:
            return []
        # Abolished organisations are known too (active ones win a shared name): the service says
        # why an abolished one cannot be given new work, and one already on the item may stay.
        index = OrganizationIndex(
            Organization.objects.order_by(F("abolished_on").asc(nulls_first=True), "pk")
        )
        found: list[int] = []
        errors = []
        for name in names:
            match = index.match(name)
            if match.organization_id is None:
                suggestions = ", ".join(f"“{candidate.name}”" for candidate in match.candidates[:3])
                errors.append(
                    _("“%(name)s” is not in the directory; did you mean %(suggestions)s?")
                    % {"name": name, "suggestions": suggestions}
                    if suggestions
                    else _("“%(name)s” is not in the directory.") % {"name": name}
                )
            else:
                found.append(match.organization_id)
        if errors:
            raise ValidationError(errors, code="unknown_organization")
        by_pk = Organization.objects.in_bulk(found)
        return [by_pk[pk] for pk in dict.fromkeys(found)]


class MeasureForm(TranslatedFormMixin, VersionedForm):
    translated = [
        ("text", _("Measure"), {"max_length": 10000, "textarea": True}),
        ("expected_result", _("Expected result"), {"required": False, "max_length": 10000, "textarea": True}),
        (
            "other_executors",
            _("Other relevant bodies, not in the registry"),
            {
                "required": False,
                "max_length": 1000,
                "help_text": _(
                    "Only bodies the registry does not hold, such as a foreign partner, as the plan words "
                    "them; they file no reports. Executors from the registry go under co-executors."
                ),
            },
        ),
        ("funding_source", _("Funding source"), {"required": False, "max_length": 500}),
    ]
    number = forms.RegexField(
        label=_("Item number"),
        regex=r"^\d+(\.\d+)*$",
        max_length=30,
        help_text=_("For example 5.6; item 5 must already be in the plan."),
        error_messages={"invalid": _("Enter an item number like 5 or 5.6.")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    lead = OrganizationChoiceField(
        label=_("Lead executor"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("None — a section heading"),
    )
    co_executors = OrganizationLinesField(
        label=_("Co-executors"),
        required=False,
        help_text=_(
            "One organisation per line, in order; full names, short names and abbreviations are recognised."
        ),
    )
    by_agreement: forms.ModelMultipleChoiceField[Organization] = forms.ModelMultipleChoiceField(
        label=_("Co-executors taking part by agreement"),
        required=False,
        queryset=Organization.objects.none(),
        widget=CheckboxColumns,
        help_text=lazy(
            lambda: (
                _(
                    "Bodies the plan cannot instruct, such as the parliament, courts, municipalities or companies "
                    "(“%(az)s”, “%(ru)s”). A co-executor added above can be ticked once it is saved."
                )
                % {"az": in_language("razılaşdırılmaqla", "az"), "ru": in_language("по согласованию", "ru")}
            ),
            str,
        )(),
    )
    deadline_text = forms.CharField(
        label=_("Execution period"),
        required=False,
        max_length=300,
        help_text=lazy(
            lambda: (
                _("As the plan words it, e.g. “%(az)s”, “%(ru)s”, “%(en)s”.")
                % {
                    "az": in_language("2026-cı ilin II rübü", "az"),
                    "ru": in_language("IV квартал 2026 г.", "ru"),
                    "en": in_language("by Q2 2026", "en"),
                }
            ),
            str,
        )(),
    )
    area: forms.ModelChoiceField[Body] = forms.ModelChoiceField(
        label=_("Working group or area"), required=False, queryset=Body.objects.none(), empty_label=_("None")
    )
    budget = forms.DecimalField(
        label=_("Budget, AZN"),
        required=False,
        min_value=0,
        max_digits=16,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
    )
    districts: forms.ModelMultipleChoiceField[District] = forms.ModelMultipleChoiceField(
        label=_("Districts"),
        required=False,
        queryset=District.objects.none(),
        widget=CheckboxColumns,
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=500, help_text=_("Separated by commas.")
    )

    def __init__(
        self, *args: Any, organizations: Any, bodies: Any, districts: Any, creating: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["number"]
        self.order_fields(
            [
                "number",
                *[f"{name}_{code}" for name in ("text", "expected_result") for code in language_codes()],
                "lead",
                "co_executors",
                "by_agreement",
                *[f"other_executors_{code}" for code in language_codes()],
                "deadline_text",
                "area",
                "budget",
                *[f"funding_source_{code}" for code in language_codes()],
            ]
        )
        limit_choices(self, "lead", organizations)
        limit_choices(self, "by_agreement", organizations)
        # The boxes offered are the item's co-executors; the lead never takes part by agreement.
        co_executors = self.initial.get("agreement_options", [])
        if co_executors:
            self.fields["by_agreement"].widget.choices = [(o.pk, o.name) for o in co_executors]
        else:
            del self.fields["by_agreement"]
        limit_choices(self, "area", bodies)
        limit_choices(self, "districts", districts)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("co_executors") and not data.get("lead"):
            self.add_error("lead", _("Choose the lead executor before co-executors."))
        lead = data.get("lead")
        if lead is not None and lead in data.get("by_agreement", []):
            self.add_error(
                "by_agreement",
                _("%(name)s is the lead executor, who cannot take part by agreement.") % {"name": lead.name},
            )
        return data

    def content(self) -> MeasureContent:
        data = self.cleaned_data
        lead = [data["lead"]] if data["lead"] else []
        return MeasureContent(
            text=texts_from(data, "text"),
            expected_result=texts_from(data, "expected_result"),
            deadline_text=data["deadline_text"].strip(),
            executors=lead + [o for o in data["co_executors"] if o not in lead],
            other_executors=texts_from(data, "other_executors"),
            by_agreement=[*data.get("by_agreement", []), *self._lead_by_agreement(lead)],
            area=data["area"],
            budget=data["budget"],
            funding_source=texts_from(data, "funding_source"),
            districts=list(data["districts"]),
            tags=[tag.strip() for tag in data["tags"].split(",") if tag.strip()],
        )

    def _lead_by_agreement(self, lead: list[Organization]) -> list[Organization]:
        """A lead an imported plan marks as taking part by agreement keeps the mark while it stays the lead:
        the form offers no box for it, and it is not the form's to take away."""
        kept = self.initial.get("lead_by_agreement")
        return [organization for organization in lead if kept is not None and organization.pk == kept]


def measure_initial(measure: Measure) -> dict[str, Any]:
    executors = list(measure.executors.all())
    return {
        "version": measure.version,
        "lead": executors[0].organization if executors else None,
        "lead_by_agreement": executors[0].organization_id
        if executors and executors[0].by_agreement
        else None,
        "co_executors": "\n".join(executor.organization.name for executor in executors[1:]),
        "agreement_options": [executor.organization for executor in executors[1:]],
        "by_agreement": [executor.organization for executor in executors[1:] if executor.by_agreement],
        "deadline_text": measure.deadline_text,
        "area": measure.area,
        "budget": measure.budget,
        "districts": list(measure.districts.all()),
        "tags": ", ".join(measure.tags),
        **{
            f"{name}_{code}": text
            for name in ("text", "expected_result", "other_executors", "funding_source")
            for code, text in texts_of(measure, name).items()
        },
    }


class IndicatorForm(TranslatedFormMixin, VersionedForm):
    translated = [
        ("name", _("Indicator"), {"max_length": 500}),
        ("unit", _("Unit"), {"required": False, "max_length": 100}),
    ]
    baseline = forms.DecimalField(label=_("Baseline"), required=False, max_digits=18, decimal_places=4)
    baseline_year = forms.IntegerField(
        label=_("Baseline year"), required=False, min_value=1990, max_value=2100
    )
    targets = forms.CharField(
        label=_("Targets by year"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One year per line, e.g. “2026: 40”."),
    )
    source_organization = OrganizationChoiceField(
        label=_("Data source organisation"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("Not given"),
    )
    source_system = forms.CharField(label=_("Data source information system"), required=False, max_length=300)

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "source_organization", organizations)

    def clean_targets(self) -> dict[int, Decimal]:
        targets: dict[int, Decimal] = {}
        for line in (self.cleaned_data["targets"] or "").splitlines():
            if not line.strip():
                continue
            match = re.fullmatch(r"\s*(\d{4})\s*[:=–-]\s*(-?\d+(?:[.,]\d+)?)\s*", line)
            if match is None:
                raise ValidationError(
                    _("Cannot read “%(line)s”; write one year per line, e.g. “2026: 40”.")
                    % {"line": line.strip()},
                    code="targets",
                )
            year = int(match.group(1))
            if year in targets:
                raise ValidationError(_("The year %(year)d is given twice.") % {"year": year}, code="targets")
            targets[year] = Decimal(match.group(2).replace(",", "."))
        return targets

    def content(self) -> IndicatorContent:
        data = self.cleaned_data
        return IndicatorContent(
            name=texts_from(data, "name"),
            unit=texts_from(data, "unit"),
            baseline=data["baseline"],
            baseline_year=data["baseline_year"],
            targets=data["targets"],
            source_organization=data["source_organization"],
            source_system=data["source_system"].strip(),
        )


def indicator_initial(indicator: Indicator) -> dict[str, Any]:
    return {
        "version": indicator.version,
        "baseline": indicator.baseline,
        "baseline_year": indicator.baseline_year,
        "targets": "\n".join(f"{t.year}: {t.value.normalize():f}" for t in indicator.targets.all()),
        "source_organization": indicator.source_organization,
        "source_system": indicator.source_system,
        **{
            f"{name}_{code}": text
            for name in ("name", "unit")
            for code, text in texts_of(indicator, name).items()
        },
    }


class PlanPublishForm(VersionedForm):
    """Publishing a plan on the portal: the version the coordinator saw."""


class PlanUnpublishForm(VersionedForm):
    reason = forms.CharField(
        label=_("Why is the plan withdrawn from the portal?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the plan is withdrawn from the portal.")},
    )
