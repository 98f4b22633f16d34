//! Bulk upserts: many requests at a bounded concurrency, paced by the rate-limit headers
//! so that a long sync runs at the allowed rate instead of in bursts of 429s, each item
//! retried until it succeeds or fails for good, and none dropped.

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures::stream::{self, BoxStream, StreamExt};
use http::StatusCode;
use tokio::sync::Notify;

use super::{Error, RateLimit, Response};

/// How many requests a bulk upsert keeps in flight unless told otherwise.
pub const DEFAULT_CONCURRENCY: usize = 8;

/// How many times one item is tried again after being rate limited, beyond the client's
/// own retries, before it is reported as failed.
const RATE_LIMITED_ROUNDS: u32 = 10;

/// The result of one item of a bulk upsert, with the input it was made from (so a sync can
/// report or resume), in the order the results arrive.
#[derive(Debug)]
#[non_exhaustive]
pub struct BulkResult<I, T> {
    /// The item's position in the input.
    pub index: usize,
    pub input: I,
    pub outcome: Result<Upserted<T>, Error>,
}

/// What an upsert did, by its status: 201 created, 200 updated.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Upserted<T> {
    Created(T),
    Updated(T),
}

impl<T> Upserted<T> {
    pub fn into_value(self) -> T {
        match self {
            Self::Created(value) | Self::Updated(value) => value,
        }
    }
}

/// The stream a bulk upsert returns: one [`BulkResult`] per input item.
///
/// ```no_run
/// # async fn run(client: featurebase_api::Client) {
/// use featurebase_api::models::UpsertContactRequest;
/// use featurebase_api::runtime::Upserted;
/// use futures::StreamExt;
///
/// let contacts = ["a@example.com", "b@example.com"].map(UpsertContactRequest::with_email);
/// let mut results = client.users().contacts().bulk_upsert_with(contacts, 16);
/// while let Some(result) = results.next().await {
///     match result.outcome {
///         Ok(Upserted::Created(contact)) => println!("created {}", contact.id),
///         Ok(_) => println!("updated item {}", result.index),
///         Err(error) => eprintln!("item {} failed: {error}", result.index),
///     }
/// }
/// # }
/// ```
pub type BulkUpsert<I, T> = BoxStream<'static, BulkResult<I, T>>;

/// Sends `send(item)` for every item, at most `concurrency` at a time, pacing them by the
/// rate-limit headers of the responses.
pub(crate) fn bulk<I, T, F, Fut>(
    items: impl IntoIterator<Item = I, IntoIter: Send + 'static>,
    concurrency: usize,
    send: F,
) -> BulkUpsert<I, T>
where
    I: Clone + Send + 'static,
    T: Send + 'static,
    F: Fn(I) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Response<T>, Error>> + Send + 'static,
{
    let concurrency = concurrency.max(1);
    let pacer = Arc::new(Pacer::default());
    let send = Arc::new(send);
    stream::iter(items.into_iter().enumerate())
        .map(move |(index, input)| {
            let (pacer, send) = (Arc::clone(&pacer), Arc::clone(&send));
            async move {
                let outcome = upsert(&pacer, &*send, input.clone()).await;
                BulkResult {
                    index,
                    input,
                    outcome,
                }
            }
        })
        .buffer_unordered(concurrency)
        .boxed()
}

/// One item: paced, and tried again while it is rate limited.
async fn upsert<I: Clone, T, Fut>(
    pacer: &Pacer,
    send: &impl Fn(I) -> Fut,
    input: I,
) -> Result<Upserted<T>, Error>
where
    Fut: Future<Output = Result<Response<T>, Error>>,
{
    let mut rounds = 0;
    loop {
        pacer.admit().await;
        let result = send(input.clone()).await;
        pacer.done(&result);
        match result {
            Ok(response) if response.status == StatusCode::CREATED => {
                return Ok(Upserted::Created(response.value));
            }
            Ok(response) => return Ok(Upserted::Updated(response.value)),
            Err(error) if error.is_rate_limited() && rounds < RATE_LIMITED_ROUNDS => rounds += 1,
            Err(error) => return Err(error),
        }
    }
}

/// What the API said of the current rate-limit window.
#[derive(Default)]
struct Pacer {
    state: Mutex<Window>,
    /// Woken by every response, for requests waiting on those in flight.
    answered: Notify,
}

/// The header's resets are in whole seconds: two within this of each other are taken as
/// the same window's.
const SAME_WINDOW: Duration = Duration::from_secs(1);

#[derive(Default)]
struct Window {
    /// The fewest requests the server said were left in the window.
    remaining: Option<u64>,
    /// When the window ends.
    reset: Option<Instant>,
    /// Requests sent and not yet answered: the server may not have counted them yet in
    /// what it said was left.
    in_flight: u64,
}

