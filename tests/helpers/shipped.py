"""The shipped vocabulary and obligation catalog, loaded once for every test that reads them."""

from lawcmp.lang.vocabulary import load_vocabulary
from lawcmp.load.catalog import load_catalog

VOCAB = load_vocabulary()
CATALOG = load_catalog()


def diagnostic_codes(text: str, name: str = "XX.law") -> list[str]:
    """The codes of the diagnostics a statute text gets, in order: what a bad fixture asserts."""
    from lawcmp.lang.syntax import parse_statute

    return [d.code for d in parse_statute(text, name, VOCAB)[1]]
