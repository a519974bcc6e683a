"""Where the apps above the directory add to its pages (see core.extensions)."""

from koordinat.core.extensions import PanelSlot

# Below the organisation's memberships and bodies: how it keeps its deadlines.
organization_page = PanelSlot("directory.organization")
# At the top of a collegial body's sections: what the apps above say about its area (its dashboard).
body_page = PanelSlot("directory.body")
