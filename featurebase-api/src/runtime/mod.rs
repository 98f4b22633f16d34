//! What requests and responses are made of, beside the models: the [`Pending`] future a
//! sent request is, the [`Error`]s a request can end with, [`Page`]s of list results, [`RequestOptions`] and [`RetryPolicy`] for
//! retries and timeouts, the latest [`RateLimit`], the status and headers of a
//! [`Response`], and [`Clearable`] values for fields a request may set to `null`.

mod builder;
mod bulk;
mod clearable;
mod clock;
mod error;
mod headers;
mod json_path;
mod number;
mod options;
mod pagination;
mod pending;
mod rate_limit;
mod request;
mod response;
mod retry;
mod timestamp;
mod transport;
mod true_value;
mod version;

pub use builder::ClientBuilder;
pub(crate) use bulk::bulk;
pub use bulk::{BulkResult, BulkUpsert, DEFAULT_CONCURRENCY, Upserted};
pub use clearable::Clearable;
pub use error::{ApiError, ApiErrorBody, DecodeError, Error, TransportError};
pub use number::{InvalidNumber, Number};
pub use options::RequestOptions;
pub use pagination::{Items, Page, Pages};
pub use pending::Pending;
pub use rate_limit::RateLimit;
pub use response::Response;
pub use retry::RetryPolicy;
pub use timestamp::{InvalidTimestamp, Timestamp};
pub use transport::Sleep;
pub use true_value::True;

#[doc(hidden)]
pub use generated_code::*;

/// What the generated request builders call to describe and send an operation. It is not
/// part of the stable API and may change in any release.
#[doc(hidden)]
pub mod generated_code {
    pub use super::request::{Limits, Method, Operation, Request};
    pub use super::transport::Transport;
}

/// A boxed request future: the exchange inside [`Pending`], and a page's next page.
pub(crate) type BoxFuture<T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, Error>> + Send + 'static>>;
