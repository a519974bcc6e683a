"""A file of every measure asks the same number of queries for 10 measures and for 400 (each chunk of
rows reads its executors, districts and public entries in one query each), and the open-data page,
descriptors and feed do not grow with the data either."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koordinat.opendata import datasets
from tests.portal.test_query_counts import grow_published

from .files import body


def queries(client, url: str) -> int:
    """Queries asked while answering `url` and streaming its whole body; nothing cached."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200, url
        body(response)
    return len(captured)


URLS = [
    lambda portal: reverse("opendata:file", args=["measures", "csv"]),
    lambda portal: reverse("opendata:file", args=["measures", "json"]),
    lambda portal: reverse("opendata:file", args=["measures", "xlsx"]),
    lambda portal: reverse("opendata:plan_file", args=[portal.plan.code, "measures", "csv"]),
    lambda portal: reverse("opendata:file", args=["organisations", "csv"]),
    lambda portal: reverse("opendata:file", args=["districts", "csv"]),
    lambda portal: reverse("opendata:datapackage"),
    lambda portal: reverse("opendata:feed"),
    lambda portal: reverse("opendata:popolo"),
    lambda portal: reverse("opendata:index"),
]


@pytest.mark.parametrize("url_for", URLS)
def test_files_do_not_grow_with_measures(client, portal, ministry, other_ministry, center, url_for):
    grow_published(portal, [ministry, other_ministry, center], 10)
    small = queries(client, url_for(portal))
    grow_published(portal, [ministry, other_ministry, center], 390)
    assert queries(client, url_for(portal)) == small


def test_a_long_file_is_read_chunk_by_chunk(client, portal, ministry, monkeypatch):
    """Past a chunk, each further chunk of rows costs the same few queries: never one per row."""
    monkeypatch.setattr(datasets, "CHUNK", 50)
    url = reverse("opendata:plan_file", args=[portal.plan.code, "measures", "csv"])
    grow_published(portal, [ministry], 97)  # 100 measures: two chunks
    two = queries(client, url)
    grow_published(portal, [ministry], 50)  # three chunks
    three = queries(client, url)
    grow_published(portal, [ministry], 50)  # four chunks
    assert queries(client, url) - three == three - two <= 3
    rows = body(client.get(url)).decode().count("\r\n") - 1
    assert rows == 200


def test_long_files_are_streamed_in_pieces(client, portal, ministry, monkeypatch):
    monkeypatch.setattr(datasets, "CHUNK", 50)
    grow_published(portal, [ministry], 447)  # 450 measures
    for kind in ("csv", "json"):
        response = client.get(reverse("opendata:plan_file", args=[portal.plan.code, "measures", kind]))
        assert response.streaming
        pieces = list(response.streaming_content)
        assert len(pieces) >= 3  # written a batch of rows at a time, not as one whole
        content = b"".join(pieces)
        if kind == "json":
            assert len(json.loads(content)["data"]) == 450
        else:
            assert content.count(b"\r\n") == 451
