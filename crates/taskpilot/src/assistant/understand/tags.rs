//! Tags in a message: "#errands", "tagged work".

use crate::tasks::MAX_TAG_CHARS;

/// The tag a word names when written `#tag`: letters, digits, `-` and `_`,
/// not all digits ("#5" is task 5). Returned without the `#`, as written.
pub(super) fn hashtag(word: &str) -> Option<&str> {
    word.strip_prefix('#').filter(|name| is_tag_name(name))
}

/// A tag written with or without `#` ("tagged work", "with #home").
pub(super) fn tag_word(word: &str) -> Option<&str> {
    let name = word.strip_prefix('#').unwrap_or(word);
    is_tag_name(name).then_some(name)
}

fn is_tag_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= MAX_TAG_CHARS
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && !name.chars().all(|c| c.is_ascii_digit())
}

/// How many words the "tagged" of "tagged work" takes at the start of
/// `keys` (0 if none): the tag itself follows.
pub(super) fn tag_lead(keys: &[&str]) -> usize {
    match keys {
        ["tagged", "with" | "as", ..] | ["with", "tag" | "label", ..] => 2,
        ["with", "the", "tag" | "label", ..] => 3,
        ["tagged" | "labelled" | "labeled", ..] => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtags() {
        assert_eq!(hashtag("#errands"), Some("errands"));
        assert_eq!(hashtag("#Deep-Work_2"), Some("Deep-Work_2"));
        assert_eq!(hashtag("#5"), None);
        assert_eq!(hashtag("#"), None);
        assert_eq!(hashtag("#a.b"), None);
        assert_eq!(hashtag("errands"), None);
        assert_eq!(tag_word("work"), Some("work"));
        assert_eq!(tag_lead(&["tagged", "with", "x"]), 2);
    }
}
