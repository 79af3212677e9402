//! The built-in, deterministic command understanding: what a message asks
//! for, without a language model. (The LLM agent, when configured, replaces
//! this; both end in the same task operations.)

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    /// `add task: buy milk`, `add buy milk`, `new task buy milk`, `todo: buy milk`.
    AddTask { title: String },
    /// `show tasks`, `list tasks`, `my tasks`, `tasks`.
    ListTasks,
    /// Anything else.
    Help,
}

const ADD_PREFIXES: &[&str] = &[
    "add task",
    "new task",
    "create task",
    "add a task",
    "todo",
    "add",
];
const LIST_PHRASES: &[&str] = &[
    "show tasks",
    "show my tasks",
    "list tasks",
    "list my tasks",
    "my tasks",
    "tasks",
    "show",
    "list",
    "what are my tasks",
    "what's on my list",
];

/// Understand one message.
pub fn parse(message: &str) -> Intent {
    let text = message.trim();
    let lower = text.to_lowercase();
    let normalized = lower.trim_end_matches(['?', '!', '.']).trim();
    if LIST_PHRASES.contains(&normalized) {
        return Intent::ListTasks;
    }
    for prefix in ADD_PREFIXES {
        if let Some(rest) = strip_prefix_ci(text, prefix) {
            // The prefix must be a whole word: "address book" is not "add ress book".
            if let Some(title) = rest
                .strip_prefix(':')
                .or_else(|| rest.strip_prefix(char::is_whitespace))
            {
                let title = title.trim_start_matches([':', ' ']).trim();
                return Intent::AddTask {
                    title: title.to_string(),
                };
            }
            if rest.is_empty() {
                return Intent::AddTask {
                    title: String::new(),
                };
            }
        }
    }
    Intent::Help
}

/// `text` after `prefix` (ASCII), matched case-insensitively.
fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(title: &str) -> Intent {
        Intent::AddTask {
            title: title.to_string(),
        }
    }

    #[test]
    fn understands_adding() {
        assert_eq!(parse("add task: buy milk"), add("buy milk"));
        assert_eq!(parse("Add Task:  Buy Milk "), add("Buy Milk"));
        assert_eq!(parse("add buy milk"), add("buy milk"));
        assert_eq!(parse("todo: call mum"), add("call mum"));
        assert_eq!(parse("add task:"), add(""));
    }

    #[test]
    fn understands_listing() {
        for text in [
            "show tasks",
            "Show tasks",
            "list tasks",
            "my tasks?",
            "tasks",
        ] {
            assert_eq!(parse(text), Intent::ListTasks, "{text}");
        }
    }

    #[test]
    fn anything_else_is_help() {
        assert_eq!(parse("hello"), Intent::Help);
        assert_eq!(parse("address book"), Intent::Help);
        assert_eq!(parse(""), Intent::Help);
    }
}
