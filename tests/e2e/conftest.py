"""Browser tests: a real `runserver` on seeded demo data, driven by Chromium (Playwright).

Every page a test visits goes through `visit()`, which also runs axe-core restricted to
the WCAG 2.1 A and AA rules: an accessibility violation fails the test like a bug.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCREENSHOTS_DIR = PROJECT_DIR / "tmp" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "DuoDay-demo-2026"
COORDINATOR = "coordination@duoday.fr"
EDITOR = "editrice@duoday.fr"

_axe = Axe()


def pytest_collection_modifyitems(items):
    """Every test under tests/e2e/ is a browser test."""
    e2e_dir = Path(__file__).parent
    for item in items:
        if e2e_dir in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env, *args, log):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _wait_until_up(url, process, log_path, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"runserver exited early:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers, whatever the status
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"runserver did not answer on {url}:\n{log_path.read_text()}")


@pytest.fixture(scope="session")
def e2e_dir():
    path = Path(tempfile.mkdtemp(prefix="duoday-e2e-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def mail_dir(e2e_dir):
    """Where the server writes the e-mails it sends (one file per message)."""
    path = e2e_dir / "mails"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def live_server_url(e2e_dir, mail_dir):
    """A real development server on a fresh, seeded SQLite database."""
    media = e2e_dir / "media"
    media.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{e2e_dir / 'e2e.sqlite3'}",
        "MEDIA_ROOT": str(media),
        "EMAIL_FILE_PATH": str(mail_dir),
        "PYTHONUNBUFFERED": "1",
    }
    log_path = e2e_dir / "server.log"
    with log_path.open("w") as log:
        try:
            _manage(env, "migrate", "--noinput", log=log)
            _manage(env, "seed_demo", log=log)
        except subprocess.CalledProcessError as error:
            raise RuntimeError(f"{error.cmd} failed:\n{log_path.read_text()}") from error
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=PROJECT_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_up(url + "/", process, log_path)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server_url):
    """Open a page in a browser context of its own (another person, other cookies).

    Whatever the Content-Security-Policy blocks (Chromium says so in the console) fails
    the test: a page that needs it is broken in production.
    """
    contexts = []
    csp_violations = []

    def record_csp_violation(page, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            csp_violations.append(f"{page.url}: {message.text}")

    def open_page():
        context = browser.new_context(
            locale="fr-FR",
            base_url=live_server_url,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: record_csp_violation(page, message))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not csp_violations, "\n".join(csp_violations)


@pytest.fixture
def page(new_page):
    return new_page()


def format_violations(violations):
    lines = [f"{len(violations)} violation(s) WCAG 2.1 A/AA :"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}) : {violation['help']}"
            f" [{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    • {target}")
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


def check_axe(page, exclude=()):
    """Fail with a readable list if axe-core finds a WCAG 2.1 A/AA violation on the page.

    `exclude`: CSS selectors left out of the check; only for markup we cannot change
    (Wagtail's own admin), each one explained where it is passed.
    """
    context = {"include": [["html"]], "exclude": [[selector] for selector in exclude]}
    options = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "resultTypes": ["violations"],
    }
    results = _axe.run(page, context=context if exclude else None, options=options)
    violations = results.response["violations"]
    assert not violations, f"{page.url}\n{format_violations(violations)}"


def visit(page, url, exclude=()):
    """Go to `url` as a person would arrive there, then check its accessibility."""
    response = page.goto(url)
    page.wait_for_load_state("load")
    check_axe(page, exclude=exclude)
    return response


def settle(page, exclude=()):
    """After a click that loads a page (link, form submission): wait, then check axe."""
    page.wait_for_load_state("load")
    check_axe(page, exclude=exclude)


def screenshot(page, name):
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS_DIR / name), full_page=True)


def log_in(page, email, password=DEMO_PASSWORD):
    """From any public page: « Connexion », then the login form."""
    page.get_by_role("banner").get_by_role("link", name="Connexion").click()
    page.wait_for_url("**/connexion/**")
    settle(page)
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state("load")


def choose(page, label):
    """Tick a radio button or a checkbox as a person does, by clicking its label: the DSFR
    draws the box on the label, over the (transparent) input."""
    control = page.get_by_label(label, exact=True)
    page.locator(f'label[for="{control.get_attribute("id")}"]').click()
    expect(control).to_be_checked()


# The radios and checkboxes of the page that are rendered (their label is laid out, outside a
# closed disclosure), and
# those of them whose box cannot be seen: neither the input itself nor what the DSFR draws
# instead of it (the input being then transparent) — a box in the label's ::before for a
# checkbox, a circle painted on the label, left of its text, for a radio.
CHOICE_CONTROLS_JS = """
() => {
    const rendered = Array.from(document.querySelectorAll(
        'main input[type=radio], main input[type=checkbox]'
    )).filter((input) => input.labels.length && input.labels[0].getClientRects().length
        // A closed disclosure (DSFR accordion) hides its choices on purpose.
        && !input.closest(".fr-collapse:not(.fr-collapse--expanded)"));
    const unseen = rendered.filter((input) => {
        const box = input.getBoundingClientRect();
        const style = getComputedStyle(input);
        const inputSeen = box.width >= 12 && box.height >= 12
            && parseFloat(style.opacity) > 0.5 && style.visibility === "visible";
        // Checkboxes: a box in the label's ::before.
        const before = getComputedStyle(input.labels[0], "::before");
        const painted = before.backgroundImage !== "none" || before.boxShadow !== "none"
            || before.backgroundColor !== "rgba(0, 0, 0, 0)"
            || (before.borderStyle !== "none" && parseFloat(before.borderWidth) > 0);
        const boxBefore = before.content !== "none" && before.display !== "none"
            && before.visibility === "visible" && parseFloat(before.opacity) > 0.5
            && parseFloat(before.width) >= 12 && parseFloat(before.height) >= 12 && painted;
        // Radios: a circle painted on the label itself, in the room left of its text.
        const label = getComputedStyle(input.labels[0]);
        const circleOnLabel = label.backgroundImage.includes("gradient")
            && parseFloat(label.paddingLeft) >= 16 && label.visibility === "visible"
            && parseFloat(label.opacity) > 0.5;
        return !(inputSeen || boxBefore || circleOnLabel);
    });
    return {rendered: rendered.length, unseen: unseen.map((input) => input.id || input.name)};
}
"""


def choice_controls(page):
    """{"rendered": how many radios and checkboxes the page lays out, "unseen": the ids of
    those whose box cannot be seen}."""
    return page.evaluate(CHOICE_CONTROLS_JS)
