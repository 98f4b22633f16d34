//! The future of a sent request: the exchange with the server (retries included) is one
//! boxed future shared by every operation; only the decoding of the body is per type.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use super::transport::Received;
use super::{BoxFuture, Error, Response};

/// Turns the response into the request's result.
type Finish<T> = Box<dyn FnOnce(Received) -> Result<T, Error> + Send>;

/// A request on its way: what `.await` on a request builder, its `send()` and its
/// `send_with_response()` return. Nothing is sent until it is first polled (awaited,
/// or spawned); it resolves to the decoded response or the request's [`Error`].
///
/// ```no_run
/// # async fn run(client: featurebase_api::Client) -> Result<(), featurebase_api::Error> {
/// // A `Pending` is `Send + 'static`: it can be spawned on its own task.
/// let pending = client.users().contacts().retrieve("676f0f6765bdaa7d7d760f88").send();
/// let contact = tokio::spawn(pending).await.expect("the task ran")?;
/// println!("{}", contact.name);
/// # Ok(()) }
/// ```
#[must_use = "a request does nothing until it is awaited"]
pub struct Pending<T> {
    exchange: BoxFuture<Received>,
    finish: Finish<T>,
}

impl<T> Pending<T> {
    pub(crate) fn new(
        exchange: BoxFuture<Received>,
        finish: impl FnOnce(Received) -> Result<T, Error> + Send + 'static,
    ) -> Self {
        Self {
            exchange,
            finish: Box::new(finish),
        }
    }
}

impl<T: 'static> Pending<Response<T>> {
    /// The same request, resolving to the decoded value without the status and headers.
    pub fn into_value(self) -> Pending<T> {
        let finish = self.finish;
        Pending::new(self.exchange, move |received| {
            finish(received).map(Response::into_value)
        })
    }
}

impl<T> Future for Pending<T> {
    type Output = Result<T, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let received = ready!(self.exchange.as_mut().poll(cx))?;
        // The exchange has completed, so `finish` runs once; what is left in its place
        // is never called.
        let finish = std::mem::replace(&mut self.finish, Box::new(|_| unreachable!()));
        Poll::Ready(finish(received))
    }
}

impl<T> fmt::Debug for Pending<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pending").finish_non_exhaustive()
    }
}
