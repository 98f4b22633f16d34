//! Paths and operations -> [`Operation`]s: parameters, bodies, responses.

use std::collections::BTreeMap;

use openapiv3::{
    MediaType, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, RequestBody, Responses,
};

use super::Lowerer;
use super::docs::rustdoc_safe;
use super::extensions::{X_IDEMPOTENT, X_PAGINATION, X_SDK_PATH};
use super::refs::{PARAMETERS, REQUEST_BODIES, RESPONSES, component_of};
use super::schemas::SchemaRef;
use crate::diagnostics::Pointer;
use crate::ir::{Body, Docs, Location, Method, Operation, Param, Status, StatusCode, Ty, TypeKind};
use crate::naming::{camel, is_identifier, snake};
use crate::output_names::{is_request_builder_name, shadowing, shadows_output};

impl Lowerer<'_> {
    /// Every operation, sorted by Rust name; names and ids must be unique.
    pub(super) fn operations(&mut self) -> Vec<Operation> {
        let mut paths: Vec<_> = self.doc.paths.paths.iter().collect();
        paths.sort_by(|a, b| a.0.cmp(b.0));
        if paths.is_empty() {
            self.report(&Pointer::root().join("paths"), "the spec has no paths");
        }
        let mut operations = Vec::new();
        let mut names: BTreeMap<String, Pointer> = BTreeMap::new();
        for (path, item) in paths {
            let at = Pointer::root().join("paths").join(path);
            let ReferenceOr::Item(item) = item else {
                self.report(&at.join("$ref"), "path item `$ref`s are not supported");
                continue;
            };
            for (method, operation) in item.iter() {
                let at = at.join(method);
                let id = self.operation_id(path, method, operation, &at);
                if let Some(id) = &id {
                    self.check_unique(id, operation, &at, &mut names);
                }
                operations.extend(self.operation(path, method, item, operation, &at, id));
            }
        }
        operations.sort_by(|a, b| a.name.cmp(&b.name));
        operations
    }

    /// The `operationId`, or one derived from the method and path (with a warning) when
    /// there is none; `None` when it does not make a Rust name.
    fn operation_id(
        &mut self,
        path: &str,
        method: &str,
        operation: &openapiv3::Operation,
        at: &Pointer,
    ) -> Option<String> {
        let Some(id) = &operation.operation_id else {
            let id = derived_operation_id(method, path);
            self.warn(
                at,
                format!("no `operationId`: named `{id}` after the method and path"),
            );
            return Some(id);
        };
        let name = camel(id);
        let at = at.join("operationId");
        if !is_identifier(&name) {
            return self.error(&at, format!("`{id}` does not make a Rust name"));
        }
        if shadows_output(&name) {
            return self.error(&at, shadowing(&name));
        }
        Some(id.clone())
    }

    /// Two operations may not share a Rust name (checked even when one fails to lower).
    fn check_unique(
        &mut self,
        id: &str,
        operation: &openapiv3::Operation,
        at: &Pointer,
        names: &mut BTreeMap<String, Pointer>,
    ) {
        let name = camel(id);
        let Some(first) = names.get(&name) else {
            names.insert(name, at.clone());
            return;
        };
        let (what, at) = match operation.operation_id {
            Some(_) => (format!("operationId `{id}`"), at.join("operationId")),
            None => (
                format!("the operationId `{id}` derived from the method and path"),
                at.clone(),
            ),
        };
        let message =
            format!("{what} gives the Rust name `{name}`, as does the operation at `{first}`");
        self.report(&at, message);
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        item: &PathItem,
        operation: &openapiv3::Operation,
        at: &Pointer,
        id: Option<String>,
    ) -> Option<Operation> {
        let method = match method {
            "get" => Method::Get,
            "post" => Method::Post,
            "put" => Method::Put,
            "patch" => Method::Patch,
            "delete" => Method::Delete,
            other => return self.error(at, format!("`{other}` operations are not supported")),
        };
        // Without a usable operationId the rest is still checked, so every problem shows.
        let name = camel(id.as_deref().unwrap_or("operation"));
        if !operation.callbacks.is_empty() {
            self.warn(&at.join("callbacks"), "callbacks are ignored");
        }
        self.external_docs(operation.external_docs.as_ref(), at);
        let extensions = &operation.extensions;
        let mut docs = Docs {
            summary: operation.summary.clone(),
            description: operation.description.as_deref().map(rustdoc_safe),
            ..Docs::default()
        };
        self.extension_docs(&mut docs, extensions, at);
        let params = self.params(path, item, operation, at, &name);
        let body = operation
            .request_body
            .as_ref()
            .map(|body| self.body(body, &at.join("requestBody"), &name));
        let responses = self.responses(&operation.responses, &at.join("responses"), &name);
        let id = id?;
        let sdk_path = self.sdk_path(operation, at, &id);
        let body = body.map_or(Some(None), |body| body.map(Some))?;
        let Outcomes {
            success: response,
            errors,
            statuses,
        } = responses?;
        let mut lowered = Operation {
            idempotent: self.ext_bool(extensions, X_IDEMPOTENT, at)
                || matches!(method, Method::Get | Method::Put | Method::Delete),
            since: self.ext_version(extensions, at),
            deprecated: operation.deprecated,
            id,
            name,
            method,
            path: path.to_owned(),
            docs,
            params: params?,
            body,
            response,
            errors,
            pagination: None,
            statuses,
            authenticated: self.authenticated(operation),
            sdk_path: sdk_path?,
        };
        lowered.pagination = self.pagination(&lowered, extensions.get(X_PAGINATION), at);
        Some(lowered)
    }

    /// Whether the operation's security (or else the document's) asks for credentials: a
    /// requirement list that is empty, or that allows an empty requirement, does not.
    fn authenticated(&self, operation: &openapiv3::Operation) -> bool {
        let requirements = operation.security.as_ref().or(self.doc.security.as_ref());
        requirements.is_some_and(|all| !all.is_empty() && all.iter().all(|one| !one.is_empty()))
    }

    /// `x-sdk-path` split in segments, or `[first tag, operationId]` without it.
    fn sdk_path(
        &mut self,
        operation: &openapiv3::Operation,
        at: &Pointer,
        id: &str,
    ) -> Option<Vec<String>> {
        let Some(path) = self.ext_str(&operation.extensions, X_SDK_PATH, at) else {
            let tag = operation.tags.first().map(|tag| snake(tag));
            return Some(tag.into_iter().chain([snake(id)]).collect());
        };
        let segments: Vec<String> = path.split('.').map(snake).collect();
        if segments.iter().any(|segment| !is_identifier(segment)) {
            return self.error(
                &at.join(X_SDK_PATH),
                format!("`{path}` must be dot-separated identifiers, like `users.contacts.list`"),
            );
        }
        Some(segments)
    }

    fn params(
        &mut self,
        path: &str,
        item: &PathItem,
        operation: &openapiv3::Operation,
        at: &Pointer,
        op_name: &str,
    ) -> Option<Vec<Param>> {
        let path_at = Pointer::root().join("paths").join(path).join("parameters");
        let path_level = item
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p, path_at.join(i)));
        let own = operation
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p, at.join("parameters").join(i)));
        let mut params: Vec<(Param, Pointer)> = Vec::new();
        let mut failed = false;
        for (param, param_at) in path_level.chain(own) {
            match self.param(param, &param_at, op_name) {
                // An operation's own parameter overrides the path item's one of the same name.
                Some(param) => {
                    params.retain(|(p, _)| {
                        (p.wire.as_str(), p.location) != (param.wire.as_str(), param.location)
                    });
                    params.push((param, param_at));
                }
                None => failed = true,
            }
        }
        failed |= self.check_path_template(path, &params, at).is_none();
        failed |= self.check_param_names(&params).is_none();
        let placeholders = placeholders(path);
        params.sort_by_key(|(p, _)| match p.location {
            Location::Path => placeholders
                .iter()
                .position(|name| *name == p.wire)
                .unwrap_or(0),
            _ => placeholders.len(),
        });
        (!failed).then(|| params.into_iter().map(|(param, _)| param).collect())
    }

    fn check_path_template(
        &mut self,
        path: &str,
        params: &[(Param, Pointer)],
        at: &Pointer,
    ) -> Option<()> {
        let placeholders = placeholders(path);
        let mut ok = true;
        // The client fills whole segments: `/files/{id}.json` would need more than that.
        for segment in path
            .split('/')
            .filter(|s| s.contains('{') || s.contains('}'))
        {
            let whole = segment.starts_with('{')
                && segment.ends_with('}')
                && segment.matches('{').count() == 1;
            if !whole {
                let message = format!("`{segment}`: a path parameter must be a whole segment");
                self.report(at, message);
                ok = false;
            }
        }
        for name in &placeholders {
            if !params
                .iter()
                .any(|(p, _)| p.location == Location::Path && p.wire == *name)
            {
                let message = format!("path parameter `{{{name}}}` has no `in: path` parameter");
                self.report(at, message);
                ok = false;
            }
        }
        for (param, param_at) in params.iter().filter(|(p, _)| p.location == Location::Path) {
            if !placeholders.contains(&param.wire.as_str()) {
                let message = format!(
                    "path parameter `{}` does not appear in `{path}`",
                    param.wire
                );
                self.report(param_at, message);
                ok = false;
            }
            if !param.required {
                let message = format!("path parameter `{}` must be `required: true`", param.wire);
                self.report(param_at, message);
                ok = false;
            }
        }
        ok.then_some(())
    }

    fn check_param_names(&mut self, params: &[(Param, Pointer)]) -> Option<()> {
        let mut ok = true;
        for (index, (param, at)) in params.iter().enumerate() {
            if is_request_builder_name(&param.name) {
                let message = format!(
                    "parameter `{}` would be the builder method `{}`, which every request builder already has",
                    param.wire, param.name
                );
                self.report(at, message);
                ok = false;
            }
            let clash = params[..index].iter().find(|(p, _)| p.name == param.name);
            if let Some((first, _)) = clash {
                let message = format!(
                    "parameters `{}` and `{}` both become the Rust argument `{}`",
                    first.wire, param.wire, param.name
                );
                self.report(at, message);
                ok = false;
            }
        }
        ok.then_some(())
    }

    /// A header parameter's name is a valid header name, and not one the client sets.
    fn check_header_name(&mut self, name: &str, at: &Pointer) -> Option<()> {
        let Ok(header) = http::HeaderName::from_bytes(name.as_bytes()) else {
            return self.error(at, format!("`{name}` is not a valid HTTP header name"));
        };
        let reserved = [
            http::header::AUTHORIZATION,
            http::header::ACCEPT,
            http::header::CONTENT_TYPE,
        ];
        if reserved.contains(&header) {
            let message = format!(
                "the client sets `{name}` itself (OpenAPI ignores header parameters \
                 named Accept, Content-Type or Authorization)"
            );
            return self.error(at, message);
        }
        Some(())
    }

    fn param(
        &mut self,
        param: &ReferenceOr<Parameter>,
        at: &Pointer,
        op_name: &str,
    ) -> Option<Param> {
        let parameters = &self.components.parameters;
        let (param, home) = self.resolve(param, at, PARAMETERS, parameters)?;
        let location = match param {
            Parameter::Path { .. } => Location::Path,
            Parameter::Query { .. } => Location::Query,
            Parameter::Header { .. } => Location::Header,
            Parameter::Cookie { .. } => {
                return self.error(&home, "cookie parameters are not supported");
            }
        };
        let data = param.parameter_data_ref();
        let ParameterSchemaOrContent::Schema(schema) = &data.format else {
            return self.error(
                &home.join("content"),
                "parameters with `content` are not supported",
            );
        };
        if location == Location::Header {
            self.check_header_name(&data.name, &home.join("name"))?;
        }
        let name = snake(&data.name);
        if !is_identifier(&name) {
            return self.error(
                &home.join("name"),
                format!("`{}` does not make a Rust name", data.name),
            );
        }
        let hint = match component_of(&home).map(|(_, name)| name) {
            Some(component) => camel(&component),
            None => format!("{op_name}{}", camel(&data.name)),
        };
        let schema_at = home.join("schema");
        let ty = self.ty(schema.into(), &schema_at, &hint)?;
        self.check_scalar(&ty, &schema_at)?;
        let mut docs = match SchemaRef::from(schema) {
            SchemaRef::Inline(schema) => self.schema_docs(schema, &schema_at),
            SchemaRef::Ref(_) => Docs::default(),
        };
        if let Some(description) = &data.description {
            docs.description = Some(rustdoc_safe(description));
        }
        self.extension_docs(&mut docs, &data.extensions, &home);
        let target = self.target(schema.into());
        let limits = target.map(super::schemas::limits).unwrap_or_default();
        let schema_example = target.and_then(|schema| schema.schema_data.example.clone());
        let example = data.example.clone().or(schema_example);
        let (wire, required) = (data.name.clone(), data.required);
        let docs = self.document_on_type(&ty, &schema_at, docs, &wire, &location);
        Some(Param {
            name,
            wire,
            location,
            ty,
            required,
            docs,
            limits,
            example,
            // Decided by `decide_copies` once usage is known.
            copy: false,
        })
    }

    /// A parameter whose own schema defines a named type (an enum) is documented once, on
    /// the type, which every operation's setter then links to.
    fn document_on_type(
        &mut self,
        ty: &Ty,
        schema_at: &Pointer,
        docs: Docs,
        wire: &str,
        location: &Location,
    ) -> Docs {
        let Ty::Named(name) = ty else { return docs };
        let Some((defined_at, def)) = self.types.get_mut(name) else {
            return docs;
        };
        if defined_at != schema_at {
            return docs;
        }
        def.docs = docs;
        let kind = match location {
            Location::Path => "path parameter",
            Location::Query => "query parameter",
            Location::Header => "header",
        };
        Docs {
            summary: Some(format!(
                "Sets the `{wire}` {kind}; see [`{name}`](models::{name})."
            )),
            ..Docs::default()
        }
    }

    /// Parameters are sent as text: strings, numbers, booleans, enums, ids, or lists of them.
    fn check_scalar(&mut self, ty: &Ty, at: &Pointer) -> Option<()> {
        if self.is_scalar_or_list(ty) {
            Some(())
        } else {
            self.error(at, "parameters must be scalars or lists of scalars")
        }
    }

    /// Whether `ty` is sent as one text, or as a list of them.
    fn is_scalar_or_list(&self, ty: &Ty) -> bool {
        let scalar = |ty: &Ty| match ty {
            Ty::String | Ty::Timestamp | Ty::Integer | Ty::Number | Ty::Boolean | Ty::Id(_) => true,
            Ty::Named(name) => self
                .types
                .get(name)
                .is_some_and(|(_, def)| !matches!(def.kind, TypeKind::Struct(_))),
            Ty::Json | Ty::True | Ty::Array(_) | Ty::Map(_) => false,
        };
        match ty {
            Ty::Array(item) => scalar(item),
            other => scalar(other),
        }
    }

    fn body(
        &mut self,
        body: &ReferenceOr<RequestBody>,
        at: &Pointer,
        op_name: &str,
    ) -> Option<Body> {
        let bodies = &self.components.request_bodies;
        let (body, home) = self.resolve(body, at, REQUEST_BODIES, bodies)?;
        let hint = match component_of(&home).map(|(_, name)| name) {
            Some(component) => camel(&component),
            None => format!("{op_name}Request"),
        };
        let offers_json = body.content.keys().any(|media_type| is_json(media_type));
        if !offers_json && let Some(form) = body.content.get(FORM) {
            let at = home.join("content").join(FORM);
            return self.form_body(form, &at, &hint, body.required);
        }
        let ty = self.json_content(&body.content, &home.join("content"), &hint)?;
        match ty {
            Some(ty) => Some(Body {
                ty,
                required: body.required,
                example: json_example(&body.content),
                form: false,
            }),
            None => self.error(&home.join("content"), "a request body needs a schema"),
        }
    }

    /// An `application/x-www-form-urlencoded` body: an object of scalars or lists of them.
    fn form_body(
        &mut self,
        media: &MediaType,
        at: &Pointer,
        hint: &str,
        required: bool,
    ) -> Option<Body> {
        let Some(schema) = &media.schema else {
            return self.error(at, "a request body needs a schema");
        };
        let at = at.join("schema");
        let ty = self.ty(schema.into(), &at, hint)?;
        let fields = match &ty {
            Ty::Named(name) => match self.types.get(name).map(|(_, def)| &def.kind) {
                Some(TypeKind::Struct(body)) => Some(body.fields.clone()),
                _ => None,
            },
            _ => None,
        };
        let Some(fields) = fields else {
            return self.error(&at, "a form body must be an object");
        };
        for field in &fields {
            let field_at = at.join("properties").join(&field.wire);
            if !self.is_scalar_or_list(&field.ty) {
                return self.error(&field_at, "form fields must be scalars or lists of scalars");
            }
        }
        Some(Body {
            ty,
            required,
            example: media.example.clone(),
            form: true,
        })
    }

    /// The type of the 2xx responses (all alike), the JSON bodies of the other ones, and
    /// every documented status. Each response is resolved once.
    fn responses(
        &mut self,
        responses: &Responses,
        at: &Pointer,
        op_name: &str,
    ) -> Option<Outcomes> {
        if responses.responses.is_empty() && responses.default.is_none() {
            return self.error(at, "an operation needs at least one response");
        }
        let listed = responses.responses.iter().map(|(status, response)| {
            let code = match *status {
                openapiv3::StatusCode::Code(code) => StatusCode::Exact(code),
                openapiv3::StatusCode::Range(class) => StatusCode::Range(class as u8),
            };
            (code, response)
        });
        let default = responses
            .default
            .iter()
            .map(|response| (StatusCode::Default, response));
        let mut outcomes = Outcomes::default();
        let mut first_success: Option<StatusCode> = None;
        let mut failed = false;
        for (status, response) in listed.chain(default).collect::<Vec<_>>() {
            let at = at.join(status.to_string());
            let all = &self.components.responses;
            let Some((response, home)) = self.resolve(response, &at, RESPONSES, all) else {
                failed = true;
                continue;
            };
            outcomes.statuses.push(Status {
                code: status,
                description: response.description.clone(),
                example: json_example(&response.content),
            });
            if !response.links.is_empty() {
                self.warn(&home.join("links"), "response `links` are ignored");
            }
            let component = component_of(&home).map(|(_, name)| name);
            if !status.is_success() {
                let hint = component.map_or_else(|| format!("{op_name}Error"), |c| camel(&c));
                let error = self.error_body(&response.content, &home.join("content"), &hint);
                if let Some(ty) = error.filter(|ty| !outcomes.errors.contains(ty)) {
                    outcomes.errors.push(ty);
                }
                continue;
            }
            let hint = component.map_or_else(|| format!("{op_name}Response"), |c| camel(&c));
            let Some(ty) = self.json_content(&response.content, &home.join("content"), &hint)
            else {
                failed = true;
                continue;
            };
            match &first_success {
                Some(first) if outcomes.success != ty => {
                    let message =
                        format!("status {status} returns another type than status {first}");
                    self.report(&at, message);
                    failed = true;
                }
                Some(_) => {}
                None => (outcomes.success, first_success) = (ty, Some(status)),
            }
        }
        outcomes.statuses.sort_by_key(|status| status.code);
        (!failed).then_some(outcomes)
    }

    /// The JSON schema of an error response (other media types are left to the runtime,
    /// which keeps any error body as text).
    fn error_body(
        &mut self,
        content: &indexmap::IndexMap<String, MediaType>,
        at: &Pointer,
        hint: &str,
    ) -> Option<Ty> {
        let (media_type, media) = content.iter().find(|(media_type, _)| is_json(media_type))?;
        let schema = media.schema.as_ref()?;
        self.ty(schema.into(), &at.join(media_type).join("schema"), hint)
    }

    /// The schema of the `application/json` content; `Some(None)` when there is no content.
    fn json_content(
        &mut self,
        content: &indexmap::IndexMap<String, MediaType>,
        at: &Pointer,
        hint: &str,
    ) -> Option<Option<Ty>> {
        if content.is_empty() {
            return Some(None);
        }
        // Other media types beside JSON are alternatives the client does not use.
        let Some((media_type, media)) = content.iter().find(|(media_type, _)| is_json(media_type))
        else {
            let offered: Vec<&str> = content.keys().map(String::as_str).collect();
            let message = format!(
                "media type `{}` is not supported; use `application/json`",
                offered.join("`, `")
            );
            return self.error(&at.join(offered[0]), message);
        };
        let at = at.join(media_type);
        let Some(schema) = &media.schema else {
            if media.example.is_none() && media.examples.is_empty() {
                return self.error(&at, "JSON content needs a `schema`");
            }
            let message = "JSON content with examples but no `schema` is ignored: \
                           there is no type to decode it into";
            self.warn(&at, message);
            return Some(None);
        };
        Some(Some(self.ty(schema.into(), &at.join("schema"), hint)?))
    }
}

