#![doc = include_str!("../README.md")]
//!
//! ## Modules
//!
//! [`resources`] holds the [`Client`] and the resource tree below it, [`operations`] the
//! request builders its methods return, and [`models`] the request and response bodies; they
//! are generated from the crate's
//! [OpenAPI description](https://github.com/featurebase-api/featurebase-api/blob/main/spec/featurebase.yaml).
//! [`runtime`] is the hand-written part: the [`ClientBuilder`](runtime::ClientBuilder),
//! [`Error`], [`Page`](runtime::Page), [`RequestOptions`](runtime::RequestOptions) and the
//! other types the generated code returns.

// Generated code names this crate `featurebase_api`, as it does from other crates.
extern crate self as featurebase_api;

// Formatted by the generator (prettyplease), not rustfmt.
#[rustfmt::skip]
mod generated;
mod bulk;
pub mod identity;
pub mod runtime;

pub use generated::{Client, models, operations, resources};
/// The date-time library [`runtime::Timestamp`] is built on, so that no direct dependency is needed.
pub use jiff;
pub use runtime::Error;

/// The `http` crate, whose [`StatusCode`](http::StatusCode) and [`HeaderMap`](http::HeaderMap)
/// errors and responses carry: match on them without depending on `http` yourself.
pub use http;
