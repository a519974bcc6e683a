"""The data package descriptors validate with Frictionless against the very bytes the server sends:
the descriptor and every CSV it names are fetched through the test client and written beside each
other, each resource's path made the local file's name."""

import json
import subprocess
import sys
from pathlib import Path

import frictionless
import pytest
from django.urls import reverse

from koordinat.opendata import registry

from .files import body

HOST = "http://testserver"


def fetched_package(client, url: str, directory: Path) -> dict:
    """The descriptor at `url` with its CSV files saved in `directory`, as Frictionless reads it."""
    descriptor = json.loads(body(client.get(url)))
    for resource in descriptor["resources"]:
        assert resource["path"].startswith(HOST + "/")  # absolute addresses of the served files
        response = client.get(resource["path"].removeprefix(HOST))
        assert response.status_code == 200, resource["path"]
        local = f"{resource['name']}.csv"
        (directory / local).write_bytes(body(response))
        resource["path"] = local
    (directory / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return descriptor


def validate(directory: Path) -> frictionless.Report:
    return frictionless.validate(str(directory / "datapackage.json"))


def errors(report: frictionless.Report) -> list[str]:
    return [error.message for task in report.tasks for error in task.errors] + [
        error.message for error in report.errors
    ]


def test_the_whole_package_validates(client, portal, tmp_path):
    descriptor = fetched_package(client, reverse("opendata:datapackage"), tmp_path)
    report = validate(tmp_path)
    assert report.valid, errors(report)
    assert [resource["name"] for resource in descriptor["resources"]] == [
        each.name for each in registry.datasets()
    ]
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["licenses"][0]["path"].startswith("https://creativecommons.org/licenses/by/4.0")
    assert descriptor["sources"][0]["path"] == HOST + reverse("portal:home")
    assert descriptor["created"].endswith("Z")
    measures = next(each for each in descriptor["resources"] if each["name"] == "measures")
    assert measures["schema"]["primaryKey"] == ["plan_code", "number"]
    assert measures["schema"]["foreignKeys"][0]["reference"] == {"resource": "plans", "fields": ["code"]}
    rows = {task.name: task.stats.get("rows", 0) for task in report.tasks}  # none for an empty file
    assert (rows["measures"], rows["plans"], rows["decisions"]) == (3, 1, 1)


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_a_plans_own_package_validates_in_every_language(client, portal, tmp_path, language):
    url = f"/{language}/portal/data/plans/{portal.plan.code}/datapackage.json"
    descriptor = fetched_package(client, url, tmp_path)
    assert [resource["name"] for resource in descriptor["resources"]] == ["plans", "measures"]
    assert descriptor["language"] == language
    report = validate(tmp_path)
    assert report.valid, errors(report)


def test_a_schema_that_does_not_match_the_file_fails(client, portal, tmp_path):
    """The check can fail: a column declared as a number while the file writes dates."""
    descriptor = fetched_package(client, reverse("opendata:datapackage"), tmp_path)
    measures = next(each for each in descriptor["resources"] if each["name"] == "measures")
    period_end = next(field for field in measures["schema"]["fields"] if field["name"] == "period_end")
    period_end["type"] = "integer"
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = validate(tmp_path)
    assert not report.valid
    assert any("period_end" in message or "integer" in message for message in errors(report))


def test_a_wrong_foreign_key_fails(client, portal, tmp_path):
    fetched_package(client, reverse("opendata:datapackage"), tmp_path)
    plans = tmp_path / "plans.csv"
    plans.write_bytes(plans.read_bytes().replace(portal.plan.code.encode(), b"OTHER"))
    assert not validate(tmp_path).valid


def test_the_frictionless_command_accepts_it(client, portal, tmp_path):
    fetched_package(client, reverse("opendata:plan_datapackage", args=[portal.plan.code]), tmp_path)
    command = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [str(command), "validate", str(tmp_path / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
