-- Each user's open and done totals, kept by triggers in the same
-- transaction as every change to `tasks`, so an unfiltered or status-only
-- listing reads its total from one row instead of counting 100,000 index
-- entries (measured by bench/taskbench: ~3 ms on SQLite, ~5 ms on PostgreSQL).

CREATE TABLE task_counts (
    user_id TEXT PRIMARY KEY NOT NULL,
    open INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0
);

INSERT INTO task_counts (user_id, open, done)
SELECT user_id, SUM(NOT completed), SUM(completed) FROM tasks GROUP BY user_id;

CREATE TRIGGER task_counts_insert AFTER INSERT ON tasks
BEGIN
    INSERT INTO task_counts (user_id, open, done)
    VALUES (NEW.user_id, NOT NEW.completed, NEW.completed)
    ON CONFLICT (user_id) DO UPDATE SET
        open = open + (NOT NEW.completed),
        done = done + NEW.completed;
END;

CREATE TRIGGER task_counts_delete AFTER DELETE ON tasks
BEGIN
    UPDATE task_counts SET
        open = open - (NOT OLD.completed),
        done = done - OLD.completed
    WHERE user_id = OLD.user_id;
END;

CREATE TRIGGER task_counts_update AFTER UPDATE OF completed ON tasks
WHEN OLD.completed <> NEW.completed
BEGIN
    UPDATE task_counts SET
        open = open + (NOT NEW.completed) - (NOT OLD.completed),
        done = done + NEW.completed - OLD.completed
    WHERE user_id = NEW.user_id;
END;

-- "Overdue" is a range on `due_key` plus a test of `due_at`: with `due_at`
-- in the index, counting overdue tasks never reads the table.
DROP INDEX tasks_status_due;
CREATE INDEX tasks_status_due ON tasks (user_id, completed, due_key, id, due_at);
