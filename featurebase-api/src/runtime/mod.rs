//! The hand-written runtime that generated code calls: transport, auth, the version
//! header, retries, rate limits, pagination and errors. Generated code describes
//! operations; this module sends them.

mod builder;
mod error;
mod literal;
mod number;
mod pagination;
mod rate_limit;
mod request;
mod response;
mod retry;
mod timestamp;
mod transport;
mod version;

pub use builder::ClientBuilder;
pub use error::{ApiError, ApiErrorBody, DecodeError, Error};
pub use futures::Stream;
pub use literal::{Clearable, True};
pub use number::{InvalidNumber, Number};
pub use pagination::Page;
pub use rate_limit::RateLimit;
pub use request::{Limits, Method, Operation, Request, RequestOptions};
pub use response::Response;
pub use retry::RetryPolicy;
pub use timestamp::{InvalidTimestamp, Timestamp};
pub use transport::{Sleep, Transport};

/// The future a request builder turns into with `.await`.
pub type BoxFuture<T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, Error>> + Send + 'static>>;
