-- Two lookups that keep a tag filter and a text search off the user's
-- whole task list (docs/decisions/0010).

-- How many tasks carry each tag, kept by triggers like `task_counts`: a
-- listing chooses how to find a tag's tasks by it, and a tag-only listing
-- reads its total from it.
ALTER TABLE tags ADD COLUMN task_count INTEGER NOT NULL DEFAULT 0;

UPDATE tags SET task_count = (SELECT COUNT(*) FROM task_tags WHERE tag_id = tags.id);

CREATE TRIGGER tag_counts_insert AFTER INSERT ON task_tags
BEGIN
    UPDATE tags SET task_count = task_count + 1 WHERE id = NEW.tag_id;
END;

CREATE TRIGGER tag_counts_delete AFTER DELETE ON task_tags
BEGIN
    UPDATE tags SET task_count = task_count - 1 WHERE id = OLD.tag_id;
END;

-- The words of each task's title and description (store/search_words.rs
-- says what a word is), by user first: a search reads one range of its
-- user's words per search word. Written by the store with the task.
CREATE TABLE task_words (
    user_id TEXT NOT NULL,
    word TEXT NOT NULL,
    task_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, word, task_id)
) WITHOUT ROWID;

-- Work the application finishes at start-up, once, because SQL alone
-- cannot do it: here, indexing the words of the tasks that exist already.
CREATE TABLE pending_jobs (
    name TEXT PRIMARY KEY NOT NULL
);

INSERT INTO pending_jobs (name) SELECT 'task_words' WHERE EXISTS (SELECT 1 FROM tasks);
