-- 0001: documents, their clause trees and tags.
CREATE TABLE library_info (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    notice_title TEXT NOT NULL DEFAULT '',
    doc_number TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL DEFAULT '',
    written_date TEXT NOT NULL DEFAULT '',
    published_date TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    source_url TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,   -- sha256 of the original bytes
    text_hash TEXT NOT NULL,             -- sha256 of the clean text
    original_name TEXT NOT NULL DEFAULT '',
    original_file TEXT NOT NULL DEFAULT '', -- path inside <library>/originals
    source_format TEXT NOT NULL DEFAULT 'txt',
    encoding TEXT NOT NULL DEFAULT '',
    removed_lines TEXT NOT NULL DEFAULT '[]', -- JSON list: boilerplate dropped at import
    warnings TEXT NOT NULL DEFAULT '[]',      -- JSON list
    imported_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
);
CREATE INDEX documents_text_hash ON documents(text_hash);

CREATE TABLE clauses (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    parent_idx INTEGER,
    label TEXT NOT NULL,
    heading TEXT NOT NULL DEFAULT '',
    level INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    path TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    body_end INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT 'item',
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX clauses_path ON clauses(doc_id, path);

CREATE TABLE document_tags (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (doc_id, tag)
);
CREATE INDEX document_tags_tag ON document_tags(tag);