/// `GET /products/{id}` -> `get_products_by_id`: the method, then each path segment,
/// a parameter as `by_<name>`.
fn derived_operation_id(method: &str, path: &str) -> String {
    let segments = path.split('/').filter(|segment| !segment.is_empty());
    let words = segments.map(|segment| match segment.strip_prefix('{') {
        Some(param) => format!("by_{}", snake(param.trim_end_matches('}'))),
        None => snake(segment),
    });
    let words = words.filter(|word| !word.is_empty());
    std::iter::once(method.to_owned())
        .chain(words)
        .collect::<Vec<_>>()
        .join("_")
}

/// The JSON content's `example`, or the value of its `examples` entry whose name sorts
/// first (by name, so that the choice does not depend on the order of the map).
fn json_example(content: &indexmap::IndexMap<String, MediaType>) -> Option<serde_json::Value> {
    let (_, media) = content.iter().find(|(media_type, _)| is_json(media_type))?;
    let first = || {
        let mut named: Vec<_> = media.examples.iter().collect();
        named.sort_by_key(|(name, _)| *name);
        named.into_iter().find_map(|(_, example)| match example {
            ReferenceOr::Item(example) => example.value.clone(),
            ReferenceOr::Reference { .. } => None,
        })
    };
    media.example.clone().or_else(first)
}

/// What an operation's responses say.
#[derive(Default)]
struct Outcomes {
    success: Option<Ty>,
    errors: Vec<Ty>,
    statuses: Vec<Status>,
}

const FORM: &str = "application/x-www-form-urlencoded";

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence == "application/json"
}

/// The `{name}`s in a path template, in order.
pub(super) fn placeholders(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}'))
        .map(|(name, _)| name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::derived_operation_id;

    #[test]
    fn operation_ids_are_derived_from_the_method_and_path() {
        let cases = [
            ("get", "/products/{id}", "get_products_by_id"),
            ("post", "/products", "post_products"),
            ("get", "/2.0/users/{userName}", "get_2_0_users_by_user_name"),
            ("delete", "/a/{x}/b/{y}", "delete_a_by_x_b_by_y"),
            ("get", "/", "get"),
            ("put", "/v1/-/items", "put_v1_items"),
        ];
        for (method, path, id) in cases {
            assert_eq!(derived_operation_id(method, path), id, "{method} {path}");
        }
    }
}
