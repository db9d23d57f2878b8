"""Generate a corpus of hostile import files (≥ 200) and helper parsers for isolation tests.

`write_hostile_corpus(folder)` writes every file quickly (the 100 MB text file is a sparse
repeat of one chunk) and returns {file name: category}. Deterministic (fixed seeds).
"""

from __future__ import annotations

import io
import os
import random
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from tests.core import fixtures_factory as ff

SEED = 20261109
POLICY = (
    "关于进一步加强安全生产工作的通知\n"
    "各区人民政府，市各委办局：\n"
    "一、总体要求\n"
    "（一）坚持人民至上、生命至上，统筹发展和安全。\n"
    "（二）到2025年，重特大事故得到有效遏制。\n"
    "二、主要任务\n"
    "（一）压实企业主体责任。\n"
    "1.建立全员安全生产责任制。\n"
    "2.开展隐患排查治理。\n"
    "三、保障措施\n"
    "加强组织领导，确保各项任务落到实处。\n"
)

Writer = Callable[[Path], object]


class Corpus:
    """Collects generated files: name → category."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.categories: dict[str, str] = {}
        folder.mkdir(parents=True, exist_ok=True)

    def add(self, category: str, name: str, content: bytes | str | Writer) -> Path:
        path = self.folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            content(path)
        self.categories[name] = category
        return path


def write_hostile_corpus(folder: Path, *, huge: bool = True) -> dict[str, str]:
    """Write the whole hostile corpus into `folder`; `huge=False` skips the 100 MB file."""
    corpus = Corpus(folder)
    rng = random.Random(SEED)
    for add_group in (
        _empty_and_blank, _binary_noise, _nul_bytes, _broken_docx, _broken_pdf, _zips,
        _sizes, _encodings, _html, _control_chars, _numbering, _markdown, _wrong_types,
        _odd_names,
    ):
        add_group(corpus, rng)
    if huge:
        corpus.add("size", "huge_100mb.txt", lambda p: write_big_text(p, 100 * 1024 * 1024))
    return corpus.categories


# -- groups --------------------------------------------------------------------------

EXTENSIONS = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def _empty_and_blank(c: Corpus, rng: random.Random) -> None:
    blanks = {
        "spaces": b"     ", "newlines": b"\n" * 500, "crlf": b"\r\n" * 200,
        "fullwidth_space": "\u3000\u3000\n\u3000".encode(), "bom_only": b"\xef\xbb\xbf",
        "tabs": b"\t\t\t\n\t", "utf16_bom_only": b"\xff\xfe",
    }
    for ext in EXTENSIONS:
        c.add("empty", f"empty{ext}", b"")
    for label, data in blanks.items():
        for ext in (".txt", ".md", ".html"):
            c.add("blank", f"blank_{label}{ext}", data)


def _binary_noise(c: Corpus, rng: random.Random) -> None:
    for size in (1, 17, 1024, 64 * 1024, 1024 * 1024):
        for ext in (".txt", ".md", ".html", ".docx", ".pdf"):
            c.add("noise", f"noise_{size}{ext}", rng.randbytes(size))
    for ext in (".txt", ".html"):
        c.add("noise", f"noise_high_bytes{ext}", bytes(rng.randrange(0x80, 0x100) for _ in range(4096)))


def _nul_bytes(c: Corpus, rng: random.Random) -> None:
    c.add("nul", "all_nul.txt", b"\x00" * 10_000)
    c.add("nul", "all_nul.docx", b"\x00" * 10_000)
    c.add("nul", "all_nul.pdf", b"\x00" * 10_000)
    text = POLICY.encode("utf-8")
    c.add("nul", "nul_sprinkled.txt", b"\x00".join(text[i : i + 7] for i in range(0, len(text), 7)))
    c.add("nul", "nul_every_char.txt", b"\x00".join(bytes([b]) for b in text))
    c.add("nul", "nul_prefix.txt", b"\x00" * 100 + text)
    c.add("nul", "nul_suffix.txt", text + b"\x00" * 100)
    c.add("nul", "nul_in_html.html", b"<html><body><p>" + text.replace(b"\n", b"\x00</p><p>") + b"</p>")
    c.add("nul", "nul_in_md.md", b"# \x00title\n\n" + text + b"\x00")
    c.add("nul", "utf16_no_bom.txt", POLICY.encode("utf-16-le"))


def _broken_docx(c: Corpus, rng: random.Random) -> None:
    good = c.add("docx_ok", "valid_reference.docx", _policy_docx)
    data = good.read_bytes()
    for fraction in (0.02, 0.1, 0.33, 0.5, 0.75, 0.9, 0.99):
        c.add("docx_truncated", f"docx_truncated_{int(fraction * 100)}.docx", data[: int(len(data) * fraction)])
    c.add("docx_truncated", "docx_one_byte_short.docx", data[:-1])
    for seed in range(12):
        c.add("docx_corrupt", f"docx_flipped_{seed}.docx", _flip_bytes(data, random.Random(seed), 40))
    c.add("docx_corrupt", "docx_no_document.docx", ff.make_zip_without_document)
    c.add("docx_corrupt", "docx_not_xml.docx", _zip_bytes({"word/document.xml": b"\x00\xff not xml <<<"}))
    c.add("docx_corrupt", "docx_empty_xml.docx", _zip_bytes({"word/document.xml": b""}))
    c.add("docx_corrupt", "docx_billion_laughs.docx", _zip_bytes({"word/document.xml": _billion_laughs()}))
    c.add("docx_corrupt", "docx_external_entity.docx", _zip_bytes({"word/document.xml": _external_entity()}))
    c.add("docx_corrupt", "docx_deep_nesting.docx", _zip_bytes({"word/document.xml": _deep_docx_xml(20_000)}))
    c.add("docx_corrupt", "docx_many_members.docx", _zip_bytes({f"word/m{i}.xml": b"<a/>" for i in range(5000)}))
    c.add("docx_corrupt", "docx_traversal_names.docx", _zip_bytes({"../../evil.txt": b"x", "/abs": b"y"}))
    c.add("docx_corrupt", "docx_stored_text.docx", _zip_bytes({"word/document.xml": POLICY.encode()}))
    c.add("zip_bomb", "docx_bomb_honest.docx", lambda p: ff.make_docx_bomb(p, 64 * 1024 * 1024))
    c.add("zip_bomb", "docx_bomb_lying.docx", _lying_bomb)
    c.add("zip_bomb", "docx_bomb_many_small.docx", _many_member_bomb)


def _broken_pdf(c: Corpus, rng: random.Random) -> None:
    good = c.add("pdf_ok", "valid_reference.pdf", lambda p: ff.make_pdf(p, [POLICY.splitlines()]))
    data = good.read_bytes()
    for fraction in (0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99):
        c.add("pdf_truncated", f"pdf_truncated_{int(fraction * 100)}.pdf", data[: int(len(data) * fraction)])
    for seed in range(12):
        c.add("pdf_corrupt", f"pdf_flipped_{seed}.pdf", _flip_bytes(data, random.Random(100 + seed), 30))
    c.add("pdf_corrupt", "pdf_header_only.pdf", b"%PDF-1.7\n")
    c.add("pdf_corrupt", "pdf_garbage_after_header.pdf", b"%PDF-1.4\n" + rng.randbytes(5000))
    c.add("pdf_corrupt", "pdf_page_cycle.pdf", _cyclic_pdf())
    c.add("pdf_corrupt", "pdf_deep_arrays.pdf", _deep_array_pdf(50_000))
    c.add("pdf_corrupt", "pdf_no_xref.pdf", data.split(b"xref")[0])
    c.add("pdf_encrypted", "pdf_encrypted.pdf", lambda p: ff.make_pdf(p, [POLICY.splitlines()], password="x"))
    c.add("pdf_scan", "pdf_no_text.pdf", lambda p: ff.make_blank_pdf(p, 3))


def _zips(c: Corpus, rng: random.Random) -> None:
    plain = _zip_bytes({"a.txt": POLICY.encode()})
    for ext in (".txt", ".md", ".html", ".pdf"):
        c.add("zip_misnamed", f"zip_as{ext}", plain)
    c.add("zip_misnamed", "zip_nested.docx", _zip_bytes({"inner.zip": plain}))
    c.add("zip_truncated", "zip_truncated.docx", plain[: len(plain) // 2])
    c.add("zip_corrupt", "zip_bad_crc.docx", _bad_crc_zip())


def _sizes(c: Corpus, rng: random.Random) -> None:
    c.add("long_line", "line_1mb_han.txt", ("政策" * 262_144).encode())  # 1.5 MB, no newline
    c.add("long_line", "line_1mb_ascii.txt", b"a" * 1024 * 1024)
    c.add("long_line", "line_1mb_punct.txt", ("，" * 350_000).encode())
    c.add("long_line", "line_1mb_html.html", b"<p>" + ("政" * 350_000).encode() + b"</p>")
    c.add("long_line", "line_1mb_md.md", ("*" * 1024 * 1024).encode())
    c.add("size", "text_40mb.txt", lambda p: write_big_text(p, 40 * 1024 * 1024))
    c.add("size", "text_1mb_dense_clauses.txt", (POLICY * 4_000).encode())
    c.add("size", "many_short_lines.txt", b"\xe4\xb8\x80\n" * 300_000)


def _encodings(c: Corpus, rng: random.Random) -> None:
    utf8, gbk = POLICY.encode("utf-8"), POLICY.encode("gbk")
    cases = {
        "invalid_continuation": b"\x80\x81\x82" * 500,
        "overlong": b"\xc0\xaf\xe0\x80\xaf" * 300 + utf8,
        "surrogates": b"\xed\xa0\x80\xed\xbf\xbf" * 200 + utf8,
        "truncated_multibyte": utf8 + b"\xe4\xb8",
        "utf8_then_gbk": utf8 + gbk,
        "gbk_then_utf8": gbk + utf8,
        "bom_then_gbk": b"\xef\xbb\xbf" + gbk,
        "big5": "關於進一步加強安全生產工作的通知\n一、總體要求\n".encode("big5") * 20,
        "gb18030_rare": ("𠀀𠀁𪚥" * 100 + POLICY).encode("gb18030"),
        "utf16_odd_length": b"\xff\xfe" + POLICY.encode("utf-16-le") + b"\x00",
        "utf16be_bom": b"\xfe\xff" + POLICY.encode("utf-16-be"),
        "utf32": POLICY.encode("utf-32"),
        "latin1_mojibake": POLICY.encode("utf-8").decode("latin-1").encode("utf-8"),
        "shift_jis": "政策に関する通知\n一、総則\n".encode("shift_jis") * 50,
        "random_utf8_mix": bytes(rng.choice([0xE4, 0xB8, 0x80, 0x0A, 0x41]) for _ in range(20_000)),
    }
    for label, data in cases.items():
        for ext in (".txt", ".md"):
            c.add("encoding", f"enc_{label}{ext}", data)
    c.add("encoding", "enc_html_lying_charset.html",
          b'<meta charset="utf-8"><p>' + gbk + b"</p>")
    c.add("encoding", "enc_html_unknown_charset.html",
          b'<meta charset="x-no-such-charset"><p>' + utf8 + b"</p>")
    c.add("encoding", "enc_html_two_charsets.html",
          b'<meta charset="gbk"><meta charset="utf-8"><p>' + utf8 + b"</p>")


def _html(c: Corpus, rng: random.Random) -> None:
    body = "".join(f"<p>{line}</p>" for line in POLICY.splitlines())
    c.add("html_nested", "html_nested_div_100k.html", "<div>" * 100_000 + body + "</div>" * 100_000)
    c.add("html_nested", "html_unclosed_100k.html", "<div><span>" * 50_000 + body)
    c.add("html_nested", "html_nested_tables.html", "<table><tr><td>" * 5_000 + body)
    c.add("html_nested", "html_nested_lists.html", "<ul><li>" * 20_000 + body)
    c.add("html_nested", "html_nested_inline.html", "<b><i>" * 30_000 + body)
    scripts = (
        "<script>while(true){}</script><script src='http://evil.example/x.js'></script>"
        "<script>document.write('一、假条款')</script><noscript>请启用脚本</noscript>"
    )
    remote = (
        "<img src='http://tracker.example/pixel.gif'><img src='file:///etc/passwd'>"
        "<iframe src='https://evil.example'></iframe><link rel=stylesheet href='http://x/y.css'>"
        "<style>body{background:url(http://x/bg.png)}</style><object data='http://x/o.swf'></object>"
        "<a href='javascript:alert(1)'>点我</a><meta http-equiv=refresh content='0;url=http://x'>"
        "<base href='http://evil.example/'><img src='data:image/png;base64," + "A" * 200_000 + "'>"
    )
    c.add("html_script", "html_scripts.html", f"<html><head>{scripts}</head><body>{body}{scripts}</body>")
    c.add("html_remote", "html_remote_resources.html", f"<html><body>{remote}{body}</body></html>")
    c.add("html_remote", "html_svg_foreign.html", f"<svg><foreignObject>{body}</foreignObject></svg>")
    c.add("html_entities", "html_entity_bomb.html", _billion_laughs().decode() + body)
    c.add("html_entities", "html_many_entities.html", "&amp;&lt;&#x4E00;&#0;&#xD800;&#99999999;" * 20_000)
    c.add("html_comments", "html_unterminated_comment.html", "<!--" + body * 100)
    c.add("html_comments", "html_cdata.html", "<![CDATA[" + body + "]]>" + body)
    c.add("html_only_markup", "html_only_tags.html", "<div></div>" * 50_000)
    c.add("html_attributes", "html_huge_attribute.html", "<p title='" + "x" * 2_000_000 + "'>正文</p>")
    c.add("html_attributes", "html_many_attributes.html", "<p " + " ".join(f"a{i}=1" for i in range(50_000)) + ">正文</p>")
    c.add("html_frameset", "html_frameset.html", "<frameset><frame src='http://x'></frameset>")
    c.add("html_xhtml", "html_xhtml_doctype.htm",
          '<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" '
          '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html xmlns="http://www.w3.org/1999/xhtml">'
          f"<body>{body}</body></html>")


def _control_chars(c: Corpus, rng: random.Random) -> None:
    lines = POLICY.splitlines()
    inserts = {
        "c0_controls": "".join(chr(i) for i in range(1, 32) if chr(i) not in "\n\r\t"),
        "rlo": "\u202e", "lre_pdf": "\u202a\u202c", "zwsp": "\u200b\u200c\u200d",
        "bom_inside": "\ufeff", "line_separators": "\u2028\u2029", "nel": "\u0085",
        "del_c1": "\x7f\x80\x9f", "private_use": "\ue000\uf8ff", "nonchars": "\ufffe\uffff",
        "combining_stack": "a" + "\u0301" * 500, "variation": "\ufe0f\U000e0100",
        "emoji": "\U0001f600\U0001f1e8\U0001f1f3", "tags_block": "\U000e0041\U000e007f",
        "form_feed_vt": "\x0c\x0b", "replacement": "\ufffd" * 10,
    }
    for label, insert in inserts.items():
        text = "\n".join(insert + line + insert for line in lines)
        c.add("control", f"ctrl_{label}.txt", text)
    c.add("control", "ctrl_cr_only.txt", POLICY.replace("\n", "\r"))
    c.add("control", "ctrl_mixed_newlines.txt", POLICY.replace("\n", "\r\n", 3).replace("\n", "\r", 2))
    c.add("control", "ctrl_rtl_filename_\u202egpj.txt", POLICY)
    c.add("control", "ctrl_in_html.html", "<p>\u202e" + POLICY.replace("\n", "\x01</p><p>\u200b") + "</p>")


def _numbering(c: Corpus, rng: random.Random) -> None:
    c.add("numbering", "num_yi_10000_lines.txt", "一、\n" * 10_000)
    c.add("numbering", "num_yi_10000_one_line.txt", "一、" * 10_000)
    c.add("numbering", "num_yi_with_text.txt", "一、总体要求\n" * 10_000)
    c.add("numbering", "num_paren_10000.txt", "（一）内容。\n" * 10_000)
    c.add("numbering", "num_article_10000.txt", "第一条 内容。\n" * 10_000)
    c.add("numbering", "num_chapter_article_mix.txt", "第一章 总则\n第一条 内容。\n" * 5_000)
    c.add("numbering", "num_deep_decimal.txt", "\n".join("1." * d + " 条款" for d in range(1, 2_000)))
    c.add("numbering", "num_descending.txt", "".join(f"{n}.内容。\n" for n in range(10_000, 0, -1)))
    c.add("numbering", "num_huge_numbers.txt", "".join(f"{10**k}.内容。\n" for k in range(1, 400)))
    c.add("numbering", "num_chinese_huge.txt", "九" * 5_000 + "、内容\n" + "一万亿亿亿亿、内容\n")
    c.add("numbering", "num_alternating_levels.txt", "一、甲\n（一）乙\n1.丙\n（1）丁\n①戊\n" * 4_000)
    c.add("numbering", "num_annex_10000.txt", "附件1\n" * 10_000)
    c.add("numbering", "num_random_labels.txt", "\n".join(
        rng.choice(["一、", "（二）", "3.", "（4）", "⑤", "第六条", "第七章", "附件8"]) + "内容"
        for _ in range(20_000)))
    c.add("numbering", "num_toc_like.txt", "目录\n" + "第一章 总则……1\n" * 3_000 + POLICY)


def _markdown(c: Corpus, rng: random.Random) -> None:
    c.add("markdown", "md_deep_quotes.md", ">" * 5_000 + " 内容\n")
    c.add("markdown", "md_deep_lists.md", "".join("  " * d + "- 项\n" for d in range(2_000)))
    c.add("markdown", "md_raw_html_script.md", "<script>alert(1)</script>\n\n" + POLICY)
    c.add("markdown", "md_remote_images.md", "![x](http://tracker.example/p.gif)\n\n" + POLICY)
    c.add("markdown", "md_many_refs.md", "".join(f"[r{i}]: http://x/{i}\n" for i in range(20_000)) + POLICY)
    c.add("markdown", "md_unclosed_fence.md", "```\n" + POLICY * 100)
    c.add("markdown", "md_emphasis_storm.md", "*_" * 50_000)
    c.add("markdown", "md_table_wide.md", "|" + "a|" * 5_000 + "\n|" + "-|" * 5_000 + "\n")


def _wrong_types(c: Corpus, rng: random.Random) -> None:
    c.add("wrong_type", "png_as.txt", ff.PNG_BYTES)
    c.add("wrong_type", "png_as.docx", ff.PNG_BYTES)
    c.add("wrong_type", "ole_as.docx", ff.OLE2_BYTES)
    c.add("wrong_type", "ole_as.txt", ff.OLE2_BYTES)
    c.add("wrong_type", "elf_as.md", b"\x7fELF\x02\x01\x01" + rng.randbytes(2000))
    c.add("wrong_type", "exe_as.txt", b"MZ\x90\x00" + rng.randbytes(2000))
    c.add("wrong_type", "gzip_as.html", b"\x1f\x8b\x08" + rng.randbytes(500))
    c.add("wrong_type", "pdf_as.docx", Path(c.folder / "valid_reference.pdf").read_bytes())
    c.add("wrong_type", "docx_as.pdf", Path(c.folder / "valid_reference.docx").read_bytes())
    c.add("wrong_type", "docx_as.txt", Path(c.folder / "valid_reference.docx").read_bytes())
    c.add("wrong_type", "rtf_as.txt", b"{\\rtf1\\ansi " + POLICY.encode() + b"}")
    c.add("wrong_type", "unsupported.doc", ff.OLE2_BYTES)
    c.add("wrong_type", "unsupported.xlsx", _zip_bytes({"xl/workbook.xml": b"<a/>"}))
    c.add("wrong_type", "no_extension", POLICY)
    c.add("wrong_type", "sqlite_as.txt", b"SQLite format 3\x00" + b"\x00" * 4000)


def _odd_names(c: Corpus, rng: random.Random) -> None:
    c.add("name", "名字 带 空格 和（括号）.txt", POLICY.replace("安全生产", "名称测试"))
    c.add("name", "line\nbreak.txt", POLICY.replace("安全生产", "换行名称"))
    c.add("name", ("长" * 80) + ".txt", POLICY.replace("安全生产", "长名称"))
    c.add("name", "UPPER.TXT", POLICY.replace("安全生产", "大写扩展名"))
    c.add("name", "dots...txt", POLICY.replace("安全生产", "多点名称"))


# -- builders --------------------------------------------------------------------------

def write_big_text(path: Path, size: int) -> Path:
    """A `size`-byte UTF-8 policy-like text, written in 1 MB blocks (fast: ~0.1 s per 100 MB)."""
    line = "（一）坚持人民至上、生命至上，统筹发展和安全，压实各方责任。\n".encode()
    block = line * (1024 * 1024 // len(line))
    with path.open("wb") as out:
        written = 0
        while written + len(block) <= size:
            out.write(block)
            written += len(block)
        out.write(b"x" * (size - written))
    return path


def _policy_docx(path: Path) -> None:
    def build(document) -> None:
        for line in POLICY.splitlines():
            document.add_paragraph(line)

    ff.make_docx(path, build)


def _flip_bytes(data: bytes, rng: random.Random, count: int) -> bytes:
    buffer = bytearray(data)
    for _ in range(count):
        buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _billion_laughs() -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?><!DOCTYPE w:document [' + "".join(entities) + "]>"
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()


def _external_entity() -> bytes:
    return (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>一、&xxe;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()


def _deep_docx_xml(depth: int) -> bytes:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return (f"<w:document {ns}><w:body>" + "<w:sdt><w:sdtContent>" * depth + "<w:p><w:r><w:t>正文</w:t></w:r></w:p>"
            + "</w:sdtContent></w:sdt>" * depth + "</w:body></w:document>").encode()


def _lying_bomb(path: Path) -> None:
    """A zip whose header claims a tiny document.xml that really inflates to 256 MB."""
    size = 256 * 1024 * 1024
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"\x20" * (1024 * 1024)
    compressed = b"".join(compressor.compress(chunk) for _ in range(size // len(chunk)))
    compressed += compressor.flush()
    name = b"word/document.xml"
    crc, claimed = 0, 1000
    local = (b"PK\x03\x04" + (20).to_bytes(2, "little") + b"\x00\x00" + (8).to_bytes(2, "little")
             + b"\x00\x00\x00\x00" + crc.to_bytes(4, "little") + len(compressed).to_bytes(4, "little")
             + claimed.to_bytes(4, "little") + len(name).to_bytes(2, "little") + b"\x00\x00" + name)
    central = (b"PK\x01\x02" + (20).to_bytes(2, "little") * 2 + b"\x00\x00" + (8).to_bytes(2, "little")
               + b"\x00\x00\x00\x00" + crc.to_bytes(4, "little") + len(compressed).to_bytes(4, "little")
               + claimed.to_bytes(4, "little") + len(name).to_bytes(2, "little") + b"\x00" * 12
               + (0).to_bytes(4, "little") + name)
    offset = len(local) + len(compressed)
    end = (b"PK\x05\x06" + b"\x00" * 4 + (1).to_bytes(2, "little") * 2 + len(central).to_bytes(4, "little")
           + offset.to_bytes(4, "little") + b"\x00\x00")
    path.write_bytes(local + compressed + central + end)


def _many_member_bomb(path: Path) -> None:
    """Many members each inflating to 8 MB (each under a per-member limit, the total far over)."""
    chunk = b" " * (8 * 1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for i in range(60):
            archive.writestr(f"word/media/pad{i}.xml", chunk)


def _bad_crc_zip() -> bytes:
    data = bytearray(_zip_bytes({"word/document.xml": b"<w:document/>" * 50}))
    position = data.find(b"word/document.xml") + len("word/document.xml") + 5
    data[position] ^= 0xFF
    return bytes(data)


def _cyclic_pdf() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>",
    ]
    return _assemble_pdf(objects)


def _deep_array_pdf(depth: int) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Foo " + b"[" * depth + b"]" * depth + b" >>",
        b"<< /Length 20 >>stream\nBT (x) Tj ET\nendstream",
    ]
    return _assemble_pdf(objects)


def _assemble_pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# -- parsers for isolation tests (run inside the worker process) -----------------------

def sleepy_parse(path: Path):
    """Never finishes in time."""
    time.sleep(3600)


def crashing_parse(path: Path):
    """Dies like a segfaulting C extension."""
    os._exit(139)


def memory_hog_parse(path: Path):
    """Allocates until the worker's memory limit stops it."""
    hog = []
    while True:
        hog.append(bytearray(64 * 1024 * 1024))


def buggy_parse(path: Path):
    """A plain bug in a reader."""
    raise ValueError("boom")


def echo_parse(path: Path):
    """Parses plain text in-process terms (used to check the worker is reused)."""
    from zcx_desktop.core.ingest import ingest_file

    parsed = ingest_file(path)
    parsed.warnings.append(f"pid={os.getpid()}")
    return parsed
