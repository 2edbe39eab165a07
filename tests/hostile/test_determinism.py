"""The same corpus gives the same bytes, whatever the hash seed, locale and time zone.

Two child processes in different environments each run the command line — `matrix`,
`report` and `timeline` in every format, then `site` — and their outputs are compared
byte for byte, XLSX and DOCX metadata included. The second child starts with the cache
the first one filled, so output from parsed files and from cached ones is compared too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lawcmp.render.write import FORMATS, SUFFIXES
from tests.helpers.determinism import Setting, locales, run_python, tree, zones

REPORTS = {
    "matrix": ["matrix", "--as-of", "2009-12-31"],
    "report": ["report", "UZ", "--as-of", "2009-12-31"],
    "timeline": ["timeline", "UZ", "--from", "2000", "--to", "2009"],
}

# The child: the command line, once per report and format, then the site.
RUN = """
import sys
from pathlib import Path
from lawcmp.cli.app import app
out = Path(sys.argv[1])
for name, args in {reports!r}.items():
    for fmt in {formats!r}:
        app([*args, "--format", fmt, "--output", str(out / (name + {suffixes!r}[fmt]))], standalone_mode=False)
app(["site", "--output", str(out / "site")], standalone_mode=False)
"""


def run(out: Path, cache: Path, setting: Setting) -> None:
    code = RUN.format(reports=REPORTS, formats=FORMATS, suffixes=SUFFIXES)
    run_python(["-c", code, str(out)], setting, LAWCMP_CACHE=str(cache))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    cache = tmp_path_factory.mktemp("cache")
    (c1, c2), (z1, z2) = locales(), zones()
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    run(first, cache, Setting("1", c1, z1))
    run(second, cache, Setting("4242", c2, z2))  # and from the cache the first run filled
    return tree(first), tree(second)


@pytest.mark.parametrize("name", sorted(REPORTS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_reports_are_byte_identical(outputs: tuple[dict[str, bytes], dict[str, bytes]], name: str, fmt: str) -> None:
    first, second = outputs
    key = name + SUFFIXES[fmt]
    assert first[key], key
    assert first[key] == second[key], f"{key} differs between the two environments"


def test_sites_are_identical(outputs: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    first, second = ({k: v for k, v in t.items() if k.startswith("site/")} for t in outputs)
    assert first, "no site was written"
    assert first.keys() == second.keys()
    differ = [k for k in first if first[k] != second[k]]
    assert not differ, differ[:10]
