"""Checks every Office Open XML writer (DOCX, XLSX) must pass: a zip whose bytes do not
depend on the clock, and a file LibreOffice can open."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def zip_entries_are_fixed(data: bytes) -> None:
    """Every entry dated 1980-01-01, `[Content_Types].xml` first, the rest in name order."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert infos[0].filename == "[Content_Types].xml"
    assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])


def libreoffice_converts_to_pdf(data: bytes, suffix: str, tmp_path: Path) -> None:
    """LibreOffice (headless, private profile) opens the file and writes a PDF of it."""
    assert SOFFICE is not None
    source = tmp_path / f"report{suffix}"
    source.write_bytes(data)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=120)
    pdf = tmp_path / "report.pdf"
    assert pdf.exists() and pdf.stat().st_size > 1000
    assert pdf.read_bytes().startswith(b"%PDF")
