"""The built site, served over HTTP under a subpath as GitHub Pages does, and Chromium."""

import os
import shutil
import subprocess
import sys

import pytest
from playwright.sync_api import sync_playwright

from support import ROOT, serve_built

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Forces Material's closed shadow roots open, so tests can look inside the diagram.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: "open"}); };
"""


def _mkdocs(site_url, site_dir):
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site_dir)],
                   cwd=ROOT, env={**os.environ, "SITE_URL": site_url}, check=True)


def _zensical(site_url, site_dir):
    subprocess.run([sys.executable, "-m", "distnotes", "zensical"], cwd=ROOT,
                   env={**os.environ, "SITE_URL": site_url}, check=True, stdout=subprocess.DEVNULL)
    shutil.copytree(ROOT / ".zensical" / "site", site_dir)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    httpd, served = serve_built(tmp_path_factory.mktemp("pages"), _mkdocs)
    yield served
    httpd.shutdown()


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory):
    """The same sources built with Zensical, served the same way: its site's URL."""
    httpd, served = serve_built(tmp_path_factory.mktemp("zensical"), _zensical)
    yield served[1]
    httpd.shutdown()


@pytest.fixture(scope="session")
def site(server):
    return server[1]


@pytest.fixture(scope="session")
def built(server):
    return server[2]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser, request):
    marker = request.node.get_closest_marker("viewport")
    options = {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"}
    if marker:
        options.update(marker.kwargs)
    context = browser.new_context(**options)
    context.add_init_script(OPEN_SHADOW_ROOTS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(15000)
    return page
