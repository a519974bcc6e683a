"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, with axe-core checks.

Every page a test opens is also checked against the Content-Security-Policy: a violation the page
reports fails the test. A failing test leaves a screenshot and the page HTML under
test-artifacts/browser/<test>/.
"""

import datetime
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from playwright.sync_api import Browser, Page, sync_playwright

import koordinat
from koordinat.core.demo import DEMO_PASSWORD
from koordinat.directory.demo import loader

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# between browser steps are ordinary blocking calls, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", "test-artifacts/browser"))
AXE_SCRIPT = Path(koordinat.__file__).parent / "static" / "dist" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install -y chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


# Runs before any page script (through the DevTools protocol, so the CSP does not apply to it) and
# reports each violation on the console, where the fixture collects it.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});
"""


def csp_violations(page: Page) -> list[str]:
    """What the page reported so far: Chromium's own console message and the event's."""
    messages: list[str] = page.csp_violations  # type: ignore[attr-defined]
    return messages


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations: list[str] = []
    page.csp_violations = violations  # type: ignore[attr-defined]
    page.on(
        "console",
        lambda message: (
            violations.append(f"{message.text} ({page.url})")
            if "Content Security Policy" in message.text or message.text.startswith("CSP violation")
            else None
        ),
    )
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        page.screenshot(path=str(folder / "screenshot.png"), full_page=True)
        (folder / "page.html").write_text(page.content(), encoding="utf-8")
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"\nbrowser artifacts for {request.node.nodeid}: {folder.resolve()}")
    context.close()
    if violations and not (report is not None and report.failed):
        pytest.fail("the page broke its Content-Security-Policy:\n" + "\n".join(violations))


@pytest.fixture
def demo_site(live_server: Any, transactional_db: None) -> str:
    """The live server with the demo registry loaded; returns its base URL."""
    loader.load()
    return str(live_server.url)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    # Evaluated through the DevTools protocol: a <script> tag with the source would be inline
    # script, which the CSP refuses.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return list(result["violations"])


def assert_accessible(page: Page) -> None:
    """WCAG 2.2 AA by axe-core: zero violations on the page as it stands (and none of its CSP)."""
    assert csp_violations(page) == [], "the page broke its Content-Security-Policy"
    violations = axe_violations(page)
    summary = [
        {"rule": v["id"], "impact": v["impact"], "nodes": [node["target"] for node in v["nodes"][:5]]}
        for v in violations
    ]
    assert violations == [], (
        f"axe violations on {page.url}:\n{json.dumps(summary, indent=2, ensure_ascii=False)}"
    )


def sign_in(page: Page, base_url: str, language: str, email: str) -> None:
    page.goto(f"{base_url}/{language}/accounts/login/")
    assert_accessible(page)
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def name_in(language: str, instance: Any, field: str = "name") -> str:
    """What the page in `language` calls the organisation (or person): its name in that language."""
    with translation.override(language):
        return str(getattr(instance, field))


def pick(page: Page, field_id: str, typed: str, option: str | None = None) -> None:
    """Choose in a picker (static/koordinat/picker.js) as a person does: type, then click the option
    (the first one, or the one whose text starts with `option`)."""
    box = page.locator(f"#{field_id}")
    box.fill("")
    box.press_sequentially(typed)
    listbox = page.locator(f"#{field_id}-listbox")
    listbox.wait_for(state="visible")
    choices = listbox.locator("[role=option]")
    chosen = choices.filter(has_text=option).first if option else choices.first
    chosen.click()


COORDINATOR = "elchin.ibrahimov@center.koordinat.test"  # the demo's coordinator at the Center


def register_plan_in_force(*, code: str, title: dict[str, str]) -> Any:
    """A plan in force, approved by an act, registered by the demo coordinator for their Center:
    where the flows that need a plan of their own begin."""
    from koordinat.accounts.models import User
    from koordinat.plans import services as plans_services

    coordinator = User.objects.get(email=COORDINATOR)
    act = plans_services.legal_act_create(
        actor=coordinator,
        kind="order",
        number=f"{code}-1",
        date=datetime.date(2025, 12, 20),
        title={"az": "Sərəncam"},
    )
    return plans_services.plan_create(
        actor=coordinator,
        code=code,
        kind="action_plan",
        title=title,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2027, 12, 31),
        coordinator=coordinator.organization,
        approved_by=act,
        status="in_force",
    )
