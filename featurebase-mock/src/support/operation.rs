//! What the spec says of one operation: the data of the generated `operations` module.

use super::Shape;

pub use http::Method;

/// An operation: its route, what a request may carry, and its documented reply.
#[derive(Debug)]
pub struct Operation {
    /// The spec's `operationId`.
    pub id: &'static str,
    pub method: Method,
    /// The path template, e.g. `/v2/contacts/{id}`.
    pub path: &'static str,
    /// Whether a request needs `Authorization: Bearer <key>`.
    pub authenticated: bool,
    pub params: &'static [Param],
    pub body: Option<Body>,
    /// The reply given until the operation is implemented.
    pub example: Option<Example>,
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
}

/// A path, query or header parameter.
#[derive(Debug)]
pub struct Param {
    /// The name on the wire, e.g. `limit` or `Featurebase-Version`.
    pub wire: &'static str,
    pub location: Location,
    pub required: bool,
    pub shape: &'static Shape,
}

impl Param {
    /// A path parameter, always required.
    pub const fn path(wire: &'static str, shape: &'static Shape) -> Self {
        Self::new(wire, Location::Path, shape).required()
    }

    pub const fn query(wire: &'static str, shape: &'static Shape) -> Self {
        Self::new(wire, Location::Query, shape)
    }

    pub const fn header(wire: &'static str, shape: &'static Shape) -> Self {
        Self::new(wire, Location::Header, shape)
    }

    pub const fn required(self) -> Self {
        Self {
            required: true,
            ..self
        }
    }

    const fn new(wire: &'static str, location: Location, shape: &'static Shape) -> Self {
        Self {
            wire,
            location,
            required: false,
            shape,
        }
    }
}

/// A request body.
#[derive(Debug)]
pub struct Body {
    pub shape: &'static Shape,
    pub required: bool,
    /// `application/x-www-form-urlencoded` rather than JSON.
    pub form: bool,
}

impl Body {
    pub const fn json(shape: &'static Shape) -> Self {
        Self {
            shape,
            required: false,
            form: false,
        }
    }

    pub const fn form(shape: &'static Shape) -> Self {
        Self {
            form: true,
            ..Self::json(shape)
        }
    }

    pub const fn required(self) -> Self {
        Self {
            required: true,
            ..self
        }
    }
}

/// A documented reply: its status and JSON body.
#[derive(Debug)]
pub struct Example {
    pub status: u16,
    pub body: Option<&'static str>,
}
