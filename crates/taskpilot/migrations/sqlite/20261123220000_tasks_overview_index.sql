-- Serves `task_overview` (the task list): a user's tasks split into open and
-- done, open ones in id order, and both totals counted from the index alone.
CREATE INDEX tasks_user_completed ON tasks (user_id, completed, id);
