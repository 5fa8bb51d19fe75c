-- Reference database: built from resources/ by `gcmdesk build-db`, read-only at run time.
-- It is rebuilt whole, never migrated in place: a change here bumps REFERENCE_SCHEMA_VERSION
-- (gcmdesk/core/refdb_build.py) and the app rebuilds the file from the bundled corpus.

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,            -- slug, e.g. 'a-72-643'
    doc_key TEXT NOT NULL UNIQUE,   -- the source file's original name (provenance)
    seq INTEGER NOT NULL,
    title TEXT NOT NULL,
    short_title TEXT NOT NULL,
    title_source TEXT,
    symbol TEXT,                    -- UN symbol, NULL where there is none
    symbol_source TEXT,
    issuing_body TEXT NOT NULL,
    speaker TEXT,
    speaker_source TEXT,
    date TEXT NOT NULL,             -- ISO 8601, as precise as known ('2018', '2017-10', '2017-12-12')
    date_source TEXT,
    year INTEGER NOT NULL,
    place TEXT,
    type TEXT NOT NULL,
    language TEXT NOT NULL,
    truncated INTEGER NOT NULL DEFAULT 0,
    profile TEXT NOT NULL,
    source_file TEXT NOT NULL,
    sha256 TEXT NOT NULL
);

CREATE TABLE sections (
    id TEXT PRIMARY KEY,            -- '<doc>/<local>', e.g. 'a-72-643/sec-iii-a'
    doc_id TEXT NOT NULL REFERENCES documents(id),
    parent_id TEXT REFERENCES sections(id),
    seq INTEGER NOT NULL,
    level INTEGER NOT NULL,
    number TEXT,                    -- as printed: 'III', 'A', '3.1'
    title TEXT NOT NULL
);
CREATE INDEX sections_doc ON sections(doc_id, seq);

CREATE TABLE passages (
    id TEXT PRIMARY KEY,            -- stable: '<doc>/<local>', e.g. 'a-72-643/para-44'
    doc_id TEXT NOT NULL REFERENCES documents(id),
    section_id TEXT REFERENCES sections(id),
    parent_id TEXT REFERENCES passages(id),
    seq INTEGER NOT NULL,           -- reading order within the document
    kind TEXT NOT NULL CHECK (kind IN ('paragraph', 'list_item', 'sub_item', 'salutation')),
    number TEXT,                    -- label as printed: '44', '4(a)', '5•1', 'T1'
    number_inferred INTEGER NOT NULL DEFAULT 0,
    title TEXT,                     -- run-in title, also at the start of text
    citation TEXT NOT NULL,         -- 'A/72/643, para. 44'
    text TEXT NOT NULL,             -- clean display and index text
    raw_text TEXT NOT NULL,         -- as found in the source
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    page INTEGER,
    text_quality TEXT NOT NULL DEFAULT 'ok' CHECK (text_quality IN ('ok', 'lossy', 'garbled_table')),
    text_sha1 TEXT NOT NULL         -- lets annotations notice that the text they point into changed
);
CREATE INDEX passages_doc ON passages(doc_id, seq);
CREATE INDEX passages_section ON passages(section_id);

CREATE TABLE footnotes (
    id TEXT PRIMARY KEY,            -- '<doc>/fn-3'
    doc_id TEXT NOT NULL REFERENCES documents(id),
    number INTEGER NOT NULL,
    number_inferred INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    line INTEGER NOT NULL
);
CREATE INDEX footnotes_doc ON footnotes(doc_id, number);

CREATE TABLE passage_footnotes (
    passage_id TEXT NOT NULL REFERENCES passages(id),
    footnote_id TEXT NOT NULL REFERENCES footnotes(id),
    offset INTEGER NOT NULL,        -- character offset in passages.text where the marker stood
    PRIMARY KEY (passage_id, footnote_id, offset)
);
CREATE INDEX passage_footnotes_fn ON passage_footnotes(footnote_id);

CREATE TABLE objectives (
    number INTEGER PRIMARY KEY,
    title TEXT NOT NULL
);

CREATE TABLE guiding_principles (
    number INTEGER PRIMARY KEY,
    title TEXT NOT NULL
);

CREATE TABLE recommendations (
    id TEXT PRIMARY KEY,            -- '<doc>/rec-r1-a'
    doc_id TEXT NOT NULL REFERENCES documents(id),
    seq INTEGER NOT NULL,
    list_id TEXT NOT NULL,          -- 'R1', unique per document
    list_heading TEXT NOT NULL,
    number TEXT NOT NULL,           -- ordinal or label within the list
    type TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('must', 'should', 'may')),
    title TEXT,
    text TEXT NOT NULL,
    passage_id TEXT NOT NULL REFERENCES passages(id),
    citation TEXT NOT NULL
);
CREATE INDEX recommendations_doc ON recommendations(doc_id, seq);
CREATE INDEX recommendations_passage ON recommendations(passage_id);

-- method: 'explicit' ("Objective 8"), 'ordinal' ("the first GCM objective"),
-- 'thematic' (resources/objective-terms.json). score in [0, 1]; evidence = the matched words.
CREATE TABLE passage_objectives (
    passage_id TEXT NOT NULL REFERENCES passages(id),
    objective INTEGER NOT NULL REFERENCES objectives(number),
    method TEXT NOT NULL CHECK (method IN ('explicit', 'ordinal', 'thematic')),
    score REAL NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (passage_id, objective, method)
);
CREATE INDEX passage_objectives_obj ON passage_objectives(objective);

CREATE TABLE recommendation_objectives (
    recommendation_id TEXT NOT NULL REFERENCES recommendations(id),
    objective INTEGER NOT NULL REFERENCES objectives(number),
    method TEXT NOT NULL CHECK (method IN ('explicit', 'ordinal', 'thematic')),
    score REAL NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (recommendation_id, objective, method)
);
CREATE INDEX recommendation_objectives_obj ON recommendation_objectives(objective);

-- What the build did that a reviewer may want to see: warnings, repairs, stripped furniture.
CREATE TABLE build_log (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    kind TEXT NOT NULL CHECK (kind IN ('warning', 'repair', 'stripped')),
    message TEXT NOT NULL
);
