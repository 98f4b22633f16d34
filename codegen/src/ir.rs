//! The intermediate representation: the spec lowered to Rust-shaped decisions.
//!
//! Names are already Rust names, every `$ref` is resolved to a type name, and every
//! collection is sorted, so emitting is a pure walk.

/// The whole API.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub title: String,
    pub description: Option<String>,
    /// `info.version`, sent as the `Featurebase-Version` header by default.
    pub version: String,
    /// The first server's URL (variables at their defaults); empty when it is relative
    /// or missing.
    pub base_url: String,
    pub ids: Vec<IdType>,
    /// The named types, sorted by name (as [`lower`](fn@crate::lower) gives them), so that
    /// [`Api::type_def`] finds one without a scan.
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    pub root: Resource,
}

impl Api {
    /// The type a [`Ty::Named`] names.
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        let index = (self.types)
            .binary_search_by(|def| def.name.as_str().cmp(name))
            .ok()?;
        Some(&self.types[index])
    }
}

/// Rustdoc text, in parts that emit renders in one order: the summary line, the
/// description, then the facts the spec states in keywords.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    pub summary: Option<String>,
    /// Markdown that is safe as rustdoc: code blocks are fenced as `text`.
    pub description: Option<String>,
    /// Constraints on the value, one sentence each (`At most 500 characters.`).
    pub constraints: Vec<String>,
    /// The default value, as JSON.
    pub default: Option<String>,
    /// A documented example value, as JSON (objects are left out).
    pub example: Option<String>,
    /// The first API version that has it (`x-available-since`).
    pub since: Option<String>,
}

impl Docs {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A newtype for identifiers of one kind (`x-id-type`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct IdType {
    pub name: String,
}

/// A named model type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub docs: Docs,
    pub kind: TypeKind,
    pub usage: Usage,
}

impl TypeDef {
    /// Whether the type keeps values this client does not know (an `Unknown` variant, so
    /// neither `Copy` nor closed): enums and unions that come from the server.
    pub fn is_open(&self) -> bool {
        self.usage.response
    }

    /// Whether the Rust type is `Copy`: literals, integer enums and closed enums.
    pub fn is_copy(&self) -> bool {
        match self.kind {
            TypeKind::Literal(_) | TypeKind::IntEnum(_) => true,
            TypeKind::Enum(_) => !self.is_open(),
            TypeKind::Struct(_) | TypeKind::Union(_) => false,
        }
    }
}

/// Where a type travels: in requests, in responses, or both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub request: bool,
    pub response: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    /// A string enum; responses keep unknown values.
    Enum(Vec<Variant>),
    /// An integer enum; responses keep unknown values.
    IntEnum(Vec<IntVariant>),
    /// A string that has exactly one allowed value (`object: "contact"`).
    Literal(String),
    /// `oneOf`/`anyOf`: one of several types.
    Union(Union),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntVariant {
    pub name: String,
    pub value: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// With a discriminator, the property whose value names the variant; without one,
    /// the variants are tried in order.
    pub tag: Option<String>,
    pub variants: Vec<UnionVariant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub name: String,
    pub ty: Ty,
    /// The discriminator value that selects this variant.
    pub tag_value: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    pub extra: Extra,
    /// Alternative sets of required fields (`anyOf: [{required: [..]}, ..]`), held in an
    /// enum so that a value without any of them cannot be built.
    pub identity: Option<Identity>,
    /// `minProperties: 1` with every field optional: the struct cannot be built empty.
    pub non_empty: bool,
}

impl Struct {
    /// Whether decoding checks what serde's derive cannot: that the fields present make
    /// one of the identity alternatives, or that a struct which must not be empty is not.
    pub fn decodes_checked(&self) -> bool {
        self.identity.is_some() || self.non_empty
    }
}

/// The enum of a struct's alternative required-field sets, e.g. `userId`, `email` or both.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    pub name: String,
    /// Most fields first, which is also the order untagged decoding must try them in.
    pub variants: Vec<IdentityVariant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IdentityVariant {
    /// E.g. `UserIdAndEmail`.
    pub name: String,
    pub fields: Vec<Field>,
}

/// What happens to properties the schema does not name.
#[derive(Debug, Clone, PartialEq)]
pub enum Extra {
    /// `additionalProperties: false`: never sent, refused when decoding.
    Deny,
    /// Unspecified: ignored when decoding.
    Ignore,
    /// `additionalProperties: true` or a schema: kept in a map.
    Keep(Ty),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Rust name, e.g. `user_id`.
    pub name: String,
    /// JSON name, e.g. `userId`.
    pub wire: String,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
    pub docs: Docs,
    pub deprecated: bool,
    /// `readOnly`: only in responses. `writeOnly`: only in requests.
    pub read_only: bool,
    pub write_only: bool,
    /// How the struct holds it, decided once where the struct travels is known.
    pub slot: Slot,
    /// Bounds and format of a scalar value (the mock server enforces them).
    pub limits: Limits,
}

/// How a field is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Required and not nullable: `T`.
    Plain,
    /// Required, not nullable, and of a type with one value (a literal, `true`): `T`,
    /// filled in by the constructors.
    Fixed,
    /// Required but nullable: `Option<T>`, always sent.
    Nullable,
    /// Optional: `Option<T>`, left out when `None`.
    Optional,
    /// Optional and nullable in a request: `Clearable<T>`, to tell "leave unchanged"
    /// (absent) from "clear" (null).
    Clearable,
    /// `readOnly` in a struct that is also sent: `Option<T>`, received but never sent.
    ReadOnly,
}

