//! `created_at` values as the SDK writes them: naive ISO-8601, microsecond
//! precision, the fraction left out when it is zero.
//!
//! The SDK stamps with Python's naive `datetime.now()`; we use the UTC wall
//! clock, still without a zone, so the wire shape is the same. Input is read
//! leniently, as pydantic does: naive ISO, ISO with `Z` or an offset (converted
//! to UTC), or unix seconds (milliseconds above 2·10¹⁰).

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDateTime, Timelike, Utc};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A zone-less instant with microsecond precision, serialized like pydantic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(NaiveDateTime);

/// Why a string is not a timestamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid timestamp {0:?}: expected an ISO-8601 datetime or unix seconds")]
pub struct TimestampError(String);

/// Numbers above this are unix milliseconds, below it seconds (pydantic's rule).
const MILLIS_THRESHOLD: f64 = 2e10;

impl Timestamp {
    /// The current UTC wall-clock time, truncated to microseconds so that a
    /// serialize/parse round trip is lossless.
    pub fn now() -> Self {
        Self::from_naive(Utc::now().naive_utc())
    }

    /// Wrap a naive datetime, dropping anything finer than a microsecond.
    pub fn from_naive(dt: NaiveDateTime) -> Self {
        let micros = dt.nanosecond() / 1_000 * 1_000;
        // `with_nanosecond` only fails above 2·10⁹ ns; `micros` is at most the input.
        Timestamp(dt.with_nanosecond(micros).unwrap_or(dt))
    }

    /// The naive datetime (read as UTC).
    pub fn as_naive(&self) -> NaiveDateTime {
        self.0
    }

    /// Unix seconds (possibly fractional, or milliseconds above 2·10¹⁰), as pydantic reads numbers.
    pub fn from_unix(value: f64) -> Option<Self> {
        if !value.is_finite() {
            return None;
        }
        let seconds = if value.abs() > MILLIS_THRESHOLD {
            value / 1_000.0
        } else {
            value
        };
        let micros = (seconds * 1_000_000.0).round();
        if micros.abs() > i64::MAX as f64 {
            return None;
        }
        DateTime::from_timestamp_micros(micros as i64).map(|dt| Self::from_naive(dt.naive_utc()))
    }
}

impl From<NaiveDateTime> for Timestamp {
    fn from(dt: NaiveDateTime) -> Self {
        Self::from_naive(dt)
    }
}

impl From<Timestamp> for NaiveDateTime {
    fn from(ts: Timestamp) -> Self {
        ts.0
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%dT%H:%M:%S"))?;
        let micros = self.0.nanosecond() / 1_000;
        if micros != 0 {
            write!(f, ".{micros:06}")?;
        }
        Ok(())
    }
}

impl FromStr for Timestamp {
    type Err = TimestampError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
            return Ok(Self::from_naive(dt.naive_utc()));
        }
        // Zone-less forms, with `T` or a space between date and time.
        for format in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
        ] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(text, format) {
                return Ok(Self::from_naive(dt));
            }
        }
        // An offset with a space separator, e.g. `2025-01-02 03:04:05+02:00`.
        for format in ["%Y-%m-%d %H:%M:%S%.f%:z", "%Y-%m-%dT%H:%M:%S%.f%z"] {
            if let Ok(dt) = DateTime::parse_from_str(text, format) {
                return Ok(Self::from_naive(dt.naive_utc()));
            }
        }
        if let Ok(number) = text.parse::<f64>()
            && let Some(ts) = Self::from_unix(number)
        {
            return Ok(ts);
        }
        Err(TimestampError(s.to_owned()))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TimestampVisitor)
    }
}

struct TimestampVisitor;

impl TimestampVisitor {
    fn number<E: de::Error>(value: f64) -> Result<Timestamp, E> {
        Timestamp::from_unix(value)
            .ok_or_else(|| E::custom(format!("timestamp {value} is out of range")))
    }
}

impl Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an ISO-8601 datetime or unix seconds")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
        v.parse().map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Timestamp, E> {
        Self::number(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Timestamp, E> {
        Self::number(v as f64)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Timestamp, E> {
        Self::number(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn serializes_like_pydantic() {
        assert_eq!(
            serde_json::to_string(&ts("2025-01-02T03:04:05.123456")).unwrap(),
            r#""2025-01-02T03:04:05.123456""#
        );
        assert_eq!(
            serde_json::to_string(&ts("2025-01-02T03:04:05")).unwrap(),
            r#""2025-01-02T03:04:05""#
        );
        assert_eq!(
            ts("2025-01-02T03:04:05.000000").to_string(),
            "2025-01-02T03:04:05"
        );
        assert_eq!(
            ts("2025-01-02T03:04:05.5").to_string(),
            "2025-01-02T03:04:05.500000"
        );
        assert_eq!(
            ts("2025-01-02T03:04:05.000001").to_string(),
            "2025-01-02T03:04:05.000001"
        );
    }

    #[test]
    fn parses_zones_as_utc() {
        assert_eq!(ts("2025-01-02T03:04:05Z"), ts("2025-01-02T03:04:05"));
        assert_eq!(ts("2025-01-02T05:04:05+02:00"), ts("2025-01-02T03:04:05"));
        assert_eq!(
            ts("2025-01-02T03:04:05.250-01:30").to_string(),
            "2025-01-02T04:34:05.250000"
        );
        assert_eq!(ts("2025-01-02 03:04:05"), ts("2025-01-02T03:04:05"));
    }

    #[test]
    fn parses_unix_seconds_and_millis() {
        let from_int: Timestamp = serde_json::from_str("1735787045").unwrap();
        assert_eq!(from_int.to_string(), "2025-01-02T03:04:05");
        let from_float: Timestamp = serde_json::from_str("1735787045.5").unwrap();
        assert_eq!(from_float.to_string(), "2025-01-02T03:04:05.500000");
        let from_millis: Timestamp = serde_json::from_str("1735787045123").unwrap();
        assert_eq!(from_millis.to_string(), "2025-01-02T03:04:05.123000");
        assert_eq!(ts("1735787045"), from_int);
    }

    #[test]
    fn truncates_nanoseconds() {
        assert_eq!(
            ts("2025-01-02T03:04:05.123456789").to_string(),
            "2025-01-02T03:04:05.123456"
        );
        let now = Timestamp::now();
        let back: Timestamp = serde_json::from_str(&serde_json::to_string(&now).unwrap()).unwrap();
        assert_eq!(back, now);
    }

    #[test]
    fn rejects_garbage() {
        let err = serde_json::from_str::<Timestamp>(r#""yesterday""#).unwrap_err();
        assert!(
            err.to_string().contains("invalid timestamp \"yesterday\""),
            "{err}"
        );
        assert!(serde_json::from_str::<Timestamp>("true").is_err());
    }

    #[test]
    fn orders_chronologically() {
        assert!(ts("2025-01-02T03:04:05") < ts("2025-01-02T03:04:05.000001"));
    }
}
