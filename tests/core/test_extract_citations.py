"""Citations: titles and document numbers, self-references, resolution."""

from __future__ import annotations

from zcx_desktop.core.extract import CitationResolver, extract_citations
from zcx_desktop.core.extract.citations import normalise_doc_number
from zcx_desktop.core.model import DocumentMeta

TEXT = (
    "《某市三年行动计划》已经市政府同意。根据《关于建设示范区的实施意见》(苏发〔2015〕5号)、"
    "《示范区条例》(江苏省人大常委会公告第65号)和国办发[2016] 43号文件精神，贯彻（国发〔2018〕32号），"
    "再次落实《关于建设示范区的实施意见》（苏发〔2015〕5号）。"
)


def test_titles_numbers_and_counts():
    meta = DocumentMeta(title="某市三年行动计划")
    citations = extract_citations(TEXT, meta=meta)
    found = {(c.title, c.doc_number): c for c in citations}
    assert ("关于建设示范区的实施意见", "苏发〔2015〕5号") in found
    assert found[("关于建设示范区的实施意见", "苏发〔2015〕5号")].count == 2
    assert ("示范区条例", "江苏省人大常委会公告第65号") in found
    assert ("", "国发〔2018〕32号") in found
    assert all(c.title != "某市三年行动计划" for c in citations)  # the document itself


def test_resolution_by_number_then_title():
    library = [
        (7, DocumentMeta(title="关于建设示范区的实施意见", doc_number="苏发[2015]5号")),
        (9, DocumentMeta(title="示范区条例", notice_title="关于印发示范区条例的通知")),
    ]
    resolved = {
        c.title or c.doc_number: c.resolved_doc_id
        for c in CitationResolver(library).resolve_all(extract_citations(TEXT))
    }
    assert resolved["关于建设示范区的实施意见"] == 7
    assert resolved["示范区条例"] == 9
    assert resolved["国发〔2018〕32号"] is None


def test_normalise_doc_number():
    assert normalise_doc_number("锡政办发 [2018] 91号") == "锡政办发〔2018〕91号"
    assert normalise_doc_number("苏政办发（2018）36号") == "苏政办发〔2018〕36号"


def test_bare_doc_number_starts_at_its_issuer_code():
    text = "资金拨付严格按照东财规〔2024〕5号执行，补贴标准具体按东民发〔2025〕15号文件。"
    numbers = [c.doc_number for c in extract_citations(text, [])]
    assert numbers == ["东财规〔2024〕5号", "东民发〔2025〕15号"]
