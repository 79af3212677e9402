//! Priorities as people write them: "high priority", "priority: high",
//! "!high", "p1" (p1 is urgent … p4 low), "low prio", "urgent".

use crate::tasks::Priority;

/// An explicit priority phrase at the start of `keys`, and how many words it
/// takes. A lone "urgent" is not one: see [`marker`].
pub(super) fn phrase(keys: &[&str]) -> Option<(usize, Priority)> {
    let first = *keys.first()?;
    let second = keys.get(1).copied();
    if let Some(priority) = token(first) {
        return Some((1, priority));
    }
    match keys {
        ["it's" | "its" | "very" | "super" | "really", "urgent", ..] => {
            return Some((2, Priority::Urgent));
        }
        ["it" | "this", "is", "urgent", ..] => return Some((3, Priority::Urgent)),
        _ => {}
    }
    // "with high priority".
    let lead = usize::from(first == "with" && second.is_some_and(|k| level(k).is_some()));
    let keys = &keys[lead..];
    match keys {
        [word, "priority" | "prio" | "pri", ..] if level(word).is_some() => {
            Some((lead + 2, level(word)?))
        }
        ["priority" | "prio", word, ..] if level(word).is_some() => Some((lead + 2, level(word)?)),
        ["priority" | "prio", digit, ..] => Some((lead + 2, numbered(digit)?)),
        _ => None,
    }
}

/// A priority written as one token: "high-priority", "!high", "p1".
fn token(key: &str) -> Option<Priority> {
    if let Some((word, "priority" | "prio")) = key.split_once('-') {
        return level(word);
    }
    if let Some(word) = key.strip_prefix('!') {
        return level(word);
    }
    key.strip_prefix('p').and_then(numbered)
}

/// "1" to "4": 1 is the most urgent, as in p1..p4.
fn numbered(digit: &str) -> Option<Priority> {
    match digit {
        "1" => Some(Priority::Urgent),
        "2" => Some(Priority::High),
        "3" => Some(Priority::Medium),
        "4" => Some(Priority::Low),
        _ => None,
    }
}

/// A priority level word on its own: "high", "urgent", "none".
pub(super) fn level(key: &str) -> Option<Priority> {
    match key {
        "urgent" | "critical" | "top" | "highest" => Some(Priority::Urgent),
        "high" => Some(Priority::High),
        "medium" | "med" | "normal" | "mid" | "moderate" => Some(Priority::Medium),
        "low" | "lowest" => Some(Priority::Low),
        "no" | "none" => Some(Priority::None),
        _ => None,
    }
}

/// A one-word urgency marker ("urgent", "asap"). In a title it counts only
/// where it stands apart ("urgent: fix the server", "call the bank, asap"),
/// so "book urgent care" keeps its words.
pub(super) fn marker(key: &str) -> Option<Priority> {
    matches!(key, "urgent" | "urgently" | "asap").then_some(Priority::Urgent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(usize, Priority)> {
        let keys: Vec<&str> = text.split(' ').collect();
        phrase(&keys)
    }

    #[test]
    fn phrases() {
        assert_eq!(read("high priority"), Some((2, Priority::High)));
        assert_eq!(read("priority high"), Some((2, Priority::High)));
        assert_eq!(read("low prio"), Some((2, Priority::Low)));
        assert_eq!(read("with urgent priority"), Some((3, Priority::Urgent)));
        assert_eq!(read("high-priority"), Some((1, Priority::High)));
        assert_eq!(read("!high"), Some((1, Priority::High)));
        assert_eq!(read("p1"), Some((1, Priority::Urgent)));
        assert_eq!(read("p4"), Some((1, Priority::Low)));
        assert_eq!(read("priority 2"), Some((2, Priority::High)));
        assert_eq!(read("no priority"), Some((2, Priority::None)));
        assert_eq!(read("it's urgent"), Some((2, Priority::Urgent)));
    }

    #[test]
    fn not_phrases() {
        assert_eq!(read("high"), None);
        assert_eq!(read("urgent"), None);
        assert_eq!(read("p5"), None);
        assert_eq!(read("priority"), None);
        assert_eq!(read("paris"), None);
        assert_eq!(read("with friends"), None);
    }
}
