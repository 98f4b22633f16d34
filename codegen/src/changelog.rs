//! What a regeneration changes in the public API of the client: the API's surface
//! (operations and their parameters, types and their fields and values, with the Rust types
//! users write), saved beside the generated code, and the changes between two surfaces, with
//! each change that breaks users' code flagged.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::GeneratedFile;
use crate::ir::{Api, Field, Operation, Ty, TypeDef, TypeKind};

/// The file, beside the generated modules, that records the surface they were made from.
pub const SURFACE_FILE: &str = "surface.json";

/// What users' code can depend on, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Surface {
    pub operations: BTreeMap<String, OperationSurface>,
    pub types: BTreeMap<String, TypeSurface>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationSurface {
    /// How it is called, e.g. `client.users().contacts().list()`.
    pub call: String,
    /// e.g. `GET /v2/contacts`.
    pub endpoint: String,
    /// Parameter name -> the Rust type users pass (`Option<..>` when optional).
    pub params: BTreeMap<String, String>,
    pub body: Option<String>,
    pub response: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeSurface {
    /// `struct`, `enum`, `literal` or `union`.
    pub kind: String,
    /// Whether users build it (it travels in requests).
    pub request: bool,
    /// Field or variant name -> its Rust type (`Option<..>` when it may be absent); for an
    /// enum, its values with an empty type.
    pub members: BTreeMap<String, String>,
}

/// One change between two surfaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Whether code written against the old client may no longer compile.
    pub breaking: bool,
    pub text: String,
}

impl Surface {
    pub fn of(api: &Api) -> Self {
        Self {
            operations: api
                .operations
                .iter()
                .map(|op| (op.id.clone(), operation(op)))
                .collect(),
            types: api
                .types
                .iter()
                .map(|def| (def.name.clone(), ty_def(def)))
                .collect(),
        }
    }

    /// The surface as the file saved beside the generated code.
    pub fn file(&self) -> GeneratedFile {
        let json = serde_json::to_string_pretty(self).expect("a surface is plain data");
        GeneratedFile {
            path: SURFACE_FILE.to_owned(),
            contents: format!("{json}\n"),
        }
    }

    /// Reads a saved surface; `None` when it is not one (a file from another version).
    pub fn parse(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }

    /// What changes from `self` (the client as it is) to `new`, in name order.
    pub fn changes(&self, new: &Self) -> Vec<Change> {
        let mut changes = Vec::new();
        diff(
            &self.operations,
            &new.operations,
            &mut changes,
            |id, op| format!("operation `{id}` (`{}`, {})", op.call, op.endpoint),
            operation_changes,
        );
        diff(
            &self.types,
            &new.types,
            &mut changes,
            |name, def| format!("{} `{name}`", def.kind),
            type_changes,
        );
        changes
    }
}

/// The changes of a changelog as Markdown, breaking ones first.
pub fn markdown(changes: &[Change]) -> String {
    let section = |title: &str, breaking: bool| {
        let lines: Vec<String> = changes
            .iter()
            .filter(|change| change.breaking == breaking)
            .map(|change| format!("- {}\n", change.text))
            .collect();
        match lines.is_empty() {
            true => String::new(),
            false => format!("### {title}\n\n{}\n", lines.concat()),
        }
    };
    let text = section("Breaking changes", true) + &section("Other changes", false);
    match text.is_empty() {
        true => "No changes to the public API.\n".to_owned(),
        false => text,
    }
}

/// Added and removed entries (removals break), then each entry's own changes.
fn diff<T>(
    old: &BTreeMap<String, T>,
    new: &BTreeMap<String, T>,
    changes: &mut Vec<Change>,
    describe: impl Fn(&str, &T) -> String,
    changed: impl Fn(&str, &T, &T, &mut Vec<Change>),
) {
    for (name, before) in old {
        match new.get(name) {
            None => push(
                changes,
                true,
                format!("Removed {}.", describe(name, before)),
            ),
            Some(after) => changed(name, before, after, changes),
        }
    }
    for (name, after) in new.iter().filter(|(name, _)| !old.contains_key(*name)) {
        push(changes, false, format!("Added {}.", describe(name, after)));
    }
}

fn push(changes: &mut Vec<Change>, breaking: bool, text: String) {
    changes.push(Change { breaking, text });
}

fn operation_changes(
    id: &str,
    old: &OperationSurface,
    new: &OperationSurface,
    changes: &mut Vec<Change>,
) {
    if old.call != new.call {
        push(
            changes,
            true,
            format!(
                "`{id}` is now called as `{}` (was `{}`).",
                new.call, old.call
            ),
        );
    }
    if old.endpoint != new.endpoint {
        push(
            changes,
            false,
            format!(
                "`{id}` now sends `{}` (was `{}`).",
                new.endpoint, old.endpoint
            ),
        );
    }
    members(
        &format!("`{id}` parameter"),
        &old.params,
        &new.params,
        changes,
        |ty| {
            // A new optional parameter is a new builder method; a required one a new argument.
            !ty.starts_with("Option<")
        },
    );
    for (what, before, after) in [
        ("body", &old.body, &new.body),
        ("response", &old.response, &new.response),
    ] {
        if before != after {
            let show = |ty: &Option<String>| ty.clone().unwrap_or_else(|| "none".to_owned());
            let text = format!("`{id}` {what}: `{}` (was `{}`).", show(after), show(before));
            push(changes, true, text);
        }
    }
}

