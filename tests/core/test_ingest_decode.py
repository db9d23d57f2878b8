"""decode_bytes: encodings detected (not guessed), binary and empty data refused."""

from __future__ import annotations

import pytest

from tests.core.fixtures_factory import SIMPLIFIED_SAMPLE, TRADITIONAL_SAMPLE
from zcx_desktop.core.errors import ImportFailed
from zcx_desktop.core.ingest.decode import decode_bytes


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SIMPLIFIED_SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SIMPLIFIED_SAMPLE.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + SIMPLIFIED_SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + SIMPLIFIED_SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SIMPLIFIED_SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SIMPLIFIED_SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SIMPLIFIED_SAMPLE.encode("gb18030"), "gb18030"),
        (SIMPLIFIED_SAMPLE.encode("gbk"), "gb18030"),
        (TRADITIONAL_SAMPLE.encode("big5"), "cp950"),
    ],
)
def test_encodings_round_trip(data: bytes, encoding: str) -> None:
    text, detected = decode_bytes(data, "a.txt")
    expected = TRADITIONAL_SAMPLE if "臺" in text else SIMPLIFIED_SAMPLE
    assert detected == encoding
    assert text.lstrip("\ufeff") == expected


def test_big5_and_gb_bytes_that_both_decode_pick_the_plausible_one() -> None:
    # Big5 bytes of common traditional text also decode as GB18030 (into rare characters).
    data = "中華民國憲法第一條：國家基於三民主義，為民有民治民享之民主共和國。".encode("big5")
    data.decode("gb18030")  # must not raise: both decodings are possible
    text, encoding = decode_bytes(data, "b.txt")
    assert encoding == "cp950"
    assert text.startswith("中華民國憲法")


def test_short_gb_text_that_is_valid_big5_is_still_gb() -> None:
    sample = "政府工作报告"
    data = sample.encode("gb18030")
    text, encoding = decode_bytes(data, "c.txt")
    assert (text, encoding) == (sample, "gb18030")


def test_newlines_are_normalised() -> None:
    text, _ = decode_bytes("第一行\r\n第二行\r第三行\n".encode("gb18030"), "d.txt")
    assert text == "第一行\n第二行\n第三行\n"


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t", "\u3000\u3000\n".encode("utf-8")])
def test_empty_files_are_refused(data: bytes) -> None:
    with pytest.raises(ImportFailed, match="文件为空"):
        decode_bytes(data, "empty.txt")


def test_binary_with_nul_bytes_is_refused() -> None:
    data = bytes(range(256)) * 8
    with pytest.raises(ImportFailed, match="二进制"):
        decode_bytes(data, "x.txt")


def test_control_characters_mean_binary() -> None:
    data = ("文本" + "\x01\x02\x03\x04\x05" * 20).encode("utf-8")
    with pytest.raises(ImportFailed, match="二进制"):
        decode_bytes(data, "x.txt")


def test_undecodable_bytes_are_refused_not_guessed() -> None:
    # Latin-1 accented text: not UTF-8, and as GB18030/Big5 it is implausible Chinese.
    data = ("Économie générale. Société française, déjà créée à Genève; " * 5).encode("latin-1")
    with pytest.raises(ImportFailed, match="无法识别文件编码"):
        decode_bytes(data, "fr.txt")


def test_error_names_the_file() -> None:
    with pytest.raises(ImportFailed) as info:
        decode_bytes(b"", "/tmp/报告.txt")
    assert info.value.path == "/tmp/报告.txt"
    assert "/tmp/报告.txt" in str(info.value)
