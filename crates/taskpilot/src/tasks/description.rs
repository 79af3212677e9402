//! `Description`: a task's optional longer text.

use std::fmt;

use super::FieldError;

/// Longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 1000;

/// A task description: 1–1000 characters, trimmed at both ends, line breaks
/// and tabs kept (people write lists), no other control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description(String);

impl Description {
    /// Parse user input for the request field `description`.
    ///
    /// Blank input means "no description" (`Ok(None)`), so clearing the field
    /// in a form and omitting it mean the same thing.
    pub fn parse(input: &str) -> Result<Option<Self>, FieldError> {
        // Control characters other than line breaks and tabs are invisible or
        // garble terminals and widgets; `\r` goes too, so Windows line ends
        // become plain `\n`.
        let cleaned: String = input
            .chars()
            .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
            .collect();
        let text = cleaned.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let chars = text.chars().count();
        if chars > MAX_DESCRIPTION_CHARS {
            return Err(FieldError::new(
                "description",
                format!(
                    "a description can be at most {MAX_DESCRIPTION_CHARS} characters (this one has {chars})"
                ),
            ));
        }
        Ok(Some(Description(text.to_string())))
    }

    /// The description as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Description {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(input: &str) -> Option<String> {
        Description::parse(input)
            .unwrap()
            .map(|d| d.as_str().to_string())
    }

    #[test]
    fn trims_the_ends_but_keeps_inner_line_breaks_and_tabs() {
        assert_eq!(
            text("  \n- milk\n\t- eggs  \n"),
            Some("- milk\n\t- eggs".to_string())
        );
    }

    #[test]
    fn blank_input_means_no_description() {
        assert_eq!(text(""), None);
        assert_eq!(text(" \n\t "), None);
        assert_eq!(text("\u{7}\u{0} "), None, "only control characters");
    }

    #[test]
    fn strips_other_control_characters() {
        assert_eq!(text("a\r\nb\u{0}c\u{1b}[0m"), Some("a\nbc[0m".to_string()));
    }

    #[test]
    fn refuses_overlong_descriptions_with_the_count() {
        let error = Description::parse(&"é".repeat(1001)).unwrap_err();
        assert_eq!(error.field, "description");
        assert_eq!(
            error.message,
            "a description can be at most 1000 characters (this one has 1001)"
        );
        assert!(
            Description::parse(&"é".repeat(1000)).is_ok(),
            "the limit counts characters, not bytes"
        );
    }

    #[test]
    fn displays_as_its_text() {
        let description = Description::parse(" call Bob ").unwrap().unwrap();
        assert_eq!(description.to_string(), "call Bob");
    }
}
