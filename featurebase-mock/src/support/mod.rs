//! What the generated server code is made of: the shapes and operations the spec
//! describes, the validator, and the [`Reply`] every handler answers.

mod exchange;
mod operation;
mod reply;
mod shape;
mod validate;

pub use exchange::{ApiKeys, Exchange, FromInput, Input};
pub use operation::{Body, Example, Location, Method, Operation, Param};
pub use reply::Reply;
pub use shape::{Extra, Format, Object, Property, Range, Shape, Text};
pub use validate::{Invalid, check};
