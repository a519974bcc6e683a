"""Input checks for execution pages; the rules live in services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from koordinat.core.context_processors import LANGUAGE_NAMES
from koordinat.core.fields import IsoDateField, OptionChoiceField, PickerSelect, limit_choices
from koordinat.directory.forms import VersionedForm
from koordinat.directory.models import Body, Organization, Person
from koordinat.directory.selectors import BODY_CHOICES
from koordinat.places.models import District

from . import register
from .models import ControlItem, Evidence, ExecutionStatus, PublicStatus, Report, ReportingCycle
from .selectors import WorklistFilters

DECISIONS = [("accept", _("Accept the report")), ("return", _("Return it for rework"))]


class ReportForm(VersionedForm):
    narrative = forms.CharField(
        label=_("What was done"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Facts and figures for this period; the controller reads it as the official information on execution."
        ),
    )
    narrative_language = forms.ChoiceField(
        label=_("Written in"), choices=list(LANGUAGE_NAMES.items()), widget=forms.RadioSelect
    )
    claimed_status = forms.ChoiceField(
        label=_("Execution status"), choices=ExecutionStatus.choices, widget=forms.RadioSelect
    )
    progress = forms.IntegerField(
        label=_("Progress, %"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    completed_on = IsoDateField(
        label=_("Work completed on"),
        required=False,
        help_text=_("Only for completed work, for example 2026-06-20."),
    )

    def __init__(self, *args: Any, indicators: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            unit = f" ({indicator.unit})" if indicator.unit else ""
            self.fields[f"actual_{indicator.pk}"] = forms.DecimalField(
                label=_("Actual value: %(indicator)s") % {"indicator": f"{indicator.name}{unit}"},
                required=False,
                max_digits=18,
                decimal_places=4,
                widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
            )

    def actuals(self) -> dict[int, tuple[Decimal, str]]:
        return {
            indicator.pk: (self.cleaned_data[f"actual_{indicator.pk}"], "")
            for indicator in self.indicators
            if self.cleaned_data.get(f"actual_{indicator.pk}") is not None
        }


def report_initial(report: Report) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "version": report.version,
        "narrative": report.narrative,
        "narrative_language": report.narrative_language,
        "claimed_status": report.claimed_status,
        "progress": report.progress,
        "completed_on": report.completed_on,
    }
    initial.update({f"actual_{actual.indicator_id}": actual.value for actual in report.actuals.all()})
    return initial


REPORT_FORM_ID = "report-form"


class EvidenceForm(forms.Form):
    """A file or a link to attach, posted with the report's own fields (the inputs belong to the
    report's <form> through their `form` attribute), so attaching never loses the text typed."""

    prefix = "evidence"

    title = forms.CharField(label=_("What it shows"), max_length=300, required=False)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT, ODS or ODP, named as its type is (akt.pdf)."),
    )
    url = forms.URLField(label=_("Or a link"), required=False, max_length=500, assume_scheme="https")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["form"] = REPORT_FORM_ID

    def has_input(self) -> bool:
        """Something was typed or chosen: a title, a link or a file (which is then to be attached)."""
        if not self.is_bound:
            return False
        typed = any(self.data.get(self.add_prefix(name), "").strip() for name in ("title", "url"))
        return typed or bool(self.files.get(self.add_prefix("file")))

    def uploaded_name(self) -> str:
        upload = self.files.get(self.add_prefix("file")) if self.is_bound else None
        return str(getattr(upload, "name", "") or "")


class DecisionForm(VersionedForm):
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment for the executor"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the report is returned."),
    )

    @property
    def accepted(self) -> bool:
        return self.cleaned_data["decision"] == "accept"


class HeadDecisionForm(DecisionForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accept", _("Approve and send to the controller")),
            ("return", _("Give it back to the focal point")),
        ],
        widget=forms.RadioSelect,
    )


