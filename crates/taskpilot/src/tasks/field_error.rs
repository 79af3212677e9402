//! `FieldError`: the one error type of the task domain's parsers.

/// One field's validation failure: which request field, and a message a person
/// understands.
///
/// Every parser in `tasks` returns this, so the HTTP surfaces can report any
/// refusal the same way (the field to highlight, the sentence to show) and the
/// assistant can relay the message verbatim.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    /// The request field that was refused, as the API spells it (`"title"`, `"due"`).
    pub field: &'static str,
    /// Why, written for the person who typed the value.
    pub message: String,
}

impl FieldError {
    /// A refusal of `field` with a message for the person who typed it.
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

/// The start of a refused value, quoted, so a message can say which value it
/// means without echoing a page of text back.
pub(super) fn quoted(value: &str) -> String {
    const SHOWN: usize = 40;
    if value.chars().count() <= SHOWN {
        format!("\"{value}\"")
    } else {
        let start: String = value.chars().take(SHOWN).collect();
        format!("\"{start}…\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_at_most_forty_characters() {
        assert_eq!(quoted("work"), "\"work\"");
        assert_eq!(quoted(&"é".repeat(41)), format!("\"{}…\"", "é".repeat(40)));
    }

    #[test]
    fn displays_the_field_then_the_message() {
        let error = FieldError::new("title", "a task needs a title");
        assert_eq!(error.field, "title");
        assert_eq!(error.message, "a task needs a title");
        assert_eq!(error.to_string(), "title: a task needs a title");
    }
}
