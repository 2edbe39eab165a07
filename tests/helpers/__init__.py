"""Helpers shared by tests in several directories, imported as `tests.helpers.<module>`.

- `htmltree`: a page parsed into a small tree, failing on a tag closed out of order;
- `determinism`: code run in fresh processes under other hash seeds, locales and time
  zones, so output can be compared byte for byte with this process's;
- `ooxml`: what every DOCX and XLSX must be (a clock-free zip LibreOffice can open).
"""