class ExtensionRequestForm(forms.Form):
    new_date = IsoDateField(label=_("New control date"), help_text=_("For example 2026-09-30."))
    reason = forms.CharField(
        label=_("Why more time is needed"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ExtensionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve the new date")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the executor"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the request is refused."),
    )


class ReportChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _("%(organization)s, %(cycle)s: %(status)s, %(claimed)s") % {
            "organization": obj.organization.name,
            "cycle": obj.cycle,
            "status": obj.get_status_display(),
            "claimed": obj.get_claimed_status_display(),
        }


class CloseForm(VersionedForm):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("remove", _("Remove from control: executed")),
            ("cancel", _("Cancel control: not to be executed")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    reports = ReportChoiceField(
        label=_("Accepted reports the decision rests on"),
        required=False,
        queryset=Report.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, reports: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reports"].queryset = reports  # type: ignore[attr-defined]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name


class ControllerPersonForm(VersionedForm):
    person = PersonChoiceField(
        label=_("Responsible person of the controller"),
        required=False,
        empty_label=_("Nobody named"),
        queryset=Person.objects.none(),
        widget=PickerSelect,
        help_text=_("People now working in the controlling organisation."),
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class ControlDateForm(VersionedForm):
    control_date = IsoDateField(label=_("Control date"), help_text=_("For example 2026-12-31."))
    reason = forms.CharField(
        label=_("Where the date comes from"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the ministry's letter of 12 March; the executors see it."),
    )
    outside_period = forms.BooleanField(
        label=_("The date is outside the plan's period, and the reason says why"), required=False
    )


class CycleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportingCycle.Kind.choices, widget=forms.RadioSelect)
    period_start = IsoDateField(label=_("Period from"), help_text=_("For example 2026-01-01."))
    period_end = IsoDateField(label=_("Period until"), help_text=_("For example 2026-03-31."))
    due_date = IsoDateField(label=_("Lead executors' reports due"), help_text=_("For example 2026-04-10."))
    co_executor_days_before = forms.IntegerField(
        label=_("Co-executors' inputs due, days before the lead executors' reports"),
        min_value=0,
        max_value=60,
        initial=5,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    note = forms.CharField(
        label=_("What is asked"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a one-off request: what the executors must report on."),
    )


class DueFilterForm(forms.Form):
    """The filters a list of items or of their reports shares: plan, overdue, due within N days (by
    the register's rule, see execution.status); every field may be left out of the query."""

    plan = forms.TypedChoiceField(label=_("Plan"), required=False, coerce=int, empty_value=None)
    overdue = forms.BooleanField(label=_("Only overdue items"), required=False)
    due_within = forms.IntegerField(
        label=_("Due within, days"),
        required=False,
        min_value=1,
        max_value=366,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
    )

    def __init__(self, *args: Any, plans: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan = self.fields["plan"]
        assert isinstance(plan, forms.TypedChoiceField)
        plan.choices = [("", _("Any plan")), *plans]

    def query(self) -> str:
        """The filters asked for as a query string of only the fields given, in a fixed order: what a
        saved filter and the export link carry. Empty for an unbound form or one with errors."""
        if not self.is_bound or not self.is_valid():
            return ""
        pairs = []
        for name in self.fields:
            if name not in self.data:
                continue
            value = self.cleaned_data[name]
            if value is True:
                value = "on"
            elif hasattr(value, "pk"):
                value = value.pk
            if value not in (None, "", False):
                pairs.append((name, value))
            elif name == "scope":
                pairs.append((name, ""))  # "all items", chosen over an organisation's default
        return urlencode(pairs)


class WorklistFilterForm(DueFilterForm):
    """My work's and the review queue's filters."""

    def filters(self) -> WorklistFilters:
        """The filters asked for; an unbound form or one with errors gives none (its errors show)."""
        if not self.is_bound or not self.is_valid():
            return WorklistFilters()
        data = self.cleaned_data
        return WorklistFilters(plan=data["plan"], overdue=data["overdue"], due_within=data["due_within"])


def _timeliness_field(label: Any, due: Any, on_time: Any, late: Any, *, help_text: Any) -> forms.ChoiceField:
    """A choice of every one counted, those on time or those late (see execution.timeliness)."""
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", _("Any")), (register.DUE, due), (register.ON_TIME, on_time), (register.LATE, late)],
        help_text=help_text,
    )


class RegisterFilterForm(DueFilterForm):
    """The register's filters and sort; every field may be left out of the query."""

    field_order = list(register.QUERY_FIELDS)
    # The filters the dashboards' figures link to, shown together under "Control dates, completion
    # and reports".
    FIGURE_FIELDS = register.FIGURE_FIELDS

    scope = forms.ChoiceField(label=_("Items"), required=False)
    body = OptionChoiceField(
        label=_("Collegial body"), required=False, queryset=Body.objects.none(), empty_label=_("Any body")
    )
    organization = OptionChoiceField(
        label=_("Executing organisation"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("Any"),
        label_fields=("short_name", "name"),
        widget=PickerSelect,
    )
    district = OptionChoiceField(
        label=_("District"), required=False, queryset=District.objects.none(), empty_label=_("Any")
    )
    status = forms.ChoiceField(
        label=_("Control status"),
        required=False,
        choices=[
            (register.OPEN, _("Under control (not removed or cancelled)")),
            *ControlItem.Status.choices,
            (register.ANY, _("Any status")),
        ],
    )
    undated = forms.BooleanField(label=_("Only items needing a control date"), required=False)
    control_from = IsoDateField(label=_("Control date from"), required=False)
    control_to = IsoDateField(label=_("Control date until"), required=False)
    completion = _timeliness_field(
        _("Completion"),
        _("Completion due (not cancelled)"),
        _("Completed by the control date"),
        _("Not completed by the control date"),
        help_text=_("Judged on the lead executor, or on the executing organisation chosen above."),
    )
    reports_from = IsoDateField(label=_("Reports due from"), required=False)
    reports_to = IsoDateField(label=_("Reports due until"), required=False)
    reports = _timeliness_field(
        _("Reports"),
        _("With a report due"),
        _("With a report sent on time"),
        _("With a report sent late or not sent"),
        help_text=_("Reports of the executing organisation chosen above, or of every executor."),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("date", _("Control date, earliest first")),
            ("-date", _("Control date, latest first")),
            ("number", _("Plan and number")),
        ],
    )

    def __init__(
        self,
        *args: Any,
        plans: list[tuple[int, str]],
        bodies: Any,
        organizations: Any,
        districts: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, plans=plans, **kwargs)
        scope = self.fields["scope"]
        assert isinstance(scope, forms.ChoiceField)
        scope.choices = [
            ("", _("All items")),
            (register.EXECUTING, _("Executed by my organisation")),
            (register.CONTROLLING, _("Controlled by my organisation")),
        ]
        limit_choices(self, "body", bodies, cached_as=BODY_CHOICES)
        limit_choices(self, "organization", organizations)
        limit_choices(self, "district", districts)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for start, end in (("control_from", "control_to"), ("reports_from", "reports_to")):
            if data.get(start) and data.get(end) and data[start] > data[end]:
                self.add_error(end, _("This date cannot be before the date above it."))
        return data

    def basic_fields(self) -> list[Any]:
        return [field for field in self if field.name not in self.FIGURE_FIELDS]

    def figure_fields(self) -> list[Any]:
        return [field for field in self if field.name in self.FIGURE_FIELDS]

    def figure_filters_given(self) -> bool:
        return any(self.data.get(name) for name in self.FIGURE_FIELDS)

    def filters(self, *, default_scope: str) -> register.RegisterFilters:
        """The filters asked for; an unbound form or one with errors gives the defaults (its errors show)."""
        if not self.is_bound or not self.is_valid():
            return register.RegisterFilters(scope=default_scope)
        data = self.cleaned_data
        return register.RegisterFilters(
            scope=data["scope"] if "scope" in self.data else default_scope,
            plan=data["plan"],
            body=data["body"].pk if data["body"] else None,
            organization=data["organization"].pk if data["organization"] else None,
            district=data["district"].pk if data["district"] else None,
            status=data["status"] or register.OPEN,
            overdue=data["overdue"],
            due_within=data["due_within"],
            undated=data["undated"],
            control_from=data["control_from"],
            control_to=data["control_to"],
            completion=data["completion"],
            reports_from=data["reports_from"],
            reports_to=data["reports_to"],
            reports=data["reports"],
            sort=data["sort"] or "date",
        )


class SavedFilterForm(forms.Form):
    name = forms.CharField(label=_("Name of this filter"), max_length=100)
    query = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)


class SourceReportField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        period = " — ".join(
            formats.date_format(day, "SHORT_DATE_FORMAT")
            for day in (obj.cycle.period_start, obj.cycle.period_end)
        )
        return str(
            _("%(organization)s, period %(period)s, written in %(language)s")
            % {
                "organization": obj.organization.display_short_name,
                "period": period,
                "language": LANGUAGE_NAMES.get(obj.narrative_language, obj.narrative_language),
            }
        )


class EvidenceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class MeasurePublicationForm(VersionedForm):
    """What the public reads of a measure: chosen by its controller from an accepted report."""

    status = forms.ChoiceField(
        label=_("Public status"),
        choices=PublicStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the public reads of how the measure stands.")},
    )
    source_report = SourceReportField(
        label=_("Accepted report the summary is taken from"),
        queryset=Report.objects.none(),
        required=False,
        empty_label=_("None: the status only"),
    )
    summary_az = forms.CharField(
        label=_("Public summary in Azerbaijani"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "lang": "az"}),
    )
    summary_ru = forms.CharField(
        label=_("Public summary in Russian"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "lang": "ru"}),
    )
    summary_en = forms.CharField(
        label=_("Public summary in English"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "lang": "en"}),
        help_text=_(
            "A language left empty reads “not available in this language” on the portal, with the "
            "languages that are: it is never filled from another."
        ),
    )
    evidence = EvidenceChoiceField(
        label=_("Public evidence"),
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Files and links of the chosen report that anyone may download from the portal."),
    )

    def __init__(self, *args: Any, reports: Any, evidence: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source_report"].queryset = reports  # type: ignore[attr-defined]
        self.fields["evidence"].queryset = evidence  # type: ignore[attr-defined]
