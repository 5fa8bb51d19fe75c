-- User database, first version: settings, annotations, briefings.
-- Lives in the user's data dir; never touched by a content update. Each numbered file in this
-- folder is one migration, applied in order inside one transaction (gcmdesk/core/userdb.py).

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL                     -- JSON
);

-- The five highlight colours; names are the user's to edit.
CREATE TABLE highlight_colors (
    key TEXT PRIMARY KEY,                   -- stable: 'yellow', 'red', ...
    name TEXT NOT NULL,                     -- shown: 'Key point'
    rgb TEXT NOT NULL,                      -- '#ffd54f'
    seq INTEGER NOT NULL
);
INSERT INTO highlight_colors (key, name, rgb, seq) VALUES
    ('yellow', 'Key point', '#ffd54f', 1),
    ('blue', 'Question', '#90caf9', 2),
    ('green', 'Action', '#a5d6a7', 3),
    ('red', 'Concern', '#ef9a9a', 4),
    ('purple', 'Reference', '#ce93d8', 5);

CREATE TABLE annotations (
    id TEXT PRIMARY KEY,                    -- 'urn:uuid:…', kept across export/import
    passage_id TEXT NOT NULL,               -- stable reference passage id 'a-72-643/para-44'
    color TEXT REFERENCES highlight_colors(key),  -- NULL: a note without highlight
    note TEXT NOT NULL DEFAULT '',
    quote_exact TEXT NOT NULL DEFAULT '',   -- W3C TextQuoteSelector; '' = the whole passage
    quote_prefix TEXT NOT NULL DEFAULT '',
    quote_suffix TEXT NOT NULL DEFAULT '',
    pos_start INTEGER,                      -- W3C TextPositionSelector; NULL = whole passage
    pos_end INTEGER,
    ref_content_hash TEXT NOT NULL,         -- reference DB the selectors were made against
    passage_sha1 TEXT NOT NULL,             -- passage text the selectors were made against
    anchor_status TEXT NOT NULL DEFAULT 'anchored'
        CHECK (anchor_status IN ('anchored', 'moved', 'fuzzy', 'orphaned')),
    creator TEXT NOT NULL,                  -- display name of the author
    created TEXT NOT NULL,                  -- ISO 8601 UTC
    modified TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0      -- soft delete: undo restores, merges keep tombstones
);
CREATE INDEX annotations_passage ON annotations(passage_id);

CREATE TABLE annotation_tags (
    annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (annotation_id, tag)
);
CREATE INDEX annotation_tags_tag ON annotation_tags(tag);

CREATE TABLE briefings (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    meeting TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',          -- as the user wrote it, ISO preferred
    author TEXT NOT NULL DEFAULT '',        -- author or delegation
    classification TEXT NOT NULL DEFAULT 'For internal use',
    introduction TEXT NOT NULL DEFAULT '',
    paper_size TEXT NOT NULL DEFAULT 'A4' CHECK (paper_size IN ('A4', 'Letter')),
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE briefing_sections (
    id INTEGER PRIMARY KEY,
    briefing_id INTEGER NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX briefing_sections_briefing ON briefing_sections(briefing_id, seq);

CREATE TABLE briefing_items (
    id INTEGER PRIMARY KEY,
    briefing_id INTEGER NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
    section_id INTEGER REFERENCES briefing_sections(id) ON DELETE SET NULL,
    seq INTEGER NOT NULL,
    item_type TEXT NOT NULL CHECK (item_type IN ('passage', 'recommendation', 'objective', 'annotation')),
    item_ref TEXT NOT NULL,                 -- passage id, recommendation id, objective number, annotation id
    comment TEXT NOT NULL DEFAULT '',       -- the user's talking points
    created TEXT NOT NULL
);
CREATE INDEX briefing_items_briefing ON briefing_items(briefing_id, seq);
