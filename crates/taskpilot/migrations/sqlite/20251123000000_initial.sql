-- TaskPilot's schema on SQLite.
--
-- Timestamps are TEXT in one fixed-width RFC 3339 form (UTC, microseconds,
-- `Z`), written by the store, so comparing them as text compares instants.
-- ChatKit objects are kept as the JSON text the wire uses (`data`), so they
-- round-trip byte for byte; the other columns exist to find and order them.
--
-- Rows that belong to a user carry `user_id` without a foreign key to
-- `users`: a user may also be a trusted Better Auth server's, unknown here.

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    -- Lower-cased by the store, so UNIQUE is case-insensitive.
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    -- SHA-256 of the token; the token itself is never stored.
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE signing_keys (
    kid TEXT PRIMARY KEY NOT NULL,
    private_key_pem TEXT NOT NULL,
    created_at TEXT NOT NULL,
    -- 1 on the key generated at first start-up, NULL on any later one. The
    -- UNIQUE makes that first insert race-safe: every instance inserts its
    -- candidate with ON CONFLICT DO NOTHING, and all read back the winner.
    bootstrap INTEGER UNIQUE CHECK (bootstrap = 1)
);

CREATE TABLE tasks (
    -- AUTOINCREMENT: task ids are shown to users, so a deleted task's id is
    -- never handed out again.
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL,
    title TEXT NOT NULL,
    completed BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    completed_at TEXT
);
CREATE INDEX tasks_user_id ON tasks (user_id, id);

CREATE TABLE feedback (
    user_id TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('positive', 'negative')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, thread_id, item_id)
);

CREATE TABLE chatkit_threads (
    -- The rowid: insertion order, the paging key. New rowids are always
    -- above the current maximum, so order survives deletions.
    seq INTEGER PRIMARY KEY,
    user_id TEXT NOT NULL,
    id TEXT NOT NULL,
    -- When the row was first stored (the thread's own lives in `data`).
    created_at TEXT NOT NULL,
    -- The ThreadMetadata JSON.
    data TEXT NOT NULL,
    UNIQUE (user_id, id)
);
CREATE INDEX chatkit_threads_page ON chatkit_threads (user_id, seq);

CREATE TABLE chatkit_items (
    seq INTEGER PRIMARY KEY,
    user_id TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    id TEXT NOT NULL,
    -- The item's `type`, for queries and for people reading the table.
    item_type TEXT NOT NULL,
    created_at TEXT NOT NULL,
    -- The ThreadItem JSON.
    data TEXT NOT NULL,
    UNIQUE (user_id, thread_id, id),
    FOREIGN KEY (user_id, thread_id) REFERENCES chatkit_threads (user_id, id) ON DELETE CASCADE
);
CREATE INDEX chatkit_items_page ON chatkit_items (user_id, thread_id, seq);

-- Attachment metadata (the bytes live elsewhere). Owned by the user, not by
-- a thread: the thread it was sent in is only recorded inside `data`.
CREATE TABLE chatkit_attachments (
    user_id TEXT NOT NULL,
    id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (user_id, id)
);
