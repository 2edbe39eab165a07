"""What lawcmp wrote into a directory, so that it never overwrites a file someone edited since.

A trainer edits the handout of a workshop pack; running `lawcmp workshop` again into the
same directory must not undo that in silence. Beside the files it writes, lawcmp keeps
their digests (`WRITTEN`); a file that is there and is not what lawcmp last wrote there is
someone else's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

WRITTEN = ".lawcmp-written.json"


def _digest(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def _known(directory: Path) -> dict[str, str]:
    try:
        known = json.loads((directory / WRITTEN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in known.items()} if isinstance(known, dict) else {}


def not_ours(files: Mapping[Path, bytes | str], directory: Path) -> list[Path]:
    """The files about to be written that exist and are not what lawcmp last wrote there."""
    known = _known(directory)
    out = []
    for path in sorted(files):
        if path.exists():
            try:
                current = _digest(path.read_bytes())
            except OSError:
                out.append(path)
                continue
            if known.get(path.name) != current:
                out.append(path)
    return out


def with_record(files: Mapping[Path, bytes | str], directory: Path) -> dict[Path, bytes | str]:
    """`files`, and the record of what they are, to be written with them (all or none)."""
    record = {**_known(directory), **{p.name: _digest(data) for p, data in sorted(files.items())}}
    return {**files, directory / WRITTEN: json.dumps(record, indent=1, sort_keys=True) + "\n"}
