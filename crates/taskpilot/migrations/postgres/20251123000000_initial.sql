-- TaskPilot's schema on PostgreSQL.
--
-- ChatKit objects are kept as the JSON text the wire uses (`data TEXT`, not
-- JSONB, which would reorder keys), so they round-trip byte for byte; the
-- other columns exist to find and order them.
--
-- Rows that belong to a user carry `user_id` without a foreign key to
-- `users`: a user may also be a trusted Better Auth server's, unknown here.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    -- Lower-cased by the store, so UNIQUE is case-insensitive.
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    -- SHA-256 of the token; the token itself is never stored.
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE signing_keys (
    kid TEXT PRIMARY KEY,
    private_key_pem TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    -- TRUE on the key generated at first start-up, NULL on any later one. The
    -- UNIQUE makes that first insert race-safe: every instance inserts its
    -- candidate with ON CONFLICT DO NOTHING, and all read back the winner.
    bootstrap BOOLEAN UNIQUE CHECK (bootstrap)
);

CREATE TABLE tasks (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id TEXT NOT NULL,
    title TEXT NOT NULL,
    completed BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ
);
CREATE INDEX tasks_user_id ON tasks (user_id, id);

CREATE TABLE feedback (
    user_id TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('positive', 'negative')),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, thread_id, item_id)
);

CREATE TABLE chatkit_threads (
    user_id TEXT NOT NULL,
    id TEXT NOT NULL,
    -- Insertion order, the paging key (an upsert keeps it).
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    -- When the row was first stored (the thread's own lives in `data`).
    created_at TIMESTAMPTZ NOT NULL,
    -- The ThreadMetadata JSON.
    data TEXT NOT NULL,
    PRIMARY KEY (user_id, id)
);
CREATE INDEX chatkit_threads_page ON chatkit_threads (user_id, seq);

CREATE TABLE chatkit_items (
    user_id TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    id TEXT NOT NULL,
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    -- The item's `type`, for queries and for people reading the table.
    item_type TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    -- The ThreadItem JSON.
    data TEXT NOT NULL,
    PRIMARY KEY (user_id, thread_id, id),
    FOREIGN KEY (user_id, thread_id) REFERENCES chatkit_threads (user_id, id) ON DELETE CASCADE
);
CREATE INDEX chatkit_items_page ON chatkit_items (user_id, thread_id, seq);

-- Attachment metadata (the bytes live elsewhere). Owned by the user, not by
-- a thread: the thread it was sent in is only recorded inside `data`.
CREATE TABLE chatkit_attachments (
    user_id TEXT NOT NULL,
    id TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (user_id, id)
);
