"""Where the apps above the portal add to its pages (see core.extensions). A portal page is the same for
every reader and cached whole, so a panel here shows only what is public and nothing of the reader."""

from koordinat.core.extensions import PanelSlot

# The home page, after the plans: e.g. the dialogue's way in and its moderation log.
home_page = PanelSlot("portal.home")
# A published plan's page, after its measures: what the public said about the plan and the answers.
plan_page = PanelSlot("portal.plan")
# A measure's page, after its public entry: questions and proposals on it with their answers.
measure_page = PanelSlot("portal.measure")
# An organisation's page, after its on-time record: e.g. citizens' questions answered on time.
organization_page = PanelSlot("portal.organization")
