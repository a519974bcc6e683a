"""The layout's parts written in Python: the pager and the service navigation."""

from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation


def pager(query: str, number: int, count: int = 1000, language: str = "en") -> str:
    page = Paginator(range(count), 50).get_page(number)
    request = RequestFactory().get("/list/?" + query)
    with translation.override(language):
        return Template("{% load koordinat %}{% pagination page %}").render(
            Context({"request": request, "page": page})
        )


def squeeze(html: str) -> str:
    return " ".join(html.split()).replace("> <", "><")


def test_a_pager_keeps_the_filters_in_their_order_and_changes_only_the_page():
    html = squeeze(pager("q=a%26b&page=7&kind=x&kind=y", 7))
    assert (
        '<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" '
        'href="?q=a%26b&amp;page=6&amp;kind=x&amp;kind=y" rel="prev">'
    ) in html
    assert (
        '<li class="govuk-pagination__item govuk-pagination__item--current"><a class="govuk-link '
        'govuk-pagination__link" href="?q=a%26b&amp;page=7&amp;kind=x&amp;kind=y" aria-label="Page 7" '
        'aria-current="page">7</a></li>'
    ) in html
    assert 'href="?q=a%26b&amp;page=8&amp;kind=x&amp;kind=y" rel="next"' in html
    assert html.count("govuk-pagination__item--ellipses") == 2
    assert '<p class="govuk-body-s">Showing 301 to 350 of 1000</p>' in html


def test_a_pager_adds_the_page_after_the_filters_and_shows_the_ends_without_arrows():
    first, last = squeeze(pager("q=x", 1)), squeeze(pager("", 20))
    assert 'href="?q=x&amp;page=2"' in first
    assert "govuk-pagination__prev" not in first
    assert "govuk-pagination__next" in first
    assert 'href="?page=19" rel="prev"' in last
    assert "govuk-pagination__next" not in last
    assert 'aria-label="Страница 2"' in pager("", 1, language="ru")


def test_one_page_has_no_pager():
    assert pager("", 1, count=50) == ""


def test_the_navigation_shows_what_the_roles_allow_and_marks_the_current_section(client, coordinator):
    client.force_login(coordinator)
    html = squeeze(client.get(reverse("directory:organizations")).content.decode())
    assert (
        '<li class="govuk-service-navigation__item govuk-service-navigation__item--active">'
        f'<a class="govuk-service-navigation__link" href="{reverse("directory:directory")}" aria-current="page">'
        '<strong class="govuk-service-navigation__active-fallback">Soraq kitabçası</strong></a></li>'
    ) in html
    # all but "My work"; organisations, bodies and people are one "Directory" (decision 57)
    assert html.count('class="govuk-service-navigation__item') == 7
    assert f'<a class="kd-account__link" href="{reverse("accounts:password_change")}">' in html


def test_the_directory_lists_its_registers_with_their_counts(client, coordinator, ministry, other_ministry):
    client.force_login(coordinator)
    with translation.override("en"):
        response = client.get(reverse("directory:directory"))
        html = squeeze(response.content.decode())
        assert (
            'aria-current="page"><strong class="govuk-service-navigation__active-fallback">Directory' in html
        )
        for name in ("directory:organizations", "directory:bodies", "directory:people"):
            assert f'href="{reverse(name)}"' in html
    assert "3 organisations" in html  # the two ministries and the coordinator's centre
    assert "0 collegial bodies" in html


def test_the_directory_is_for_signed_in_readers(client, db):
    response = client.get(reverse("directory:directory"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_public_sees_the_public_navigation_and_the_sign_in_link(client, db):
    with translation.override("en"):
        html = squeeze(client.get(reverse("home")).content.decode())
        assert html.count('class="govuk-service-navigation__item') == 3
        assert 'aria-current="page"><strong class="govuk-service-navigation__active-fallback">Home' in html
        assert f'<a class="kd-account__link" href="{reverse("accounts:login")}">Sign in</a>' in html
        assert 'hreflang="ru">Русский</a>' in html
