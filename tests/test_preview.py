"""`ankigen preview`: one page to review every card before a release, in light and night mode."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from ankigen.cli import cli
from tests.conftest import FIXTURES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


@pytest.fixture
def page(runner: CliRunner, tmp_path: Path) -> Path:
    folder = Path(shutil.copytree(FIXTURES / "showcase", tmp_path / "showcase"))
    out = tmp_path / "preview.html"
    result = runner.invoke(cli, ["preview", str(folder / "showcase.md"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.endswith(f"-> {out} (6 cards)\n")
    return out


def test_page_is_self_contained(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert html.count('<section class="note">') == 6
    assert html.count('<div class="side-name">front</div>') == 6
    assert 'src="data:image/png;base64,' in html
    assert 'src="https://example.com/sun.png"' in html  # remote stays remote
    assert "<link" not in html
    assert "<script src" not in html
    assert 'id="night-mode"' in html


def test_preview_writes_nothing_else(runner: CliRunner, tmp_path: Path) -> None:
    folder = Path(shutil.copytree(FIXTURES / "showcase", tmp_path / "showcase"))
    before = sorted(p.name for p in folder.rglob("*"))
    runner.invoke(cli, ["preview", str(folder / "showcase.md"), "-o", str(tmp_path / "p.html")])
    assert sorted(p.name for p in folder.rglob("*")) == before


def dump_dom(page: Path, tmp_path: Path, *flags: str) -> str:
    """The page's DOM once Chromium has loaded it (and run its scripts)."""
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            *flags,
            "--dump-dom",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=180,
    ).stdout


def screenshot(page: Path, tmp_path: Path, fragment: str, width: int) -> Path:
    assert CHROMIUM is not None
    shot = tmp_path / f"shot{fragment.strip('#')}{width}.png"
    subprocess.run(
        [
            CHROMIUM,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / ('profile' + str(width))}",
            f"--window-size={width},900",
            f"--screenshot={shot}",
            page.as_uri() + fragment,
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return shot


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="Debian's chromium is not installed (.ci/run installs it with apt-get where it can)",
)
def test_screenshots_in_light_and_night_mode(page: Path, tmp_path: Path) -> None:
    from PIL import Image, ImageStat

    light = Image.open(screenshot(page, tmp_path, "", 1200)).convert("L")
    night = Image.open(screenshot(page, tmp_path, "#night", 420)).convert("L")
    assert light.size == (1200, 900)
    assert night.size == (420, 900)
    light_mean, night_mean = ImageStat.Stat(light).mean[0], ImageStat.Stat(night).mean[0]
    assert light_mean > 180, "the light page should be mostly light"
    assert night_mean < 80, "the night page should be mostly dark"
    assert ImageStat.Stat(light).stddev[0] > 20, "the page shows more than a blank colour"


MEASURE = """<script>
const broken = [];
for (const cell of document.querySelectorAll(".answer th")) {
  const style = getComputedStyle(cell);
  const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  for (const word of cell.textContent.split(/\\s+/).filter(Boolean)) {
    const probe = document.createElement("span");
    probe.textContent = word;
    probe.style.cssText = "position: absolute; white-space: nowrap; font: " + style.font;
    document.body.appendChild(probe);
    if (probe.getBoundingClientRect().width > room + 0.5) broken.push(word);
    probe.remove();
  }
}
document.body.dataset.broken = JSON.stringify(broken);
document.body.dataset.overflows = String(document.documentElement.scrollWidth > innerWidth);
</script>"""
"""Measures, once the page is laid out, the table headers split inside a word and whether
the page is wider than the screen."""


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="Debian's chromium is not installed (.ci/run installs it with apt-get where it can)",
)
def test_a_phone_sized_screen(runner: CliRunner, tmp_path: Path) -> None:
    """At 400 px, table headers wrap at word boundaries (a wide table scrolls sideways inside
    its card) and a word longer than the screen wraps instead of widening the page."""
    content = tmp_path / "narrow.md"
    headers = "measurement | accuracy | precision | recall | specificity | calibration"
    content.write_text(
        f"1. How do the measures compare?\n| {headers} |\n|---|---|---|---|---|---|\n"
        "| 0.9 | 0.8 | 0.7 | 0.6 | 0.5 | 0.4 |\n\nA long word: "
        + "pneumonoultramicroscopicsilicovolcanoconiosis" * 3
        + ".\n",
        encoding="utf-8",
    )
    page = tmp_path / "preview.html"
    assert runner.invoke(cli, ["preview", str(content), "-o", str(page)]).exit_code == 0
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"))
    dom = dump_dom(page, tmp_path, "--window-size=400,900")
    assert 'data-broken="[]"' in dom
    assert 'data-overflows="false"' in dom


def test_math_is_typeset_in_the_page(page: Path) -> None:
    """Math is drawn by the browser from MathML made offline; code is left alone."""
    html = page.read_text(encoding="utf-8")
    assert html.count('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">') == 2
    assert '<mi mathvariant="normal">M</mi><mi mathvariant="normal">S</mi>' in html  # \\mathrm
    assert "\\(nor this\\)" in html  # in code: as written
    assert 'class="math-error"' not in html


def test_a_broken_formula_is_marked_and_warned_of(runner: CliRunner, tmp_path: Path) -> None:
    content = tmp_path / "math.md"
    content.write_text(
        "1. What is the mean?\nIt is $\\frac{1}{n}\\sum_i x_i$.\n\n"
        "2. What is broken?\nThis: $\\begin{matrix} a$ and \\(x^\\).\n",
        encoding="utf-8",
    )
    page = tmp_path / "preview.html"
    assert runner.invoke(cli, ["preview", str(content), "-o", str(page)]).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert html.count('class="math-error"') == 2  # on the back
    assert 'title="missing end"' in html
    result = runner.invoke(cli, ["check", str(content)])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"{content}:4:1: warning: the formula \\(\\begin{{matrix}} a\\) cannot be typeset: "
        "missing end",
        f"{content}:4:1: warning: the formula \\(x^\\) cannot be typeset: missing super "
        "script or subscript",
    ]
    assert runner.invoke(cli, ["check", "--strict", str(content)]).exit_code == 1
