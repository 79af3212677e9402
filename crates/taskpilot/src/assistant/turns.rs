//! How many replies are worked on at once.
//!
//! A built-in reply is CPU work: understanding, a query or two, drawing
//! widgets. With more requests than cores, letting every reply run at once
//! does not finish them sooner; it only makes the part each request needs
//! first (saving the user's message and echoing it) wait behind all of them.
//! With a few turns at a time, that first part runs beside at most that many
//! replies, and the other replies wait their turn in arrival order (tokio's
//! semaphore is fair). By default there is one turn fewer than cores: the
//! core left over serves what every request needs first, and the database's
//! threads. Measured with `loadgen --scenario commands` at 32 users on 2
//! cores, first event p99: 40–55 ms with every reply at once, 4.4–5.1 ms
//! with two turns, 1.6–1.8 ms with one, for about 12 % less throughput
//! than two (the README has the figures; decision 0013).
//!
//! LLM replies take no turn: they wait on the model, not on the CPU.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Turns to work on replies; cheap to clone (all clones share the turns).
#[derive(Clone, Debug)]
pub struct Turns(Arc<Semaphore>);

impl Turns {
    /// `at_once` replies at a time (at least one).
    pub fn new(at_once: usize) -> Self {
        Turns(Arc::new(Semaphore::new(at_once.max(1))))
    }

    /// The default number of turns: one fewer than the cores, at least one.
    pub fn default_count() -> usize {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        cores.saturating_sub(1).max(1)
    }

    /// Waits for a turn; it ends when the permit is dropped.
    pub async fn take(&self) -> Option<OwnedSemaphorePermit> {
        // The semaphore is never closed, so this always gets a permit; were
        // it closed, the reply would go ahead without one.
        self.0.clone().acquire_owned().await.ok()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::Turns;

    #[tokio::test]
    async fn a_turn_is_taken_until_it_is_given_back() {
        let turns = Turns::new(1);
        let first = turns.take().await;
        assert!(first.is_some());
        let waiting = tokio::time::timeout(Duration::from_millis(20), turns.take()).await;
        assert!(waiting.is_err(), "a second reply got the only turn");
        drop(first);
        let second = tokio::time::timeout(Duration::from_secs(5), turns.take()).await;
        assert!(matches!(second, Ok(Some(_))), "the turn came back");
    }

    #[tokio::test]
    async fn zero_turns_still_means_one() {
        let turns = Turns::new(0);
        let turn = tokio::time::timeout(Duration::from_secs(5), turns.take()).await;
        assert!(matches!(turn, Ok(Some(_))));
    }
}
