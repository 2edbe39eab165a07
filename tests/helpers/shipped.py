"""The shipped vocabulary and obligation catalog, loaded once for every test that reads them."""

from lawcmp.lang.vocabulary import load_vocabulary
from lawcmp.load.catalog import load_catalog

VOCAB = load_vocabulary()
CATALOG = load_catalog()
