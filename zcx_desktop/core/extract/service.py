"""Extraction over a library: targets/duties/citations of stored documents, cites and cited-by."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from zcx_desktop.core.extract.citations import CitationResolver, extract_citations
from zcx_desktop.core.extract.duties import extract_duties
from zcx_desktop.core.extract.indicators import (
    INDICATORS_FILE,
    IndicatorDictionary,
    ensure_user_copy,
)
from zcx_desktop.core.extract.model import Citation, Duty, Target
from zcx_desktop.core.extract.targets import TargetExtractor
from zcx_desktop.core.extract.units import UNIT_ALIASES_FILE, UnitAliases
from zcx_desktop.core.model import Document

log = logging.getLogger("zcx.extract")


class PolicyExtractor:
    """Computes targets, duties and citations on demand for library documents (cached per content hash).

    The dictionaries come from the library dir when the user has a copy there
    (`indicators.json`, `unit_aliases.json`), else from the shipped defaults.
    """

    def __init__(self, library: Any) -> None:
        self.library = library
        library_dir = Path(getattr(library, "path", "")) if getattr(library, "path", None) else None
        self.dictionary = IndicatorDictionary.load(library_dir)
        self.aliases = UnitAliases.load(library_dir)
        self._targets = TargetExtractor(self.dictionary)
        self._cache: dict[tuple[str, int, str], list[Any]] = {}
        self._lock = threading.Lock()

    def doc_ids(self, doc_ids: Sequence[int] | None = None) -> list[int]:
        """The given ids (checked) or every document in the library."""
        if doc_ids:
            for doc_id in doc_ids:
                self.library.get_document(doc_id, with_text=False)  # raises NotFound
            return list(doc_ids)
        return [doc.id for doc in self.library.list_documents()]

    def targets(self, doc_ids: Sequence[int] | None = None, indicator: str = "") -> list[Target]:
        """Targets of the documents (all when none given), optionally filtered by indicator text."""
        result: list[Target] = []
        for doc_id in self.doc_ids(doc_ids):
            result.extend(self._cached("targets", doc_id, self._targets_of))
        if indicator:
            result = [t for t in result if matches_indicator(t, indicator, self.dictionary)]
        return result

    def duties(self, doc_ids: Sequence[int] | None = None, unit: str = "") -> list[Duty]:
        """Duties of the documents, optionally only those naming `unit` (alias-aware)."""
        result: list[Duty] = []
        for doc_id in self.doc_ids(doc_ids):
            result.extend(self._cached("duties", doc_id, self._duties_of))
        if unit:
            wanted = self.aliases.normalise(unit)
            result = [
                d
                for d in result
                if any(_unit_matches(u.name, u.text, unit, wanted) for u in d.units)
            ]
        return result

    def citations(self, doc_id: int) -> list[Citation]:
        """What the document cites, each linked to a library document when one matches."""
        citations = self._cached("cites", doc_id, self._citations_of)
        return self.resolver().resolve_all(citations)

    def cited_by(self, doc_id: int) -> list[Citation]:
        """Citations in other documents that resolve to `doc_id`."""
        resolver = self.resolver()
        found: list[Citation] = []
        for other in self.doc_ids():
            if other == doc_id:
                continue
            for citation in resolver.resolve_all(self._cached("cites", other, self._citations_of)):
                if citation.resolved_doc_id == doc_id:
                    found.append(citation)
        return found

    def unresolved(self, doc_ids: Sequence[int] | None = None) -> list[Citation]:
        """Citations that match no library document (candidates to import)."""
        result: list[Citation] = []
        for doc_id in self.doc_ids(doc_ids):
            result.extend(c for c in self.citations(doc_id) if c.resolved_doc_id is None)
        return result

    def resolver(self) -> CitationResolver:
        return CitationResolver((doc.id, doc.meta) for doc in self.library.list_documents())

    def forget(self, doc_ids: Iterable[int] | None = None) -> None:
        """Drop cached results (all, or of some documents) after a re-import or edit."""
        with self._lock:
            if doc_ids is None:
                self._cache.clear()
                return
            drop = set(doc_ids)
            for key in [k for k in self._cache if k[1] in drop]:
                del self._cache[key]

    def _cached(self, kind: str, doc_id: int, compute: Any) -> list[Any]:
        document: Document = self.library.get_document(doc_id)
        key = (kind, doc_id, document.content_hash + document.meta.title + document.meta.doc_number)
        with self._lock:
            if key in self._cache:
                return list(self._cache[key])
        value = compute(document)
        with self._lock:
            self._cache[key] = value
        return list(value)

    def _targets_of(self, document: Document) -> list[Target]:
        text = document.text or ""
        return self._targets.extract(
            text,
            self.library.get_clauses(document.id),
            title=document.meta.title,
            region=document.meta.region,
            doc_id=document.id,
        )

    def _duties_of(self, document: Document) -> list[Duty]:
        clauses = self.library.get_clauses(document.id)
        return extract_duties(
            document.text or "", clauses, aliases=self.aliases, doc_id=document.id
        )

    def _citations_of(self, document: Document) -> list[Citation]:
        clauses = self.library.get_clauses(document.id)
        return extract_citations(
            document.text or "", clauses, meta=document.meta, doc_id=document.id
        )


def matches_indicator(target: Target, query: str, dictionary: IndicatorDictionary) -> bool:
    """The query names the target's indicator: same canonical, or a substring of either name."""
    canonical = dictionary.canonical(query, check_unit=False)
    if canonical and canonical == target.canonical:
        return True
    return query in target.indicator or (target.canonical is not None and query in target.canonical)


def _unit_matches(name: str, text: str, query: str, wanted: str) -> bool:
    return name == wanted or query in name or query in text


def editable_data_files(library_dir: Path) -> list[Path]:
    """Copy the indicator dictionary and unit aliases into the library dir for editing."""
    return [
        ensure_user_copy(library_dir, INDICATORS_FILE),
        ensure_user_copy(library_dir, UNIT_ALIASES_FILE),
    ]
