"""Markdown notes → sanitised HTML: raw HTML shown as text, allow-listed tags, no images, safe links.

Two layers of defence: python-markdown runs with its raw-HTML handling removed (so `<b>` in
a note is displayed literally), then nh3 keeps only an allow-list of tags and attributes,
links only with http/https/mailto URLs (relative and local links are dropped) and no
images at all (QTextBrowser would load `<img src=/local/path>`).
"""

from __future__ import annotations

import logging
import threading

import markdown  # type: ignore[import-untyped]
import nh3

log = logging.getLogger("zcx.annotations")

ALLOWED_TAGS: frozenset[str] = frozenset({
    "p", "br", "strong", "em", "b", "i", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "a",
    "table", "thead", "tbody", "tr", "th", "td",
})
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title"}}
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
DROPPED_WITH_CONTENT: frozenset[str] = frozenset({"script", "style", "iframe", "object", "embed", "noscript"})
MAX_NOTE_CHARS = 100_000

_local = threading.local()


def _markdown() -> markdown.Markdown:
    """One converter per thread (python-markdown instances are not thread-safe)."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = markdown.Markdown(extensions=["fenced_code", "tables", "sane_lists", "nl2br"])
        converter.preprocessors.deregister("html_block")  # raw HTML blocks become text
        converter.inlinePatterns.deregister("html")  # inline tags too
        for pattern in ("image_link", "image_reference", "short_image_ref"):
            converter.inlinePatterns.deregister(pattern)  # ![alt](url) stays visible as text
        _local.converter = converter
    converter.reset()
    return converter


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Only absolute http(s)/mailto links survive; everything else is dropped."""
    if tag == "a" and attribute == "href":
        scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
        return value if scheme in URL_SCHEMES else None
    return value


def sanitize_html(html: str) -> str:
    """Allow-list sanitising of any HTML fragment."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_keep_attribute,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_note(text: str) -> str:
    """Render a Markdown note to HTML that is safe to show in QTextBrowser or a report."""
    if not text:
        return ""
    if len(text) > MAX_NOTE_CHARS:
        text = text[:MAX_NOTE_CHARS]
    html = _markdown().convert(text)
    return sanitize_html(html)


_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "hr")


def note_plain_text(markdown_text: str) -> str:
    """A note as plain text for paper and PDF comments: Markdown syntax gone, typed HTML kept literally.

    `**重点** <b>x</b>` becomes `重点 <b>x</b>`; list items start with "• ".
    """
    import html as html_module
    import re

    # "&" is always literal on paper (a typed "&nbsp;" prints as typed, not as a space).
    rendered = render_note(markdown_text.replace("&", "&amp;"))
    rendered = re.sub(r"<li[^>]*>", "\n• ", rendered)
    rendered = re.sub(r"<br\s*/?>", "\n", rendered)
    rendered = re.sub(rf"</?(?:{'|'.join(_BLOCK_TAGS)})\b[^>]*>", "\n", rendered)
    text = html_module.unescape(re.sub(r"<[^>]+>", "", rendered))
    lines = [line.strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
