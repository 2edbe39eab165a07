"""Helpers shared by tests in several directories, imported as `tests.helpers.<module>`.

- here: `ROOT`, the repository, and `URL_ATTRIBUTES`, the HTML attributes that hold URLs;
- `shipped`: the shipped vocabulary and catalog, loaded once;
- `htmltree`: a page parsed into a small tree, failing on a tag closed out of order;
- `determinism`: code run in fresh processes under other hash seeds, locales and time
  zones, so output can be compared byte for byte with this process's;
- `ooxml`: what every DOCX and XLSX must be (a clock-free zip LibreOffice can open);
- `workers`: notes left by forked workers, to see which process did what;
- `lspclient`: a synchronous Language Server Protocol client of a `lawcmp lsp` subprocess.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# HTML attributes whose value is a URL: what a page must never fill from its input unchecked.
URL_ATTRIBUTES = frozenset({"href", "src", "xlink:href", "action", "formaction", "srcset", "poster", "data", "background",
                            "cite", "longdesc", "usemap", "ping"})
