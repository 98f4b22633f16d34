//! [`Featurebase`]: the mock's state, and its answer to each operation.

use crate::Api;

/// The mock's contacts and companies, behind the [`Api`] of every documented operation.
#[derive(Debug, Default)]
pub struct Featurebase {}

impl Api for Featurebase {}
