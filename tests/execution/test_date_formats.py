"""A reporting cycle's page gives its dates in the page's language (issue 14)."""

import pytest
from django.urls import reverse
from django.utils import translation


@pytest.mark.parametrize(
    ("language", "wanted"),
    [
        ("az", ["01.01.2026 — 31.03.2026", "1 yanvar 2026 — 31 mart 2026", "10 aprel 2026"]),
        ("ru", ["01.01.2026 — 31.03.2026", "1 января 2026 г. — 31 марта 2026 г.", "10 апреля 2026 г."]),
        ("en", ["01.01.2026 — 31.03.2026", "1 January 2026 — 31 March 2026", "10 April 2026"]),
    ],
)
def test_cycle_page_dates(client, coordinator, cycle, language, wanted):
    client.force_login(coordinator)
    with translation.override(language):
        page = client.get(reverse("execution:cycle", args=[cycle.pk])).content.decode()
    for text in wanted:
        assert text in page
    for wrong in ("Jan. 1", "04/10/2026", "Yanvar", "Aprel"):
        assert wrong not in page
