"""The codec of cache entries: exact round trips, and nothing but registered classes back."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawcmp.lang.vocabulary import CODEC as VOCABULARY_CODEC
from lawcmp.lang.vocabulary import load_vocabulary
from lawcmp.load.catalog import CODEC as CATALOG_CODEC
from lawcmp.load.catalog import load_catalog
from lawcmp.model.statute import Span
from lawcmp.support.codec import Codec, CodecError


@dataclass(frozen=True, slots=True)
class Leaf:
    name: str
    weight: float


@dataclass(frozen=True)
class Node:
    children: tuple[Leaf | Node, ...]
    labels: dict[str, str]
    span: Span


CODEC = Codec([Leaf, Node, Span])

scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8)
leaves = st.builds(Leaf, st.text(max_size=8), st.floats(allow_nan=False))
spans = st.builds(Span, *[st.integers(0, 10**6)] * len(Span._fields))
nodes = st.recursive(
    leaves,
    lambda inner: st.builds(
        Node, st.lists(inner, max_size=3).map(tuple), st.dictionaries(st.text(max_size=4), st.text(max_size=4)), spans,
    ),
    max_leaves=12,
)
values = st.recursive(
    scalars | nodes,
    lambda inner: st.lists(inner, max_size=3).map(tuple) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=12,
)


@given(values)
def test_round_trip_is_exact(value: object) -> None:
    back = CODEC.loads(CODEC.dumps(value))
    assert back == value
    assert type(back) is type(value)


def test_the_shipped_catalog_and_vocabulary_round_trip() -> None:
    catalog = load_catalog()
    assert CATALOG_CODEC.loads(CATALOG_CODEC.dumps(catalog.obligations)) == catalog.obligations
    vocabulary = load_vocabulary()
    assert VOCABULARY_CODEC.loads(VOCABULARY_CODEC.dumps(vocabulary)) == vocabulary


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00garbage",
        b'{"c": "Exploit", "f": []}',  # a class nobody registered
        b'{"c": "Leaf", "f": ["x"]}',  # too few fields
        b'{"c": "Leaf", "f": ["x", 1, 2]}',  # too many
        b'{"c": "Leaf"}',  # no fields
        b'{"x": 1}',  # neither a dict nor a class
        b'{"d": [1, 2]}',  # a dict that is not an object
        b"[" * 100_000 + b"]" * 100_000,  # deeper than Python recurses
    ],
    ids=["empty", "garbage", "unregistered", "too-few", "too-many", "no-fields", "unknown-object", "bad-dict", "deep"],
)
def test_anything_else_is_refused(data: bytes) -> None:
    with pytest.raises(CodecError):
        CODEC.loads(data)


@pytest.mark.parametrize("value", [[1, 2], {1: "a"}, {"a"}, object()], ids=["list", "int-key", "set", "object"])
def test_values_outside_the_frozen_models_are_not_encoded(value: object) -> None:
    with pytest.raises(CodecError):
        CODEC.dumps(value)


def test_dicts_and_classes_cannot_be_confused() -> None:
    # A dict whose keys look like a class's encoding stays a dict.
    value = {"c": "Leaf", "f": ("x", 1.0)}
    assert CODEC.loads(CODEC.dumps(value)) == value
    assert json.loads(CODEC.dumps(value))["d"]["c"] == "Leaf"
