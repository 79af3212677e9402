-- Two lookups that keep a tag filter and a text search off the user's
-- whole task list (docs/decisions/0010).

-- How many tasks carry each tag, kept by triggers like `task_counts`: a
-- listing chooses how to find a tag's tasks by it, and a tag-only listing
-- reads its total from it. The trigger's row lock on the tag also makes a
-- concurrent "delete unused tags" wait for, and then see, a new link.
ALTER TABLE tags ADD COLUMN task_count BIGINT NOT NULL DEFAULT 0;

UPDATE tags SET task_count = (SELECT COUNT(*) FROM task_tags WHERE tag_id = tags.id);

CREATE FUNCTION tag_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE tags SET task_count = task_count + 1 WHERE id = NEW.tag_id;
    ELSE
        UPDATE tags SET task_count = task_count - 1 WHERE id = OLD.tag_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER tag_counts AFTER INSERT OR DELETE ON task_tags
FOR EACH ROW EXECUTE FUNCTION tag_counts_track();

-- The words of each task's title and description (store/search_words.rs
-- says what a word is), by user first: a search reads one range of its
-- user's words per search word. Written by the store with the task.
-- Byte order ("C"), so a prefix is an index range.
CREATE TABLE task_words (
    user_id TEXT NOT NULL,
    word TEXT COLLATE "C" NOT NULL,
    task_id BIGINT NOT NULL,
    PRIMARY KEY (user_id, word, task_id)
);

-- Work the application finishes at start-up, once, because SQL alone
-- cannot do it: here, indexing the words of the tasks that exist already.
CREATE TABLE pending_jobs (
    name TEXT PRIMARY KEY
);

INSERT INTO pending_jobs (name) SELECT 'task_words' WHERE EXISTS (SELECT 1 FROM tasks);
