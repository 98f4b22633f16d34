//! What a JSON value in a request may be, as the spec says: the data the generated
//! `shapes` module is made of.

/// The shape of one JSON value.
#[derive(Debug)]
pub enum Shape {
    /// Any JSON value.
    Any,
    Boolean,
    /// `true` and nothing else.
    True,
    Integer(Range),
    Number(Range),
    String(Text),
    /// An RFC 3339 timestamp (`format: date-time`).
    DateTime,
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// One of these integers.
    IntEnum(&'static [i64]),
    Array(&'static Shape),
    /// An object with any keys, each value of this shape.
    Map(&'static Shape),
    Object(&'static Object),
    /// A value of at least one of these shapes.
    OneOf(&'static [&'static Shape]),
}

/// Bounds of a number.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
}

impl Range {
    pub const ANY: Self = Self {
        minimum: None,
        maximum: None,
    };

    pub const fn minimum(self, minimum: f64) -> Self {
        Self {
            minimum: Some(minimum),
            ..self
        }
    }

    pub const fn maximum(self, maximum: f64) -> Self {
        Self {
            maximum: Some(maximum),
            ..self
        }
    }
}

/// Bounds (in characters) and format of a string.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub format: Option<Format>,
}

impl Text {
    pub const ANY: Self = Self {
        min_length: None,
        max_length: None,
        format: None,
    };

    pub const fn min_length(self, min_length: usize) -> Self {
        Self {
            min_length: Some(min_length),
            ..self
        }
    }

    pub const fn max_length(self, max_length: usize) -> Self {
        Self {
            max_length: Some(max_length),
            ..self
        }
    }

    pub const fn format(self, format: Format) -> Self {
        Self {
            format: Some(format),
            ..self
        }
    }
}

/// A string format with a syntax to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Email,
    Uri,
}

/// An object's properties and the rules across them.
#[derive(Debug)]
pub struct Object {
    pub properties: &'static [Property],
    pub extra: Extra,
    /// Sets of property names of which the object must hold at least one whole set.
    pub identity: &'static [&'static [&'static str]],
    /// Whether the object must hold at least one property (`minProperties: 1`).
    pub non_empty: bool,
}

impl Object {
    /// Properties that are not named are ignored, until said otherwise.
    pub const fn new(properties: &'static [Property]) -> Self {
        Self {
            properties,
            extra: Extra::Ignore,
            identity: &[],
            non_empty: false,
        }
    }

    /// `additionalProperties: false`.
    pub const fn deny_extra(self) -> Self {
        Self {
            extra: Extra::Deny,
            ..self
        }
    }

    /// Other properties are allowed, each of this shape.
    pub const fn keep_extra(self, shape: &'static Shape) -> Self {
        Self {
            extra: Extra::Keep(shape),
            ..self
        }
    }

    pub const fn identity(self, identity: &'static [&'static [&'static str]]) -> Self {
        Self { identity, ..self }
    }

    pub const fn non_empty(self) -> Self {
        Self {
            non_empty: true,
            ..self
        }
    }
}

/// What happens to properties an object does not name.
#[derive(Debug)]
pub enum Extra {
    Deny,
    Ignore,
    Keep(&'static Shape),
}

/// One named property of an object.
#[derive(Debug)]
pub struct Property {
    pub wire: &'static str,
    pub shape: &'static Shape,
    pub required: bool,
    pub nullable: bool,
    /// Sent by the server only: a request must not hold it.
    pub read_only: bool,
}

impl Property {
    /// An optional, non-null property.
    pub const fn new(wire: &'static str, shape: &'static Shape) -> Self {
        Self {
            wire,
            shape,
            required: false,
            nullable: false,
            read_only: false,
        }
    }

    pub const fn required(self) -> Self {
        Self {
            required: true,
            ..self
        }
    }

    pub const fn nullable(self) -> Self {
        Self {
            nullable: true,
            ..self
        }
    }

    pub const fn read_only(self) -> Self {
        Self {
            read_only: true,
            ..self
        }
    }
}
