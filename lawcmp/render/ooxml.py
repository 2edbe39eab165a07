"""What the XLSX and DOCX writers share: XML-safe text, a reproducible document time, and
zip archives whose bytes depend on their content only."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from lawcmp.model.document import Document
from lawcmp.support.i18n import label

EPOCH = dt.datetime(2000, 1, 1)  # the documents' dates when they name no as-of date
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
HEADER_FILL = "D9E2F3"
DIFFERS_FILL = "FCD5B4"  # light orange: this value is not the same in every column
MISSING_COLOUR = "808080"

# Characters XML 1.0 cannot carry; Word's line (\v) and page (\f) breaks become new lines.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """Text XML can hold; statute text is pasted from Word and may carry its control characters."""
    return _XML_ILLEGAL.sub("", value.replace("\x0b", "\n").replace("\x0c", "\n"))


def document_time(doc: Document) -> dt.datetime:
    """The as-of date in the run information, else a fixed epoch: never the clock, so output is reproducible."""
    key = label("as_of", doc.lang)
    for k, v in doc.meta:
        if k == key:
            try:
                return dt.datetime.combine(dt.date.fromisoformat(v), dt.time())
            except ValueError:
                break
    return EPOCH


def normalize_zip(data: bytes) -> bytes:
    """The same archive with fixed entry order, timestamps, permissions and compression.

    Zip entries carry the local wall-clock time of writing; rewriting them makes the bytes
    depend on the content only. [Content_Types].xml stays first, as Office writes it.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as dst:
            for name in names:
                info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3
                info.external_attr = 0o644 << 16
                dst.writestr(info, src.read(name), compresslevel=6)
    return out.getvalue()
