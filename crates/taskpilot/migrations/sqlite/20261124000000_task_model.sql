-- The complete task model: description, priority, due, reminder,
-- recurrence, tags, an optimistic-concurrency version, and each user's
-- time zone.
--
-- Sort keys are stored, not computed, so every listing order is an index
-- order: `title_key` is the title lower-cased (Unicode, by the app), and
-- `due_key` is the due day `YYYY-MM-DD`, followed by `THH:MM:SS` local wall
-- clock when the due has a time, or `~` when there is no due date (it sorts
-- after every digit). The day filters (`today`, `week`, before/after) are
-- ranges on `due_key` too.

ALTER TABLE tasks ADD COLUMN description TEXT;
-- 0 none, 1 low, 2 medium, 3 high, 4 urgent: sorts by urgency.
ALTER TABLE tasks ADD COLUMN priority INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 4);
ALTER TABLE tasks ADD COLUMN due_key TEXT NOT NULL DEFAULT '~';
-- The instant, when the due has a time of day (else NULL: a whole day).
ALTER TABLE tasks ADD COLUMN due_at TEXT;
ALTER TABLE tasks ADD COLUMN remind_at TEXT;
-- Canonical RRULE text, and the due of the series' first occurrence
-- (`YYYY-MM-DD` or an RFC 3339 instant): COUNT counts from there.
ALTER TABLE tasks ADD COLUMN recurrence TEXT;
ALTER TABLE tasks ADD COLUMN recurrence_start TEXT;
-- The occurrence created when this one was completed, so completing it
-- again (after an undo) does not create a second one.
ALTER TABLE tasks ADD COLUMN next_occurrence_id INTEGER;
-- Bumped by every change; `If-Match` compares against it.
ALTER TABLE tasks ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tasks ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
-- Lower-cased title and description, for `q`.
ALTER TABLE tasks ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
UPDATE tasks SET title_key = lower(title), search_key = lower(title);

-- One index per sort order, with and without the status filter, so a page
-- is read in order and stops after `limit` rows whatever the user's size.
-- (`tasks_user_id` and `tasks_user_completed` already serve `created`.)
CREATE INDEX tasks_due ON tasks (user_id, due_key, id);
CREATE INDEX tasks_status_due ON tasks (user_id, completed, due_key, id);
CREATE INDEX tasks_priority ON tasks (user_id, priority, id);
CREATE INDEX tasks_status_priority ON tasks (user_id, completed, priority, id);
CREATE INDEX tasks_updated ON tasks (user_id, updated_at, id);
CREATE INDEX tasks_status_updated ON tasks (user_id, completed, updated_at, id);
CREATE INDEX tasks_title ON tasks (user_id, title_key, id);
CREATE INDEX tasks_status_title ON tasks (user_id, completed, title_key, id);

-- Tags are per user and case-insensitive: `name_key` is the lower-cased
-- name, `name` the spelling first used. A tag no task uses is deleted.
CREATE TABLE tags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (user_id, name_key)
);

CREATE TABLE task_tags (
    task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, tag_id)
);
CREATE INDEX task_tags_tag ON task_tags (tag_id, task_id);

-- Account settings that are ours, not Better Auth's, so users of a trusted
-- Better Auth server have them too. No row: the defaults (UTC).
CREATE TABLE user_settings (
    user_id TEXT PRIMARY KEY NOT NULL,
    time_zone TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
