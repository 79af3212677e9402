//! `Priority`: how urgent a task is, from `none` to `urgent`.

use std::fmt;

use super::FieldError;

/// How urgent a task is. The order of the variants is the order of urgency,
/// so `Ord` sorts from `None` to `Urgent`; `rank` is the same order as a
/// number the store can index and sort on.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    /// Not prioritised: the default, so a task created without one is not
    /// mistaken for a low-priority task.
    #[default]
    None,
    Low,
    Medium,
    High,
    Urgent,
}

impl Priority {
    /// Every priority, least urgent first (for pickers and messages).
    pub const ALL: [Priority; 5] = [
        Priority::None,
        Priority::Low,
        Priority::Medium,
        Priority::High,
        Priority::Urgent,
    ];

    /// The priority as a number from 0 (`None`) to 4 (`Urgent`), for storage.
    pub fn rank(self) -> i16 {
        match self {
            Priority::None => 0,
            Priority::Low => 1,
            Priority::Medium => 2,
            Priority::High => 3,
            Priority::Urgent => 4,
        }
    }

    /// The priority stored as `rank`, or `None` for a number out of range.
    pub fn from_rank(rank: i16) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.rank() == rank)
    }

    /// The lowercase name, as the API and serde spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::None => "none",
            Priority::Low => "low",
            Priority::Medium => "medium",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    /// Parse user input for the request field `priority`, ignoring case and
    /// surrounding whitespace (people and models write "High").
    pub fn parse(input: &str) -> Result<Priority, FieldError> {
        let input = input.trim();
        Priority::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(input))
            .ok_or_else(|| {
                let allowed: Vec<&str> = Priority::ALL.iter().map(|p| p.as_str()).collect();
                FieldError::new(
                    "priority",
                    format!("a priority is one of {}", allowed.join(", ")),
                )
            })
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_run_from_none_to_urgent_and_back() {
        let ranks: Vec<i16> = Priority::ALL.iter().map(|p| p.rank()).collect();
        assert_eq!(ranks, [0, 1, 2, 3, 4]);
        for priority in Priority::ALL {
            assert_eq!(Priority::from_rank(priority.rank()), Some(priority));
        }
        assert_eq!(Priority::from_rank(-1), None);
        assert_eq!(Priority::from_rank(5), None);
    }

    #[test]
    fn orders_by_urgency_and_defaults_to_none() {
        assert!(Priority::Urgent > Priority::High);
        assert!(Priority::Low > Priority::None);
        assert_eq!(Priority::default(), Priority::None);
    }

    #[test]
    fn parses_names_in_any_case() {
        assert_eq!(Priority::parse("High"), Ok(Priority::High));
        assert_eq!(Priority::parse(" URGENT "), Ok(Priority::Urgent));
        assert_eq!(Priority::parse("none"), Ok(Priority::None));
    }

    #[test]
    fn refuses_unknown_names_listing_the_allowed_ones() {
        assert_eq!(
            Priority::parse("critical"),
            Err(FieldError::new(
                "priority",
                "a priority is one of none, low, medium, high, urgent"
            ))
        );
        assert!(Priority::parse("").is_err());
    }

    #[test]
    fn serialises_as_the_lowercase_name() {
        assert_eq!(
            serde_json::to_string(&Priority::Medium).unwrap(),
            "\"medium\""
        );
        assert_eq!(
            serde_json::from_str::<Priority>("\"urgent\"").unwrap(),
            Priority::Urgent
        );
        for priority in Priority::ALL {
            assert_eq!(priority.to_string(), priority.as_str());
        }
    }
}
