"""The web page in a real browser (Debian's chromium, driven by Playwright)."""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook

from api.admin import create

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is not installed (apt-get install chromium)",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """`uvicorn` serving the app on a free loopback port, with a reviewer key."""
    from api.config import Settings

    data = tmp_path_factory.mktemp("browser-data")
    settings = Settings(data_dir=data, workers=1)
    _, key = create("reviewer", None, "browser test", settings)
    port = _free_port()
    env = {"SOPCHECK_DATA_DIR": str(data), "SOPCHECK_WORKERS": "1", "PATH": "/usr/bin:/bin"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "api.main:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env={**__import__("os").environ, **env},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise AssertionError("the server did not start")
        yield base, key
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_sign_in_upload_see_findings_download_xlsx(
    server: tuple[str, str], seeds_dir: Path, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    base, key = server
    seed = seeds_dir / "sop-satpolpp-balangan-lakip.txt"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(accept_downloads=True, locale="id-ID")
            page.goto(f"{base}/ui")
            assert "/ui/signin" in page.url
            page.fill("#key", key)
            page.click("#signin")
            page.wait_for_url(f"{base}/ui")
            page.set_input_files("#file", str(seed))
            page.fill("#opd", "Satpol PP")
            page.click("#upload-button")
            page.wait_for_url("**/ui/documents/*", timeout=90_000)
            findings = page.locator("article.finding")
            assert findings.count() >= 1
            assert page.locator("svg.swimlane .node").count() >= 1
            first_code = findings.first.locator("a.code").inner_text()
            assert first_code[:3].isalpha() and first_code[3:].isdigit()
            with page.expect_download() as info:
                page.click("#export-xlsx")
            target = tmp_path / "report.xlsx"
            info.value.save_as(target)
            wb = load_workbook(io.BytesIO(target.read_bytes()))
            codes = [c.value for c in wb["Temuan"]["C"][1:]]
            assert first_code in codes
            page.click("#lang-en")
            page.wait_for_url("**/ui/documents/*")
            assert page.locator("h2", has_text="Findings").count() == 1
        finally:
            browser.close()
