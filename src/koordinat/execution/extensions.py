"""Where the apps above execution add to its pages (see core.extensions)."""

from koordinat.core.extensions import PanelSlot

# On the item page, after its summary: what is forecast for the item (analytics' at-risk forecast).
item_page = PanelSlot("execution.item")