impl Slot {
    /// The slot of `field` in a struct that travels as `usage` says; `fixed` when the
    /// field's type has one value.
    pub fn of(field: &Field, usage: Usage, fixed: bool) -> Self {
        if field.read_only && usage.request {
            return Self::ReadOnly;
        }
        // A `writeOnly` field never comes back, so responses cannot require it.
        let required = field.required && !(field.write_only && usage.response);
        match (required, field.nullable) {
            (true, false) if fixed => Self::Fixed,
            (true, false) => Self::Plain,
            (true, true) => Self::Nullable,
            (false, true) if usage.request => Self::Clearable,
            (false, _) => Self::Optional,
        }
    }
}

impl Field {
    /// Whether the field may be absent or null, so that Rust reads it as an `Option`.
    pub fn is_option(&self) -> bool {
        !self.required || self.nullable
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub name: String,
    pub wire: String,
}

/// A Rust type, as used by a field, parameter or body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    String,
    /// `format: date-time`.
    Timestamp,
    Integer,
    Number,
    Boolean,
    /// Any JSON value.
    Json,
    /// The boolean `true` and nothing else.
    True,
    Array(Box<Ty>),
    Map(Box<Ty>),
    /// A model type by name.
    Named(String),
    /// An identifier newtype by name.
    Id(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `operationId` as written in the spec.
    pub id: String,
    /// Rust name of the request builder, e.g. `ListContacts`.
    pub name: String,
    pub method: Method,
    /// Path template, e.g. `/v2/contacts/{id}`.
    pub path: String,
    pub docs: Docs,
    /// Path parameters in path order, then query and header parameters in spec order.
    pub params: Vec<Param>,
    pub body: Option<Body>,
    /// The success (2xx) response body, if any.
    pub response: Option<Ty>,
    /// The JSON bodies of the documented error responses (decoded by the runtime's
    /// tolerant error parser, but their models are response types too).
    pub errors: Vec<Ty>,
    pub pagination: Option<Pagination>,
    /// Documented statuses, in ascending order.
    pub statuses: Vec<Status>,
    /// Whether the operation requires credentials (its `security`, or the document's).
    pub authenticated: bool,
    /// Safe to retry after the server may have acted.
    pub idempotent: bool,
    pub since: Option<String>,
    pub deprecated: bool,
    /// Place in the resource tree, e.g. `["users", "contacts", "list"]`.
    pub sdk_path: Vec<String>,
}

impl Operation {
    /// The reply a server gives until it implements the operation: the first documented
    /// success status with an exact code, with its example body; `None` when that status
    /// has a body but the spec gives no example of it.
    pub fn documented_reply(&self) -> Option<(u16, Option<&serde_json::Value>)> {
        let (code, status) = self.statuses.iter().find_map(|status| match status.code {
            StatusCode::Exact(code) if status.code.is_success() => Some((code, status)),
            _ => None,
        })?;
        match (&status.example, &self.response) {
            (None, Some(_)) => None,
            (example, _) => Some((code, example.as_ref())),
        }
    }
}

/// A documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub code: StatusCode,
    pub description: String,
    /// The documented JSON example body.
    pub example: Option<serde_json::Value>,
}

