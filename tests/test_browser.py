"""The HTML brief in a real browser: headless Chromium renders the page of
``negotiate solve games/whole_enchilada.toml --format html``, which must load without errors and
show the bottom line and every figure; a screenshot is saved to the test's directory.

Without Chromium (``.ci/run`` installs it from the system's packages when it can) the test is
skipped, and says why.
"""

from __future__ import annotations

import html as markup
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from negotiate.cli import main

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_NOISE = re.compile(r"dbus|Fontconfig|bytes written to file|unexpected operator|GPU|gpu")
"""Chromium's own complaints about a machine without a desktop session, not about the page."""


def _first_paragraph(html: str) -> str:
    match = re.search(r"<p>(.*?)</p>", html, re.S)
    assert match, "the page has no paragraph"
    return match.group(1)


@pytest.mark.skipif(
    not (Path(CHROMIUM).is_file() and shutil.which(CHROMIUM)),
    reason=f"no headless Chromium at {CHROMIUM} (apt-get install -y chromium)",
)
def test_the_brief_renders_in_chromium(runner, tmp_path):
    page = tmp_path / "brief.html"
    game = str(ROOT / "games" / "whole_enchilada.toml")
    result = runner.invoke(main, ["solve", game, "--format", "html", "-o", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    screenshot = tmp_path / "brief.png"
    run = subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1000,3000",
            f"--screenshot={screenshot}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    print(f"screenshot of the brief: {screenshot}")
    assert run.returncode == 0, run.stderr[-2000:]
    errors = [
        line
        for line in run.stderr.splitlines()
        if ("ERROR" in line or "CONSOLE" in line or "net::" in line) and not _NOISE.search(line)
    ]
    assert not errors, "\n".join(errors)
    dom = run.stdout
    assert "<h1>" in dom and "</html>" in dom
    text = markup.unescape(dom)
    assert markup.unescape(_first_paragraph(html)) in text  # the bottom line, as rendered
    assert dom.count("<svg") == html.count("<svg") == 3
    for caption in re.findall(r"<figcaption>(.*?)</figcaption>", html):
        assert markup.unescape(caption) in text
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert screenshot.stat().st_size > 50_000  # a page with figures, not a blank one
