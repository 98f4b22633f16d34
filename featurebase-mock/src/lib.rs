#![doc = include_str!("../README.md")]

extern crate self as featurebase_mock;

mod faults;
// Formatted by the generator (prettyplease), not rustfmt.
#[rustfmt::skip]
mod generated;
mod log;
mod mock_server;
mod store;
pub mod support;

pub use faults::Fault;
pub use generated::{Api, OPERATIONS, operations, requests, router, server, shapes};
pub use log::LoggedRequest;
pub use mock_server::{Documented, MOCK_API_KEY, MockServer};
pub use store::Featurebase;
pub use support::Reply;
