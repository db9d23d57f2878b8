"""Isolated parsing: worker reuse, timeouts, crashes, memory limit, bugs, size caps, wire format."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from tests.core.hostile_factory import POLICY
from zcx_desktop.core import isolate
from zcx_desktop.core.errors import ImportFailed
from zcx_desktop.core.isolate import IsolatedParser, Limits

FAST = Limits(base_seconds=3, seconds_per_mb=0, max_seconds=3, memory_bytes=512 * 1024**2)


@pytest.fixture
def policy_file(tmp_path: Path) -> Path:
    path = tmp_path / "通知.txt"
    path.write_text(POLICY, encoding="utf-8")
    return path


def make_parser(function: str, limits: Limits = FAST) -> IsolatedParser:
    return IsolatedParser(limits, parser=f"tests.core.hostile_factory:{function}")


def test_worker_parses_like_in_process(policy_file: Path) -> None:
    from zcx_desktop.core.ingest import ingest_file

    parser = IsolatedParser(FAST)
    try:
        assert parser.parse(policy_file) == ingest_file(policy_file)
    finally:
        parser.close()


def test_worker_is_reused_across_files(tmp_path: Path, policy_file: Path) -> None:
    parser = make_parser("echo_parse")
    try:
        pids = {parser.parse(policy_file).warnings[-1] for _ in range(20)}
        assert len(pids) == 1 and parser.starts == 1
    finally:
        parser.close()


def test_timeout_kills_worker_and_next_parse_works(policy_file: Path) -> None:
    parser = make_parser("sleepy_parse", Limits(base_seconds=1, seconds_per_mb=0, max_seconds=1))
    try:
        started = time.monotonic()
        with pytest.raises(ImportFailed) as caught:
            parser.parse(policy_file)
        assert time.monotonic() - started < 10
        assert "超时" in caught.value.problem and caught.value.path == str(policy_file)
        parser.parser = isolate.DEFAULT_PARSER
        assert parser.parse(policy_file).clauses
        assert parser.starts == 2
    finally:
        parser.close()


def test_crash_becomes_clear_message(policy_file: Path) -> None:
    parser = make_parser("crashing_parse")
    try:
        with pytest.raises(ImportFailed) as caught:
            parser.parse(policy_file)
        assert caught.value.problem == isolate.MSG_CRASH
    finally:
        parser.close()


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS is POSIX only")
def test_memory_limit_stops_a_hog(policy_file: Path) -> None:
    parser = make_parser("memory_hog_parse", Limits(base_seconds=30, memory_bytes=256 * 1024**2))
    try:
        started = time.monotonic()
        with pytest.raises(ImportFailed) as caught:
            parser.parse(policy_file)
        assert caught.value.problem == isolate.MSG_MEMORY
        assert time.monotonic() - started < 20
    finally:
        parser.close()


def test_reader_bug_is_reported_not_raised(policy_file: Path, caplog: pytest.LogCaptureFixture) -> None:
    parser = make_parser("buggy_parse")
    try:
        with pytest.raises(ImportFailed) as caught:
            parser.parse(policy_file)
        assert "ValueError" in caught.value.problem
        assert "boom" in caplog.text  # the traceback is logged for the developers
    finally:
        parser.close()


def test_import_failed_from_reader_keeps_its_message(tmp_path: Path) -> None:
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"not a zip at all")
    parser = IsolatedParser(FAST)
    try:
        with pytest.raises(ImportFailed) as caught:
            parser.parse(bad)
        assert "docx" in caught.value.problem
    finally:
        parser.close()


def test_size_caps_refuse_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(int(2.5 * 1024**2))
    parser = IsolatedParser(Limits(max_text_mb=2))
    with pytest.raises(ImportFailed) as caught:
        parser.parse(big)
    assert "文件过大" in caught.value.problem and parser.starts == 0


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as caught:
        IsolatedParser(FAST).parse(tmp_path / "nope.txt")
    assert caught.value.problem == "文件不存在"


def test_time_limit_scales_with_size() -> None:
    limits = Limits(base_seconds=30, seconds_per_mb=3, max_seconds=300)
    assert limits.seconds_for(0) == 30
    assert limits.seconds_for(10_000_000) == pytest.approx(60)
    assert limits.seconds_for(10**12) == 300


def test_frames_round_trip_odd_text(tmp_path: Path) -> None:
    import io

    message = {"text": "政策\x00\u202e\ud800\n" * 3, "n": [1, 2]}
    stream = io.BytesIO()
    isolate.write_frame(stream, message)
    stream.seek(0)
    assert isolate.read_frame(stream) == message
    assert isolate.read_frame(stream) is None


def test_library_import_goes_through_the_worker(library, policy_file: Path, monkeypatch) -> None:
    parser = make_parser("echo_parse")
    monkeypatch.setattr(isolate, "_default", parser)
    try:
        result = library.import_file(policy_file)
        assert result.ok and any(w.startswith("pid=") for w in result.warnings)
    finally:
        parser.close()


def test_isolation_can_be_switched_off(policy_file: Path, monkeypatch) -> None:
    monkeypatch.setenv("ZCX_ISOLATE", "0")
    monkeypatch.setattr(isolate, "_default", None)
    assert isolate.parse_file(policy_file).clauses
    assert isolate._default is None
