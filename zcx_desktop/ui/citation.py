"""Formatting a copied passage with its citation (title, 文号 and clause path)."""

from __future__ import annotations


def citation_text(passage: str, title: str, doc_number: str = "", clause_path: str = "") -> str:
    """`passage` followed by a source line: ——《标题》（文号）三/（二）/2."""
    source = f"《{title}》" if title else ""
    if doc_number:
        source += f"（{doc_number}）"
    if clause_path:
        source += clause_path
    passage = passage.replace("\u2029", "\n").strip()
    return f"{passage}\n——{source}" if source else passage
