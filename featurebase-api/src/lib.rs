//! A typed, async client for the [Featurebase](https://featurebase.app) REST API.
//!
//! ```no_run
//! # async fn run() -> Result<(), featurebase_api::Error> {
//! use featurebase_api::Client;
//! use featurebase_api::models::UpsertContactRequest;
//!
//! let client = Client::new(std::env::var("FEATUREBASE_API_KEY").expect("FEATUREBASE_API_KEY is set"))?;
//! let page = client.users().contacts().list().limit(50).await?;
//! for contact in &page.data {
//!     println!("{} <{:?}>", contact.name, contact.email);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! The modules [`models`], [`operations`] and [`resources`] are generated from
//! `spec/featurebase.yaml`; [`runtime`] is the hand-written transport they call.

// Generated code names this crate `featurebase_api`, as it does from other crates.
extern crate self as featurebase_api;

// Formatted by the generator (prettyplease), not rustfmt.
#[rustfmt::skip]
mod generated;
pub mod runtime;

pub use generated::{Client, models, operations, resources};
/// The date-time library [`runtime::Timestamp`] is built on, so that no direct dependency is needed.
pub use jiff;
pub use runtime::Error;
