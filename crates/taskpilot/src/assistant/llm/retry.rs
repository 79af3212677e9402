//! Asking again after a rate limit or a server error: at most a few attempts,
//! pausing as long as the service asks (`Retry-After`) or with a growing
//! backoff, and never waiting longer in total than the reply's budget, since
//! someone is watching the spinner.

use std::time::Duration;

use rand::Rng;
use reqwest::header::HeaderMap;

/// How failed requests are asked again.
#[derive(Debug, Clone, Copy)]
pub(super) struct RetryPolicy {
    /// Attempts per request, the first included.
    pub max_attempts: u32,
    /// The pause after the first failure when the service does not name one;
    /// it doubles with each further failure.
    pub first_backoff: Duration,
    /// Most time spent pausing during one run of the agent, all requests together.
    pub budget: Duration,
}

/// The pausing one run of the agent may still do.
#[derive(Debug)]
pub(super) struct RetryBudget {
    policy: RetryPolicy,
    waited: Duration,
}

impl RetryBudget {
    pub fn new(policy: RetryPolicy) -> Self {
        RetryBudget {
            policy,
            waited: Duration::ZERO,
        }
    }

    /// The pause before trying again after attempt `attempt` (1-based)
    /// failed, or `None` when the attempts or the budget are spent. A pause
    /// the budget cannot cover is not started at all: better to tell the user
    /// now than after waiting in vain.
    pub fn next_wait(&mut self, attempt: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if attempt >= self.policy.max_attempts {
            return None;
        }
        let wait = retry_after.unwrap_or_else(|| self.backoff(attempt));
        if self.waited + wait > self.policy.budget {
            return None;
        }
        self.waited += wait;
        Some(wait)
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let base = self.policy.first_backoff * 2u32.saturating_pow(attempt - 1);
        // A little jitter so that clients limited together do not return together.
        base.mul_f64(rand::thread_rng().gen_range(1.0..1.25))
    }
}

/// The pause the service asks for: OpenAI's `retry-after-ms`, else the
/// standard `Retry-After` in seconds. (An HTTP date there is ignored; OpenAI
/// does not send one.)
pub(super) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let number = |name: &str| -> Option<f64> {
        let value: f64 = headers.get(name)?.to_str().ok()?.trim().parse().ok()?;
        (value.is_finite() && value >= 0.0).then_some(value)
    };
    if let Some(millis) = number("retry-after-ms") {
        return Some(Duration::from_secs_f64(millis / 1000.0));
    }
    number("retry-after").map(Duration::from_secs_f64)
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn policy(max_attempts: u32, budget_ms: u64) -> RetryPolicy {
        RetryPolicy {
            max_attempts,
            first_backoff: Duration::from_millis(100),
            budget: Duration::from_millis(budget_ms),
        }
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn retry_after_is_read_in_milliseconds_first_then_seconds() {
        assert_eq!(
            retry_after(&headers(&[("retry-after", "2"), ("retry-after-ms", "150")])),
            Some(Duration::from_millis(150))
        );
        assert_eq!(
            retry_after(&headers(&[("retry-after", "2")])),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            retry_after(&headers(&[("retry-after", "0.5")])),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            retry_after(&headers(&[(
                "retry-after",
                "Wed, 21 Oct 2015 07:28:00 GMT"
            )])),
            None
        );
        assert_eq!(retry_after(&headers(&[("retry-after", "-1")])), None);
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }

    #[test]
    fn the_requested_pause_is_honoured_within_the_attempts() {
        let mut budget = RetryBudget::new(policy(3, 10_000));
        let asked = Some(Duration::from_millis(700));
        assert_eq!(budget.next_wait(1, asked), asked);
        assert_eq!(budget.next_wait(2, asked), asked);
        assert_eq!(budget.next_wait(3, asked), None, "three attempts at most");
    }

    #[test]
    fn backoff_doubles_with_a_little_jitter() {
        let mut budget = RetryBudget::new(policy(4, 10_000));
        let first = budget.next_wait(1, None).unwrap();
        let second = budget.next_wait(2, None).unwrap();
        assert!((100..125).contains(&first.as_millis()), "{first:?}");
        assert!((200..250).contains(&second.as_millis()), "{second:?}");
    }

    #[test]
    fn a_pause_the_budget_cannot_cover_is_not_started() {
        let mut budget = RetryBudget::new(policy(5, 1_000));
        assert_eq!(budget.next_wait(1, Some(Duration::from_secs(30))), None);
        assert_eq!(
            budget.next_wait(1, Some(Duration::from_millis(600))),
            Some(Duration::from_millis(600))
        );
        // The budget is for the whole run: 600 ms are gone.
        assert_eq!(budget.next_wait(1, Some(Duration::from_millis(600))), None);
    }
}
