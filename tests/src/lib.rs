//! The golden outputs of the generator, compiled: each fixture's expected code is a
//! module here, so a golden that does not build fails `cargo test`.

#![allow(missing_docs, unreachable_pub)]

#[rustfmt::skip]
#[path = "../golden/petstore/expected/mod.rs"]
pub mod petstore;

#[rustfmt::skip]
#[path = "../golden/shapes/expected/mod.rs"]
pub mod shapes;

#[rustfmt::skip]
#[path = "../golden/naming/expected/mod.rs"]
pub mod naming;

#[rustfmt::skip]
#[path = "../golden/composition/expected/mod.rs"]
pub mod composition;
