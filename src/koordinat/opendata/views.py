"""Open-data files at stable addresses under the portal (/az/portal/data/…): the same for every
reader, read through the public selectors, 404 for anything else (an unknown dataset or format, a
plan that is not published: the same answer whether it exists or not)."""

import json
from collections.abc import Callable
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, override

from koordinat.core import clock
from koordinat.core.views import found
from koordinat.plans import selectors as plan_selectors
from koordinat.plans.models import Plan
from koordinat.portal.caching import public_page

from . import descriptors, feeds, popolo, registry, writers
from .caching import public_file
from .registry import Dataset


def _absolute(request: HttpRequest) -> Callable[[str], str]:
    return request.build_absolute_uri


def _dataset(name: str, kind: str, *, scope: str = "") -> Dataset:
    try:
        dataset = registry.dataset_get(name)
    except KeyError:
        raise Http404 from None
    if kind not in writers.FORMATS or (scope and dataset.scope != scope):
        raise Http404
    return dataset


def _in_language(rows: Any, language: str) -> Any:
    """The rows read in `language` even while the server streams them after the view returned."""
    with override(language):
        yield from rows


def _file(request: HttpRequest, dataset: Dataset, kind: str, filename: str, **scope: Any) -> HttpResponseBase:
    language = get_language() or "az"
    as_of = clock.now()
    rows = _in_language(dataset.rows(absolute=_absolute(request), **scope), language)
    response: HttpResponseBase
    if kind == "csv":
        response = StreamingHttpResponse(
            writers.csv_stream(dataset, rows), content_type=writers.FORMATS[kind]
        )
    elif kind == "json":
        metadata = {
            "name": dataset.name,
            "title": str(dataset.title),
            "description": str(dataset.description),
            "language": language,
            "as_of": registry.cell(as_of),
            "license": descriptors.LICENCE,
            "source": request.build_absolute_uri(reverse("portal:home")),
            "schema": descriptors.table_schema(dataset),
        }
        response = StreamingHttpResponse(
            _in_language(writers.json_stream(dataset, rows, metadata), language),
            content_type=writers.FORMATS[kind],
        )
    else:
        output = writers.xlsx_file(dataset, rows, title=str(dataset.title), as_of=as_of)
        response = FileResponse(output, content_type=writers.FORMATS[kind])
    disposition = "inline" if kind == "json" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.{kind}"'
    return response


@public_file
def dataset_file(request: HttpRequest, name: str, kind: str) -> HttpResponseBase:
    dataset = _dataset(name, kind)
    language = get_language() or "az"
    return _file(request, dataset, kind, f"koordinat-{dataset.name}-{language}")


def _plan(code: str) -> Plan:
    return found(plan_selectors.public_plan_get, code=code)


@public_file
def plan_file(request: HttpRequest, code: str, name: str, kind: str) -> HttpResponseBase:
    dataset = _dataset(name, kind, scope="plan")
    plan = _plan(code)
    language = get_language() or "az"
    return _file(request, dataset, kind, f"koordinat-{plan.code}-{dataset.name}-{language}", plan=plan)


def _json(document: dict[str, Any], content_type: str = "application/json") -> HttpResponse:
    return HttpResponse(json.dumps(document, ensure_ascii=False, indent=2), content_type=content_type)


@public_file
def datapackage(request: HttpRequest) -> HttpResponse:
    return _json(descriptors.package(registry.datasets(), absolute=_absolute(request), as_of=clock.now()))


@public_file
def plan_datapackage(request: HttpRequest, code: str) -> HttpResponse:
    plan = _plan(code)
    datasets = [each for each in registry.datasets() if each.scope == "plan"]
    return _json(descriptors.package(datasets, absolute=_absolute(request), as_of=clock.now(), plan=plan))


@public_file
def feed(request: HttpRequest) -> HttpResponse:
    content = feeds.feed(
        absolute=_absolute(request), host=request.get_host().split(":")[0], as_of=clock.now()
    )
    return HttpResponse(content, content_type="application/atom+xml; charset=utf-8")


@public_file
def popolo_json(request: HttpRequest) -> HttpResponse:
    return _json(popolo.document(absolute=_absolute(request), as_of=clock.now()))


@public_page
def index(request: HttpRequest) -> HttpResponse:
    """The open-data page: every dataset with its formats, addresses, schema and licence."""
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": registry.datasets(),
            "formats": list(writers.FORMATS),
            "as_of": clock.now(),
            "licence": descriptors.LICENCE,
        },
    )
