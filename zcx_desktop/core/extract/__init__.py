"""Policy intelligence: quantitative targets, responsibilities (牵头/责任单位) and citations.

Plain-text API (no library needed)::

    extract_targets(text, clauses, title=..., region=..., doc_id=...) -> list[Target]
    extract_duties(text, clauses, doc_id=...) -> list[Duty]
    extract_citations(text, clauses, meta=..., doc_id=...) -> list[Citation]

Library API: ``PolicyExtractor(library)`` with ``targets()``, ``duties()``, ``citations()``,
``cited_by()``, ``unresolved()``; views in ``tables`` (matrix, series, CSV/XLSX export).
"""

from zcx_desktop.core.extract.citations import CitationResolver, extract_citations
from zcx_desktop.core.extract.duties import extract_duties
from zcx_desktop.core.extract.indicators import IndicatorDictionary
from zcx_desktop.core.extract.model import Citation, Duty, ResponsibilityMatrix, Target, UnitRef
from zcx_desktop.core.extract.service import PolicyExtractor, editable_data_files
from zcx_desktop.core.extract.tables import (
    build_matrix,
    export_targets_csv,
    export_targets_xlsx,
    indicator_series,
    targets_by_indicator,
)
from zcx_desktop.core.extract.targets import extract_targets
from zcx_desktop.core.extract.units import UnitAliases

__all__ = [
    "Citation",
    "CitationResolver",
    "Duty",
    "IndicatorDictionary",
    "PolicyExtractor",
    "ResponsibilityMatrix",
    "Target",
    "UnitAliases",
    "UnitRef",
    "build_matrix",
    "editable_data_files",
    "export_targets_csv",
    "export_targets_xlsx",
    "extract_citations",
    "extract_duties",
    "extract_targets",
    "indicator_series",
    "targets_by_indicator",
]
