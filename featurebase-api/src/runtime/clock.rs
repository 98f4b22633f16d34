//! A request's deadline, across its attempts and the waits between them.

use std::time::{Duration, Instant};

use super::Error;
use super::error::Failure;

/// Time spent on one request since its first attempt.
pub(crate) struct Clock {
    started: Instant,
    deadline: Option<Duration>,
    /// The waits between retries so far.
    waited: Duration,
}

impl Clock {
    pub(crate) fn start(deadline: Option<Duration>) -> Self {
        Self {
            started: Instant::now(),
            deadline,
            waited: Duration::ZERO,
        }
    }

    /// The timeout of the next attempt, and whether running into it is the attempt's own
    /// timeout or the request's deadline.
    pub(crate) fn attempt_timeout(&self, per_attempt: Duration) -> (Duration, Failure) {
        match self.remaining() {
            Some(left) if left < per_attempt => (left, Failure::Deadline),
            _ => (per_attempt, Failure::Timeout),
        }
    }

    /// Whether waiting `delay` before the next attempt leaves it any time.
    pub(crate) fn allows(&self, delay: Duration) -> bool {
        self.remaining().is_none_or(|left| delay < left)
    }

    pub(crate) fn waited(&mut self, delay: Duration) {
        self.waited += delay;
    }

    /// `error`, when it is a timeout or connection error, with the attempts made and the
    /// time they took.
    pub(crate) fn note(&self, mut error: Error, attempts: u32) -> Error {
        if let Error::Timeout(failed) | Error::Connection(failed) = &mut error {
            failed.attempts = attempts;
            failed.elapsed = self.started.elapsed();
        }
        error
    }

    /// The time left before the deadline. Waits count even when the client's `sleep`
    /// does not really wait (a test's), so the deadline behaves the same there.
    fn remaining(&self) -> Option<Duration> {
        let spent = self.started.elapsed().max(self.waited);
        Some(self.deadline?.saturating_sub(spent))
    }
}
