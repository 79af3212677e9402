//! `TaskTitle`: a title that exists is valid ("parse, don't validate").

use std::fmt;

use super::FieldError;

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;

/// A task title: trimmed, 1–200 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskTitle(String);

/// Why a title was refused; the message is written for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TitleError {
    #[error("a task needs a title")]
    Empty,
    #[error("a task title can be at most {MAX_TITLE_CHARS} characters (this one has {0})")]
    TooLong(usize),
}

impl TaskTitle {
    /// Parse user input: whitespace runs (newlines, tabs) collapse to one space.
    pub fn parse(input: &str) -> Result<Self, TitleError> {
        let title = input.split_whitespace().collect::<Vec<_>>().join(" ");
        let title: String = title.chars().filter(|c| !c.is_control()).collect();
        let chars = title.chars().count();
        if chars == 0 {
            return Err(TitleError::Empty);
        }
        if chars > MAX_TITLE_CHARS {
            return Err(TitleError::TooLong(chars));
        }
        Ok(TaskTitle(title))
    }

    /// Parse user input for the request field `title`, so the surfaces can
    /// report a refused title like any other field.
    pub fn parse_field(input: &str) -> Result<Self, FieldError> {
        Self::parse(input).map_err(|error| FieldError::new("title", error.to_string()))
    }

    /// The title as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TaskTitle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_collapses_whitespace() {
        assert_eq!(
            TaskTitle::parse("  buy \n\t milk ").map(|t| t.0),
            Ok("buy milk".to_string())
        );
    }

    #[test]
    fn refuses_empty_and_overlong_titles() {
        assert_eq!(TaskTitle::parse(" \n "), Err(TitleError::Empty));
        assert_eq!(
            TaskTitle::parse(&"x".repeat(201)),
            Err(TitleError::TooLong(201))
        );
        assert!(
            TaskTitle::parse(&"é".repeat(200)).is_ok(),
            "the limit counts characters, not bytes"
        );
    }

    #[test]
    fn parse_field_names_the_title_field() {
        assert_eq!(
            TaskTitle::parse_field(" "),
            Err(FieldError::new("title", "a task needs a title"))
        );
        assert_eq!(
            TaskTitle::parse_field("milk").map(|t| t.0),
            Ok("milk".to_string())
        );
    }
}