/// Why a request cannot be sent yet.
enum Wait {
    /// The window is spent.
    Reset(Duration),
    /// What is left may be taken by the requests in flight.
    Answer,
}

impl Pacer {
    /// Waits until the window has room for one more request, and takes it.
    async fn admit(&self) {
        loop {
            // Created before the state is read, so that no response is missed.
            let answered = self.answered.notified();
            let wait = {
                let mut window = self.state.lock().unwrap_or_else(PoisonError::into_inner);
                window.take(Instant::now())
            };
            match wait {
                Some(Wait::Reset(wait)) => tokio::time::sleep(wait).await,
                Some(Wait::Answer) => answered.await,
                None => return,
            }
        }
    }

    /// Takes in what a response said of the window.
    fn done<T>(&self, result: &Result<Response<T>, Error>) {
        let limit = match result {
            Ok(response) => response.rate_limit(),
            Err(Error::Api(error)) => error.rate_limit,
            Err(_) => None,
        };
        let limited = matches!(result, Err(error) if error.is_rate_limited());
        let mut window = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        window.in_flight = window.in_flight.saturating_sub(1);
        if let Some(limit) = limit {
            window.observe(limit, limited);
        }
        drop(window);
        self.answered.notify_waiters();
    }
}

impl Window {
    /// Takes one request from the window at `now`, or says what to wait for.
    fn take(&mut self, now: Instant) -> Option<Wait> {
        if self.reset.is_some_and(|reset| reset <= now) {
            // The window has ended: the next response says how much is left.
            (self.remaining, self.reset) = (None, None);
        }
        match (self.remaining, self.reset) {
            (Some(0), Some(reset)) => return Some(Wait::Reset(reset - now)),
            (Some(left), _) if self.in_flight > 0 && left <= self.in_flight => {
                return Some(Wait::Answer);
            }
            // Spent, and no word of when it resets: the server will say.
            (Some(0), None) => self.remaining = None,
            _ => {}
        }
        self.in_flight += 1;
        None
    }

    /// Takes in one response's word on the window. Responses can be handled in another
    /// order than the server counted them in, so within one window the lowest count left
    /// and the earliest reset win; a response of an earlier window is stale, and one of a
    /// later window starts it afresh.
    fn observe(&mut self, limit: RateLimit, limited: bool) {
        let wait = match (limit.reset, limit.resets_in()) {
            // Word of a window that has ended.
            (Some(_), None) if !limited => return,
            (_, Some(wait)) => Some(wait),
            // A 429 that does not say when the window resets waits a second.
            (_, None) => limited.then_some(Duration::from_secs(1)),
        };
        let reset = wait.map(|wait| Instant::now() + wait);
        let remaining = if limited { Some(0) } else { limit.remaining };
        match (self.reset, reset) {
            (Some(current), Some(seen)) if seen + SAME_WINDOW <= current => {}
            (Some(current), Some(seen)) if seen < current + SAME_WINDOW => {
                self.remaining = match (self.remaining, remaining) {
                    (Some(known), Some(seen)) => Some(known.min(seen)),
                    (known, seen) => known.or(seen),
                };
                self.reset = Some(current.min(seen));
            }
            _ => (self.remaining, self.reset) = (remaining, reset),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;

    /// What a response says: `remaining` left, the window ending `reset_in` seconds from
    /// now (negative: it has ended).
    fn said(remaining: u64, reset_in: i64) -> RateLimit {
        let now = SystemTime::now();
        let offset = Duration::from_secs(reset_in.unsigned_abs());
        let reset = if reset_in < 0 {
            now - offset
        } else {
            now + offset
        };
        RateLimit {
            limit: Some(2000),
            remaining: Some(remaining),
            reset: Some(reset),
        }
    }

    #[test]
    fn within_a_window_the_lowest_count_left_wins() {
        let mut window = Window::default();
        window.observe(said(5, 30), false);
        window.observe(said(8, 30), false);
        assert_eq!(window.remaining, Some(5));
    }

    #[test]
    fn an_earlier_or_ended_window_is_stale_and_a_later_one_starts_afresh() {
        let mut window = Window::default();
        window.observe(said(5, 30), false);
        window.observe(said(9, 10), false);
        window.observe(said(9, -1), false);
        assert_eq!(window.remaining, Some(5));
        window.observe(said(1990, 90), false);
        assert_eq!(window.remaining, Some(1990));
    }

    #[test]
    fn a_request_waits_for_those_in_flight_then_for_the_reset() {
        let mut window = Window::default();
        window.observe(said(2, 30), false);
        let now = Instant::now();
        assert!(window.take(now).is_none());
        assert!(window.take(now).is_none());
        assert!(matches!(window.take(now), Some(Wait::Answer)));
        window.in_flight = 0;
        window.observe(said(0, 30), false);
        assert!(matches!(window.take(now), Some(Wait::Reset(_))));
    }
}
