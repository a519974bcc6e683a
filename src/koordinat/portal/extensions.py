"""Where the apps above the portal add to its pages (see core.extensions): the open-data app's links
in the head, the menu and the footer, and its downloads on the home, plan and measure pages. Every
panel must be the same for every reader, as the portal's pages are cached whole (caching)."""

from koordinat.core.extensions import PanelSlot

# In <head>: links to alternate forms of the site (an Atom feed). Called with obj=None.
head = PanelSlot("portal.head")
# Items (<li>) of the portal's menu after its own. Called with obj=None.
navigation = PanelSlot("portal.navigation")
# Links in the footer. Called with obj=None.
footer = PanelSlot("portal.footer")
# Sections at the end of the home page. Called with obj=None.
home = PanelSlot("portal.home")
# Below a published plan's measures, with obj= the plan; below a measure's entry, obj= the measure.
plan = PanelSlot("portal.plan")
measure = PanelSlot("portal.measure")
