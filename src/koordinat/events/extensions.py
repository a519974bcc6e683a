"""Where the apps above events add to their pages (see core.extensions): the dialogue app shows the
questions asked on an event below its public page and its office page, without events naming it."""

from koordinat.core.extensions import PanelSlot

# Below the public event page's outcome (the object is the event; the page is cached for everyone).
public_event = PanelSlot("events.public_event")
# Below the office event page's registrations (the object is the event; the reader keeps it).
event_page = PanelSlot("events.event")
