"""The portal's planted fixture (a published plan with public entries, and beside it what must stay
internal, each with a marker): open data must publish exactly what the portal shows."""

from tests.portal.conftest import PUBLIC_SUMMARY_AZ, PUBLIC_SUMMARY_EN, SECRETS, portal

__all__ = ["PUBLIC_SUMMARY_AZ", "PUBLIC_SUMMARY_EN", "SECRETS", "portal"]