fn type_changes(name: &str, old: &TypeSurface, new: &TypeSurface, changes: &mut Vec<Change>) {
    if old.kind != new.kind {
        let text = format!(
            "`{name}` is now {} (was {}).",
            article(&new.kind),
            article(&old.kind)
        );
        push(changes, true, text);
        return;
    }
    let what = match new.kind.as_str() {
        "enum" | "literal" => format!("`{name}` value"),
        "union" => format!("`{name}` variant"),
        _ => format!("`{name}` field"),
    };
    // A new field that is not an `Option` is a new argument of the constructors of a type
    // users build; other additions are new setters, or new fields of `#[non_exhaustive]`
    // types.
    let built = new.request && new.kind == "struct";
    members(&what, &old.members, &new.members, changes, |ty| {
        built && !ty.starts_with("Option<")
    });
}

/// Added, removed and retyped members; removals and type changes break, an addition
/// breaks when `adding_breaks` says so for its type.
fn members(
    what: &str,
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
    changes: &mut Vec<Change>,
    adding_breaks: impl Fn(&str) -> bool,
) {
    for (name, before) in old {
        match new.get(name) {
            None => push(changes, true, format!("Removed {what} `{name}`.")),
            Some(after) if after != before => push(
                changes,
                true,
                format!("{what} `{name}` is now `{after}` (was `{before}`)."),
            ),
            Some(_) => {}
        }
    }
    for (name, ty) in new.iter().filter(|(name, _)| !old.contains_key(*name)) {
        let typed = match ty.is_empty() {
            true => String::new(),
            false => format!(": `{ty}`"),
        };
        push(
            changes,
            adding_breaks(ty),
            format!("Added {what} `{name}`{typed}."),
        );
    }
}

fn operation(op: &Operation) -> OperationSurface {
    let call = op
        .sdk_path
        .iter()
        .map(|segment| format!("{segment}()"))
        .collect::<Vec<_>>();
    OperationSurface {
        call: format!("client.{}", call.join(".")),
        endpoint: format!("{} {}", op.method.as_str(), op.path),
        params: op
            .params
            .iter()
            .map(|param| {
                (
                    param.name.clone(),
                    optional(rust(&param.ty), !param.required),
                )
            })
            .collect(),
        body: op
            .body
            .as_ref()
            .map(|body| optional(rust(&body.ty), !body.required)),
        response: op.response.as_ref().map(rust),
    }
}

fn ty_def(def: &TypeDef) -> TypeSurface {
    let field = |field: &Field| {
        (
            field.name.clone(),
            optional(rust(&field.ty), field.is_option()),
        )
    };
    let value = |value: String| (value, String::new());
    let (kind, members): (&str, BTreeMap<String, String>) = match &def.kind {
        TypeKind::Struct(body) => {
            let identity = body.identity.iter().flat_map(|i| &i.variants);
            let fields = body.fields.iter().chain(identity.flat_map(|v| &v.fields));
            ("struct", fields.map(field).collect())
        }
        TypeKind::Enum(variants) => (
            "enum",
            variants.iter().map(|v| value(v.wire.clone())).collect(),
        ),
        TypeKind::IntEnum(variants) => (
            "enum",
            variants
                .iter()
                .map(|v| value(v.value.to_string()))
                .collect(),
        ),
        TypeKind::Literal(wire) => ("literal", [value(wire.clone())].into_iter().collect()),
        TypeKind::Union(union) => {
            let variants = union.variants.iter().map(|v| (v.name.clone(), rust(&v.ty)));
            ("union", variants.collect())
        }
    };
    TypeSurface {
        kind: kind.to_owned(),
        request: def.usage.request,
        members,
    }
}

/// "a struct", "an enum".
fn article(kind: &str) -> String {
    match kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        true => format!("an {kind}"),
        false => format!("a {kind}"),
    }
}

fn optional(ty: String, optional: bool) -> String {
    match optional {
        true => format!("Option<{ty}>"),
        false => ty,
    }
}

/// The Rust type users write for `ty`.
fn rust(ty: &Ty) -> String {
    match ty {
        Ty::String => "String".to_owned(),
        Ty::Integer => "i64".to_owned(),
        Ty::Timestamp => "Timestamp".to_owned(),
        Ty::Number => "Number".to_owned(),
        Ty::Boolean => "bool".to_owned(),
        Ty::Json => "serde_json::Value".to_owned(),
        Ty::True => "True".to_owned(),
        Ty::Array(item) => format!("Vec<{}>", rust(item)),
        Ty::Map(value) => format!("BTreeMap<String, {}>", rust(value)),
        Ty::Named(name) | Ty::Id(name) => name.clone(),
    }
}
