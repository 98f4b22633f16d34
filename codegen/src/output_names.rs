//! The names the generated code gives its own items and uses unqualified. Lower refuses
//! spec names that would clash with them; emit writes them from here.

/// The client at the root of the resource tree.
pub(crate) const CLIENT: &str = "Client";

/// Constructors: of the `Client`, of request builders and of models.
pub(crate) const NEW: &str = "new";
/// The `Client`'s builder.
pub(crate) const BUILDER: &str = "builder";
/// The `Client`'s latest rate limits.
pub(crate) const RATE_LIMIT: &str = "rate_limit";

/// Methods of the `Client` that the resource tree cannot take.
pub(crate) const CLIENT_METHODS: &[&str] = &[NEW, BUILDER, RATE_LIMIT];

/// Methods every resource, request builder and the `Client` have from their derives.
pub(crate) const DERIVED_METHODS: &[&str] = &["clone", "clone_from", "fmt"];

/// Methods and fields of every request builder, which parameters cannot be named.
const REQUEST_BUILDER_NAMES: &[&str] = &[
    NEW,
    "send",
    "send_with_response",
    "with_options",
    "items",
    "body",
    "into_future",
    "transport",
    "options",
];

/// Whether a parameter by this Rust name would clash with a request builder's own method
/// or field.
pub(crate) fn is_request_builder_name(name: &str) -> bool {
    REQUEST_BUILDER_NAMES.contains(&name) || DERIVED_METHODS.contains(&name)
}

/// The constructor of a model that must not be empty, before a field is set.
pub(crate) const EMPTY: &str = "empty";
/// The field of a model that holds which identity alternative it has.
pub(crate) const IDENTITY_FIELD: &str = "identity";
/// The field of a model that keeps the properties its schema does not name.
pub(crate) const EXTRA_FIELD: &str = "extra";

/// A model's constructor from one identity alternative or one field: `with_email`.
pub(crate) fn with(name: &str) -> String {
    format!("with_{name}")
}

/// The method that sends a clearable field as `null`: `clear_note`.
pub(crate) fn clear(name: &str) -> String {
    format!("clear_{name}")
}

/// Names the generated code uses unqualified: a type of the spec's by one of these
/// names would shadow it, and the code would not compile.
const USED_BY_OUTPUT: &[&str] = &[
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Deserialize",
    "Eq",
    "Err",
    "From",
    "Hash",
    "Into",
    "IntoFuture",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Serialize",
    "Some",
    "String",
    "Vec",
];

/// Whether a Rust type name of the spec's would shadow a name the generated code uses.
pub(crate) fn shadows_output(name: &str) -> bool {
    USED_BY_OUTPUT.contains(&name)
}

/// The error for a spec name that [`shadows_output`].
pub(crate) fn shadowing(name: &str) -> String {
    format!("`{name}` is a name the generated code uses itself; choose another")
}

/// The mock server's trait, with one method per operation.
pub(crate) const SERVER_TRAIT: &str = "Api";
/// The mock server's table of every operation.
pub(crate) const SERVER_OPERATIONS: &str = "OPERATIONS";
/// The mock server's router.
pub(crate) const SERVER_ROUTER: &str = "router";

/// The mock server's method for an operation (by its Rust name): `upsert_contact`.
pub(crate) fn server_method(operation: &str) -> String {
    crate::naming::snake(operation)
}

/// The mock server's handler of an operation (by its Rust name): `handle_upsert_contact`.
pub(crate) fn server_handler(operation: &str) -> String {
    format!("handle_{}", server_method(operation))
}
