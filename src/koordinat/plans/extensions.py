"""Where the apps above plans add to its pages (see core.extensions): the measure page's control
line and its meetings, the plan page's official reports, and the control flags on a page of a plan's
table."""

from koordinat.core.extensions import Addresses, Hook, PanelSlot

# Above the measure's summary: how its item under control stands.
measure_summary = PanelSlot("plans.measure.summary")
# Below the measure's sub-items: where it was discussed and what was instructed about it.
measure_related = PanelSlot("plans.measure.related")
# Under the plan page's downloads: documents other apps make of the plan (analytics' official reports).
plan_related = PanelSlot("plans.plan.related")
# Called with user= and measures= (a page of the plan's table, or the one measure of its page):
# each measure gets `control_date_needed`.
measure_rows = Hook("plans.measure_rows")
# Above the plan's downloads: what the apps above say about the plan as a whole (its dashboard).
plan_page = PanelSlot("plans.plan")
# Where the public reads the plan register ("plans"), a plan (code=) and a measure (code=, number=):
# anonymous visitors of the plans' own pages are sent there, and the plan page links to it.
public_pages = Addresses("plans.public_pages")
