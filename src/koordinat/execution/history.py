"""What execution's recorded actions are called in change histories (see core.history)."""

from django.utils.translation import gettext_lazy as _

from koordinat.core import history

REPORT = "execution.Report"


def register() -> None:
    history.register(
        "report.save", _("Report draft saved"), model=REPORT, details=("claimed_status", "completed_on")
    )
    history.register("report.submit", _("Sending the report"), model=REPORT)
    history.register("report.submitted", _("Report submitted"), model=REPORT)
    history.register("report.resubmitted", _("Report submitted again after rework"), model=REPORT)
    history.register("report.to_head", _("Report sent to the head for approval"), model=REPORT)
    history.register("report.head_decide", _("The head's decision on the report"), model=REPORT)
    history.register("report.head_approved", _("Report approved by the head"), model=REPORT)
    history.register("report.head_returned", _("Report given back by the head"), model=REPORT)
    history.register("report.review", _("Report review"), model=REPORT)
    history.register("report.accepted", _("Report accepted"), model=REPORT)
    history.register("report.returned", _("Report returned for rework"), model=REPORT)
    history.register("evidence.add", _("Evidence added"), model=REPORT)
    history.register("evidence.remove", _("Evidence removed"), model=REPORT)
    history.register("extension.request", _("New control date requested"))
    history.register("extension.decide", _("Extension request decided"))
    history.register("control.sync", _("Put under control"))
    history.register("control.set_date", _("Control date set by the controller"))
    history.register("control.person", _("Responsible person of the controller named"))
    history.register("control.remove", _("Removed from control"))
    history.register("control.cancel", _("Control cancelled"))
    history.register("cycle.open", _("Reporting cycle opened"))
    history.register("item.overdue", _("Control date passed: overdue"), details=("control_date",))
    history.register("evidence.purge", _("Evidence files no report held deleted"))
    history.register(
        "publication.save",
        _("Public entry of the measure published"),
        model="execution.MeasurePublication",
        details=("status",),
    )
    history.register(
        "publication.withdraw",
        _("Public entry of the measure withdrawn"),
        model="execution.MeasurePublication",
        details=("status",),
    )
    history.register("cycle.close", _("Reporting cycle closed"))
    history.register("saved_filter.create", _("Register filter saved"))
    history.register("saved_filter.remove", _("Register filter removed"))
