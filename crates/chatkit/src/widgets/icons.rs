//! Icon names ChatKit renders: a fixed set plus `vendor:` and `lucide:` names.
//!
//! Used by widgets (`Icon`, button icons, status headers) and elsewhere in the
//! protocol (progress updates, tasks, entity sources).

/// The built-in icon names of openai-chatkit 1.6.5.
pub const ICON_NAMES: [&str; 64] = [
    "agent",
    "analytics",
    "atom",
    "batch",
    "bolt",
    "book-open",
    "book-closed",
    "book-clock",
    "bug",
    "calendar",
    "chart",
    "check",
    "check-circle",
    "check-circle-filled",
    "chevron-left",
    "chevron-right",
    "circle-question",
    "clock",
    "compass",
    "confetti",
    "cube",
    "desktop",
    "document",
    "dot",
    "dots-horizontal",
    "dots-vertical",
    "empty-circle",
    "external-link",
    "globe",
    "keys",
    "lab",
    "images",
    "info",
    "lifesaver",
    "lightbulb",
    "mail",
    "map-pin",
    "maps",
    "mobile",
    "name",
    "notebook",
    "notebook-pencil",
    "page-blank",
    "phone",
    "play",
    "plus",
    "profile",
    "profile-card",
    "reload",
    "star",
    "star-filled",
    "search",
    "sparkle",
    "sparkle-double",
    "square-code",
    "square-image",
    "square-text",
    "suitcase",
    "settings-slider",
    "user",
    "wreath",
    "write",
    "write-alt",
    "write-alt2",
];

/// Whether `name` is an icon ChatKit accepts: a built-in name or any name
/// starting with `vendor:` or `lucide:`.
pub fn is_valid_icon(name: &str) -> bool {
    name.starts_with("vendor:") || name.starts_with("lucide:") || ICON_NAMES.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_and_lucide_names_are_valid() {
        assert!(is_valid_icon("vendor:icon-name"));
        assert!(is_valid_icon("vendor:another-icon-name"));
        assert!(is_valid_icon("lucide:alarm-clock"));
    }

    #[test]
    fn literal_names_are_valid() {
        for name in ["book-open", "phone", "user", "write-alt2", "agent"] {
            assert!(is_valid_icon(name), "{name}");
        }
    }

    #[test]
    fn unknown_names_are_rejected() {
        assert!(!is_valid_icon("invalid-icon"));
        assert!(!is_valid_icon(""));
        assert!(!is_valid_icon("Vendor:x"));
    }

    #[test]
    fn names_are_unique() {
        let mut names = ICON_NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ICON_NAMES.len());
    }
}
