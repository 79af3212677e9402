//! `TagName`: a label a task carries, and the rules for a task's tag list.

use std::collections::HashSet;
use std::fmt;

use super::FieldError;
use super::field_error::quoted;

/// Longest tag, in characters.
pub const MAX_TAG_CHARS: usize = 32;

/// Most tags one task can carry.
pub const MAX_TAGS_PER_TASK: usize = 20;

/// A tag: 1–32 characters, single spaces, no commas or control characters.
///
/// Tags are case-insensitive: `Work` and `work` are one tag, compared through
/// [`TagName::key`]. The spelling a user first used is the one kept (the store
/// looks tags up by key).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TagName(String);

impl TagName {
    /// Parse user input for the request field `tags`.
    ///
    /// One leading `#` is dropped, because people write `#work` for the tag
    /// `work`; inner whitespace runs become one space.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let trimmed = input.trim();
        let without_hash = trimmed.strip_prefix('#').unwrap_or(trimmed);
        let name = without_hash
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if name.is_empty() {
            return Err(tag_error("a tag cannot be empty"));
        }
        // Commas would be ambiguous wherever tags are written as a list
        // ("work, home"), so a comma inside one tag is surely a mistake.
        if name.contains(',') {
            return Err(tag_error(format!(
                "a tag cannot contain a comma; give each tag separately ({})",
                quoted(&name)
            )));
        }
        if name.chars().any(char::is_control) {
            return Err(tag_error("a tag cannot contain control characters"));
        }
        let chars = name.chars().count();
        if chars > MAX_TAG_CHARS {
            return Err(tag_error(format!(
                "a tag can be at most {MAX_TAG_CHARS} characters ({} has {chars})",
                quoted(&name)
            )));
        }
        Ok(TagName(name))
    }

    /// The tag as the user spelled it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The tag in lowercase: two tags with the same key are the same tag.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Display for TagName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parse a task's tag list: each tag as [`TagName::parse`] does, duplicates
/// (ignoring case) dropped keeping the first spelling and the order, at most
/// [`MAX_TAGS_PER_TASK`] tags.
pub fn parse_tags(inputs: &[String]) -> Result<Vec<TagName>, FieldError> {
    let mut seen = HashSet::new();
    let mut tags = Vec::new();
    for input in inputs {
        let tag = TagName::parse(input)?;
        if seen.insert(tag.key()) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS_PER_TASK {
        return Err(tag_error(format!(
            "a task can have at most {MAX_TAGS_PER_TASK} tags (this one has {})",
            tags.len()
        )));
    }
    Ok(tags)
}

fn tag_error(message: impl Into<String>) -> FieldError {
    FieldError::new("tags", message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(input: &str) -> String {
        TagName::parse(input).unwrap().as_str().to_string()
    }

    fn message(input: &str) -> String {
        let error = TagName::parse(input).unwrap_err();
        assert_eq!(error.field, "tags");
        error.message
    }

    fn strings(inputs: &[&str]) -> Vec<String> {
        inputs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn trims_drops_one_hash_and_collapses_whitespace() {
        assert_eq!(tag("  #Deep   \t work "), "Deep work");
        assert_eq!(tag("##music"), "#music", "only one leading # is dropped");
        assert_eq!(tag("# home"), "home");
        assert_eq!(tag("c#"), "c#");
    }

    #[test]
    fn refuses_empty_tags() {
        assert_eq!(message("  "), "a tag cannot be empty");
        assert_eq!(message("#"), "a tag cannot be empty");
    }

    #[test]
    fn refuses_commas_naming_the_tag() {
        assert_eq!(
            message("work, home"),
            "a tag cannot contain a comma; give each tag separately (\"work, home\")"
        );
    }

    #[test]
    fn refuses_control_characters() {
        assert_eq!(
            message("bell\u{7}"),
            "a tag cannot contain control characters"
        );
        assert_eq!(tag("two\nlines"), "two lines", "line breaks are whitespace");
    }

    #[test]
    fn limits_the_length_in_characters() {
        assert_eq!(tag(&"é".repeat(32)).chars().count(), 32);
        assert_eq!(
            message(&"x".repeat(33)),
            format!(
                "a tag can be at most 32 characters (\"{}\" has 33)",
                "x".repeat(33)
            )
        );
        assert_eq!(
            message(&"y".repeat(100)),
            format!(
                "a tag can be at most 32 characters (\"{}…\" has 100)",
                "y".repeat(40)
            )
        );
    }

    #[test]
    fn keys_are_lowercase() {
        assert_eq!(TagName::parse("ÉTÉ").unwrap().key(), "été");
        assert_eq!(TagName::parse("Work").unwrap().to_string(), "Work");
    }

    #[test]
    fn parse_tags_keeps_the_first_spelling_and_order() {
        let tags = parse_tags(&strings(&["Work", "#home", "WORK", "errands", "Home"])).unwrap();
        let names: Vec<&str> = tags.iter().map(TagName::as_str).collect();
        assert_eq!(names, ["Work", "home", "errands"]);
        assert_eq!(parse_tags(&[]).unwrap(), []);
    }

    #[test]
    fn parse_tags_reports_the_first_bad_tag() {
        let error = parse_tags(&strings(&["ok", "", "a,b"])).unwrap_err();
        assert_eq!(error, FieldError::new("tags", "a tag cannot be empty"));
    }

    #[test]
    fn parse_tags_allows_twenty_distinct_tags() {
        let twenty: Vec<String> = (0..20).map(|i| format!("t{i}")).collect();
        assert_eq!(parse_tags(&twenty).unwrap().len(), 20);

        let mut with_duplicates = twenty.clone();
        with_duplicates.extend(twenty.iter().map(|t| t.to_uppercase()));
        assert_eq!(
            parse_tags(&with_duplicates).unwrap().len(),
            20,
            "duplicates do not count"
        );

        let twenty_one: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
        assert_eq!(
            parse_tags(&twenty_one).unwrap_err().message,
            "a task can have at most 20 tags (this one has 21)"
        );
    }
}
