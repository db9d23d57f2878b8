-- 0002: annotation layers and annotations (anchored spans of a document's clean text).
CREATE TABLE layers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    color TEXT NOT NULL DEFAULT '#FFE066',   -- #RRGGBB
    position INTEGER NOT NULL DEFAULT 0,     -- display order
    visible INTEGER NOT NULL DEFAULT 1,
    author TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'))
);

INSERT INTO layers (name, color, position) VALUES ('重点', '#FFE066', 0);
INSERT INTO layers (name, color, position) VALUES ('待核实', '#FF9F80', 1);
INSERT INTO layers (name, color, position) VALUES ('领导关注', '#8FD3FF', 2);

-- doc_id becomes NULL when the document is deleted: the annotation is kept (status
-- 'orphan') with a snapshot of the document's identity (anchored_hash, doc_number,
-- doc_title) and is re-attached automatically if that same text is imported again.
CREATE TABLE annotations (
    id TEXT PRIMARY KEY,                     -- UUID
    doc_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    layer_id INTEGER NOT NULL REFERENCES layers(id) ON DELETE RESTRICT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    quote TEXT NOT NULL,
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    clause_path TEXT NOT NULL DEFAULT '',
    style TEXT NOT NULL DEFAULT 'highlight', -- highlight | underline | strike
    color TEXT,                              -- own colour, NULL = the layer's
    note TEXT NOT NULL DEFAULT '',           -- Markdown
    tags TEXT NOT NULL DEFAULT '[]',         -- JSON list of strings
    author TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'anchored', -- anchored | fuzzy | orphan
    original_quote TEXT NOT NULL DEFAULT '', -- the quote before a fuzzy re-anchoring/orphaning
    anchored_hash TEXT NOT NULL DEFAULT '',  -- documents.text_hash the offsets refer to
    doc_number TEXT NOT NULL DEFAULT '',
    doc_title TEXT NOT NULL DEFAULT ''
);
CREATE INDEX annotations_doc ON annotations(doc_id, start);
CREATE INDEX annotations_layer ON annotations(layer_id);
CREATE INDEX annotations_anchored_hash ON annotations(anchored_hash);
