//! The hand-written runtime that generated code calls: transport, auth, the version
//! header, requests and errors. Generated code describes operations; this module sends them.

mod builder;
mod error;
mod literal;
mod request;
mod transport;

pub use builder::ClientBuilder;
pub use error::{ApiError, ApiErrorBody, DecodeError, Error};
pub use literal::True;
pub use request::{Method, Operation, Request};
pub use transport::Transport;

/// The future a request builder turns into with `.await`.
pub type BoxFuture<T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, Error>> + Send + 'static>>;
