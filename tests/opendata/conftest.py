"""The portal's planted fixture (a published plan with public entries, and beside it what must stay
internal, each with a marker): open data must publish exactly what the portal shows. The Dialogue
Platform's events and citizens' submissions beside it, with their own markers."""

from tests.portal.conftest import PUBLIC_SUMMARY_AZ, PUBLIC_SUMMARY_EN, SECRETS, portal, portal_events
from tests.portal.test_crawl import DIALOGUE_SECRETS, dialogue

__all__ = [
    "DIALOGUE_SECRETS",
    "PUBLIC_SUMMARY_AZ",
    "PUBLIC_SUMMARY_EN",
    "SECRETS",
    "dialogue",
    "portal",
    "portal_events",
]
