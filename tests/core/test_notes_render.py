"""Hostile Markdown notes must render inert: allowed tags only, safe links, no images."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from zcx_desktop.core.notes_render import ALLOWED_TAGS, render_note, sanitize_html

HOSTILE_NOTES = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://evil/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=/etc/passwd>",
    "![本地图片](/home/user/secret.png)",
    "![网络图片](http://evil.example/track.gif)",
    "![ref][pic]\n\n[pic]: file:///etc/passwd",
    "[点我](javascript:alert(1))",
    "[点我](JaVaScRiPt:alert(document.cookie))",
    "[点我]( javascript:alert(1) )",
    "[点我](java\tscript:alert(1))",
    "[点我](vbscript:msgbox(1))",
    "[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[点我](file:///etc/passwd)",
    "[点我](/local/path)",
    "[点我](../../secret.txt)",
    "[ref]\n\n[ref]: javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    '<div onmouseover="alert(1)">hover</div>',
    "<iframe src=http://evil></iframe>",
    "<object data=evil.swf></object>",
    "<embed src=evil.swf>",
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<svg onload=alert(1)><circle r=5></svg>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    "<!-- <script>alert(1)</script> -->",
    "<body onload=alert(1)>",
    "<form action=http://evil><input name=x></form>",
    '<meta http-equiv="refresh" content="0;url=http://evil">',
    "<base href=http://evil/>",
    "<link rel=stylesheet href=http://evil/x.css>",
    "**粗体<script>alert(1)</script>**",
    "`<script>`内联代码",
    "```html\n<script>alert(1)</script>\n```",
    "> 引用 <img src=x onerror=alert(1)>",
    "| a | b |\n|---|---|\n| <script>x</script> | [l](javascript:x) |",
    "<http://ok.example/path?<script>>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<scr<script>ipt>alert(1)</script>",
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[x](&#106;avascript:alert(1))",
    "\x00<script>alert(1)</script>",
]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    collector = _Collector()
    collector.feed(html)
    return collector.tags


def _assert_inert(html: str) -> None:
    for tag, attrs in _tags(html):
        assert tag in ALLOWED_TAGS, (tag, html)
        assert tag != "img"
        for name, value in attrs:
            assert not name.startswith("on"), html
            assert name in {"href", "title", "rel"}, html
            if name == "href":
                assert (value or "").lower().startswith(("http://", "https://", "mailto:")), html


@pytest.mark.parametrize("note", HOSTILE_NOTES)
def test_hostile_note_renders_inert(note: str) -> None:
    _assert_inert(render_note(note))


@pytest.mark.parametrize("note", HOSTILE_NOTES)
def test_sanitizer_alone_makes_raw_html_inert(note: str) -> None:
    _assert_inert(sanitize_html(note))


def test_there_are_at_least_thirty_hostile_notes() -> None:
    assert len(HOSTILE_NOTES) >= 30


def test_raw_html_is_shown_as_text_not_dropped() -> None:
    html = render_note("<b>不是粗体</b>")
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_markdown_formatting_survives() -> None:
    html = render_note("**重点** 与 _说明_\n\n- 一\n- 二\n\n> 引文")
    assert "<strong>重点</strong>" in html
    assert "<em>说明</em>" in html
    assert "<li>一</li>" in html
    assert "<blockquote>" in html


def test_safe_links_keep_their_target() -> None:
    html = render_note("[国务院](https://www.gov.cn/) 与 <mailto:a@b.cn>")
    assert 'href="https://www.gov.cn/"' in html
    assert "noopener" in html


def test_image_markup_is_shown_as_text_never_loaded() -> None:
    html = render_note("![图](https://example.org/a.png)")
    assert "<img" not in html
    assert "https://example.org/a.png" in html


def test_empty_note_renders_empty() -> None:
    assert render_note("") == ""
