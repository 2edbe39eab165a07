"""Frozen dataclasses as JSON and back: how the catalog and vocabulary are cached.

Every process needs the obligation catalog, and parsing it means importing lark,
building the LALR parser and parsing six rule files — about 200 ms, most of a short
command's run. Their cache entries are written with this codec, as JSON a reader can
open, which decodes only into the classes registered by the caller: a damaged entry
fails to decode and is rebuilt. (The statute files' entries are pickles of their
pydantic models, which spares building pydantic's validator; see `lawcmp.load.cache`
for why the cache directory is trusted as `__pycache__` is.) The encoding, from JSON's
own types:

- a tuple is a JSON array;
- a dict is `{"d": {...}}` (keys are strings);
- a registered dataclass or named tuple is `{"c": "Name", "f": [field, ...]}`;
- strings, numbers, booleans and null are themselves.

Lists and sets are not frozen and do not occur in these models; meeting one is an error.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import Any


class CodecError(ValueError):
    """The value cannot be encoded, or the JSON is not an encoding of registered classes."""


class Codec:
    """Encodes and decodes the values of a fixed set of frozen classes."""

    def __init__(self, classes: Iterable[type]) -> None:
        self._by_name: dict[str, type] = {}
        self._fields: dict[type, tuple[str, ...]] = {}
        for cls in classes:
            if dataclasses.is_dataclass(cls):
                names = tuple(f.name for f in dataclasses.fields(cls) if f.init)
            elif issubclass(cls, tuple) and hasattr(cls, "_fields"):
                names = tuple(cls._fields)
            else:
                raise TypeError(f"{cls.__name__} is neither a dataclass nor a named tuple")
            self._by_name[cls.__name__] = cls
            self._fields[cls] = names

    def dumps(self, value: object) -> bytes:
        return json.dumps(self._encode(value), ensure_ascii=False, separators=(",", ":")).encode()

    def loads(self, data: bytes) -> Any:
        """The value `data` encodes; `CodecError` if it encodes anything else."""
        try:
            value = json.loads(data)
        except (ValueError, RecursionError) as exc:
            raise CodecError(f"not JSON: {exc!r}") from None
        return self.decode(value)

    def encode(self, value: object) -> object:
        """`value` as JSON's types (for embedding in a larger document)."""
        return self._encode(value)

    def decode(self, value: object) -> Any:
        """The inverse of `encode`; `CodecError` for anything `encode` cannot have produced."""
        try:
            return self._decode(value)
        except CodecError:
            raise
        except (ValueError, TypeError, KeyError, RecursionError) as exc:
            raise CodecError(f"not a valid encoding: {exc!r}") from None

    def _encode(self, v: object) -> object:
        if v is None or isinstance(v, str | bool | int | float):
            return v
        names = self._fields.get(type(v))
        if names is not None:
            return {"c": type(v).__name__, "f": [self._encode(getattr(v, n)) for n in names]}
        if type(v) is tuple:
            return [self._encode(x) for x in v]  # type: ignore[attr-defined]
        if type(v) is dict:
            out = {}
            for k, x in v.items():  # type: ignore[attr-defined]
                if not isinstance(k, str):
                    raise CodecError(f"dict key {k!r} is not a string")
                out[k] = self._encode(x)
            return {"d": out}
        raise CodecError(f"cannot encode a {type(v).__name__}")

    def _decode(self, v: object) -> object:
        if isinstance(v, list):
            return tuple(self._decode(x) for x in v)
        if isinstance(v, dict):
            if v.keys() == {"d"} and isinstance(v["d"], dict):
                return {k: self._decode(x) for k, x in v["d"].items()}
            if v.keys() == {"c", "f"} and isinstance(v["f"], list):
                cls = self._by_name[v["c"]]
                if len(v["f"]) != len(self._fields[cls]):
                    raise CodecError(f"{cls.__name__} has {len(self._fields[cls])} fields")
                return cls(*(self._decode(x) for x in v["f"]))
            raise CodecError("an object is neither a dict nor a registered class")
        return v
