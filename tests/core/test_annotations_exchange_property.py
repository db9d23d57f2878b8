"""Property tests: the exchange-file reader takes any JSON (valid-looking or not) without crashing."""

from __future__ import annotations

import copy
import json
import zlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_annotations_store import POLICY
from zcx_desktop.core.annotations import AnnotationStore, attach
from zcx_desktop.core.annotations.exchange import import_exchange, write_export
from zcx_desktop.core.annotations.exchange_format import ExchangeError, parse_collection
from zcx_desktop.core.session import open_session

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False)
    | st.text(max_size=40),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_arbitrary_json_is_rejected_cleanly_or_parsed(value):
    try:
        parse_collection(value)
    except ExchangeError as err:
        assert str(err)


def _valid_export(tmp_path: Path) -> dict:
    lib = open_session(tmp_path / "src")
    attach(lib)
    store = AnnotationStore(lib, author="张三")
    doc = int(lib.import_text(POLICY).doc_id)
    store.annotate_quote(doc, "明确责任分工", note="**落实**", tags=["分工"])
    out = tmp_path / "valid.json"
    write_export(store, ["重点"], out)
    lib.close()
    return json.loads(out.read_text(encoding="utf-8"))


PATHS = st.lists(st.one_of(st.text(max_size=10), st.integers(0, 3)), min_size=1, max_size=5)


def _mutate(data: dict, path: list, replacement) -> dict:
    """Replace the value at a (loosely followed) path of the valid export."""
    result = copy.deepcopy(data)
    node = result
    for step in path[:-1]:
        if isinstance(node, dict) and node:
            node = node[sorted(node)[zlib.crc32(str(step).encode()) % len(node)]]
        elif isinstance(node, list) and node:
            node = node[int(step) % len(node) if isinstance(step, int) else 0]
    last = path[-1]
    if isinstance(node, dict) and node:
        node[sorted(node)[zlib.crc32(str(last).encode()) % len(node)]] = replacement
    elif isinstance(node, list) and node:
        node[int(last) % len(node) if isinstance(last, int) else 0] = replacement
    return result


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(PATHS, JSON_VALUES)
def test_mutated_export_is_rejected_cleanly_and_changes_nothing(tmp_path_factory, path, replacement):
    tmp_path = tmp_path_factory.mktemp("ex")
    data = _valid_export(tmp_path)
    lib = open_session(tmp_path / "dst")
    attach(lib)
    store = AnnotationStore(lib, author="李四")
    lib.import_text(POLICY)
    before = [a.id for a in store.all()], [layer.name for layer in store.layers()]
    target = tmp_path / "mutated.json"
    target.write_text(json.dumps(_mutate(data, path, replacement), ensure_ascii=False), encoding="utf-8")
    try:
        import_exchange(store, target)
    except ExchangeError as err:
        assert str(err)
        assert ([a.id for a in store.all()], [layer.name for layer in store.layers()]) == before
    finally:
        lib.close()