/// A documented response status: `200`, `4XX` or `default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusCode {
    Exact(u16),
    /// `4XX`: the class digit.
    Range(u8),
    Default,
}

impl StatusCode {
    pub fn is_success(self) -> bool {
        match self {
            Self::Exact(code) => (200..300).contains(&code),
            Self::Range(class) => class == 2,
            Self::Default => false,
        }
    }

    /// Ascending as the spec lists them: by class, exact codes before their range, then
    /// `default`.
    fn order(self) -> (u16, u16) {
        match self {
            Self::Exact(code) => (code / 100, code),
            Self::Range(class) => (u16::from(class), 1000),
            Self::Default => (10, 0),
        }
    }
}

impl Ord for StatusCode {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.order().cmp(&other.order())
    }
}

impl PartialOrd for StatusCode {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for StatusCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Exact(code) => write!(f, "{code}"),
            Self::Range(class) => write!(f, "{class}XX"),
            Self::Default => f.write_str("default"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub ty: Ty,
    pub required: bool,
    /// The first documented example, from which the operation's doc example is built.
    pub example: Option<serde_json::Value>,
    /// Sent as `application/x-www-form-urlencoded` rather than JSON.
    pub form: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// The HTTP method, e.g. `GET`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub wire: String,
    pub location: Location,
    pub ty: Ty,
    pub required: bool,
    pub docs: Docs,
    /// Bounds checked before sending.
    pub limits: Limits,
    /// The documented example value, for the operation's doc example.
    pub example: Option<serde_json::Value>,
    /// Whether its Rust type is `Copy`, so that a resource hands it on without `.clone()`.
    pub copy: bool,
}

/// `minimum`/`maximum` and `minLength`/`maxLength` of a scalar, and the string formats
/// a server checks.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Limits {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub format: Option<Format>,
}

impl Limits {
    /// Whether a bound is set (the format aside).
    pub fn has_bounds(&self) -> bool {
        Self {
            format: None,
            ..*self
        } != Self::default()
    }
}

/// A string `format` with a checkable syntax (`date-time` is [`Ty::Timestamp`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Email,
    Uri,
}

/// How a list operation pages (`x-pagination`).
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The query parameter that takes the cursor (wire name).
    pub cursor: String,
    /// The envelope field with the items, and whether it is an `Option`.
    pub items: Field,
    /// The envelope field with the next cursor.
    pub next: Field,
    /// The type of one item.
    pub item: Ty,
}

/// A node of the resource tree: `client.users().contacts()`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resource {
    /// Rust method name that reaches this resource from its parent (`contacts`).
    pub name: String,
    /// Rust type name, unique in the tree (`UsersContacts`).
    pub type_name: String,
    /// Dotted path from the root, as in `x-sdk-path` (`users.contacts`).
    pub path: String,
    /// Path parameters this resource binds, with their owning operation's types.
    pub params: Vec<Param>,
    pub children: Vec<Resource>,
    pub methods: Vec<ResourceMethod>,
}

/// An operation reached from a resource.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceMethod {
    pub name: String,
    /// Index into `Api::operations`.
    pub operation: usize,
}

#[cfg(test)]
mod tests {
    const SPEC: &str = "
openapi: 3.0.3
info: {title: Fruit, version: '1'}
paths:
  /zebras:
    get:
      operationId: listZebras
      x-sdk-path: zebras.list
      responses:
        '200':
          description: The zebras.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Zebra'}
components:
  schemas:
    Zebra: {type: object, properties: {name: {type: string}}}
    Apple: {type: string, enum: [red, green]}
    Mango: {type: integer, enum: [1, 2]}
";

    #[test]
    fn type_def_finds_each_named_type_by_name() {
        let api = crate::lower(SPEC).expect("the spec lowers").output;
        for name in ["Apple", "Mango", "Zebra"] {
            let def = api.type_def(name).expect(name);
            assert_eq!(def.name, name);
        }
        assert!(api.type_def("Banana").is_none());
    }
}
