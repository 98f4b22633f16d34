//! The example on each request builder: the operation reached through the resource tree
//! and sent with the spec's documented parameter and body examples, the body built through
//! its public constructors and setters. It is a doctest that runs against the mock
//! answering every operation with its documented reply (`featurebase-mock`).

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::{Map, Value};

use super::constructors::is_argument;
use super::operations::required_params;
use crate::ir::{
    Api, Field, Location, Operation, Param, Resource, Slot, Struct, Ty, TypeDef, TypeKind,
};
use crate::naming::{ident, snake};
use crate::output_names::{NEW, clear, with};

/// Doc lines of the example of `api.operations[index]`, or `None` when the spec documents
/// no value for something the call needs.
pub(super) fn doc(api: &Api, index: usize, route: Option<&Route<'_>>) -> Option<Vec<String>> {
    let code = format_code(call(api, index, route?)?)?;
    let lines: Vec<&str> = code.lines().collect();
    // The `main` around the call, the mock it runs against and the `Ok(())` are hidden:
    // the reader sees the call.
    let body_start = lines.iter().position(|line| line.ends_with('{'))? + 1;
    let body_end = lines.len().checked_sub(2)?;
    let shown = |line: &&str| line.strip_prefix("    ").unwrap_or(line).to_owned();
    let hidden = |line: &&str| format!("# {}", shown(line));
    let body = lines[body_start..body_end].iter().map(|line| {
        let setup = MOCK_SETUP.iter().any(|setup| line.trim() == *setup);
        if setup { hidden(line) } else { shown(line) }
    });
    let mut doc = vec!["# Example".to_owned(), String::new(), "```".to_owned()];
    doc.extend(lines[..body_start].iter().map(hidden));
    doc.extend(body);
    doc.extend(lines[body_end..].iter().map(hidden));
    doc.push("```".to_owned());
    Some(doc)
}

/// The hidden lines that start a mock answering every operation with its documented reply,
/// and the client for it, as formatted.
const MOCK_SETUP: [&str; 2] = [
    "let mock_server = featurebase_mock::MockServer::documented().await;",
    "let client = mock_server.client();",
];

/// The statement inside the `main` a doctest needs for `.await` and `?`, formatted; with
/// `use featurebase_api::models;` when the statement names a model.
fn format_code(statement: TokenStream) -> Option<String> {
    let format = |uses: Option<TokenStream>| {
        let tokens = quote! {
            #[tokio::main(flavor = "current_thread")]
            async fn main() -> Result<(), featurebase_api::Error> {
                #uses
                let mock_server = featurebase_mock::MockServer::documented().await;
                let client = mock_server.client();
                #statement
                Ok(())
            }
        };
        let file = syn::parse2::<syn::File>(tokens).ok()?;
        Some(prettyplease::unparse(&file))
    };
    let code = format(None)?;
    if code.contains("models::") {
        format(Some(quote!(
            use featurebase_api::models;
        )))
    } else {
        Some(code)
    }
}

/// `let x = client.a().b(arg).method(args).setter(value).await?;`
fn call(api: &Api, index: usize, (resources, method): &Route<'_>) -> Option<TokenStream> {
    let operation = &api.operations[index];
    let mut bound: Vec<&Param> = Vec::new();
    let mut chain = quote!(client);
    for resource in resources {
        let name = ident(&resource.name);
        let args = args(api, operation, &resource.params)?;
        chain = quote!(#chain.#name(#(#args),*));
        bound.extend(&resource.params);
    }
    let is_bound = |param: &Param| {
        param.location == Location::Path && bound.iter().any(|b| b.wire == param.wire)
    };
    let mut args = args(
        api,
        operation,
        required_params(operation).filter(|p| !is_bound(p)),
    )?;
    let body = operation.body.as_ref();
    if let Some(body) = body.filter(|body| body.required) {
        args.push(value(api, &body.ty, body.example.as_ref()?, false)?);
    }
    let name = ident(method);
    chain = quote!(#chain.#name(#(#args),*));
    for param in operation.params.iter().filter(|p| !p.required) {
        let example = param
            .example
            .as_ref()
            .filter(|_| param.location == Location::Query);
        if let Some(value) = example.and_then(|example| value(api, &param.ty, example, true)) {
            let name = ident(&param.name);
            chain = quote!(#chain.#name(#value));
        }
    }
    let result = format_ident!("{}", result_name(operation));
    Some(quote!(let #result = #chain.await?;))
}

/// Where an operation is in the resource tree: the resources from the root's child down to
/// the one holding it, and the method's name.
pub(super) type Route<'a> = (Vec<&'a Resource>, String);

/// The route of every operation, by index, found in one walk of the tree.
pub(super) fn routes(api: &Api) -> Vec<Option<Route<'_>>> {
    let mut routes = vec![None; api.operations.len()];
    let mut pending = vec![(&api.root, Vec::new())];
    while let Some((resource, path)) = pending.pop() {
        for method in &resource.methods {
            if let Some(route) = routes.get_mut(method.operation) {
                *route = Some((path.clone(), method.name.clone()));
            }
        }
        for child in &resource.children {
            let mut below = path.clone();
            below.push(child);
            pending.push((child, below));
        }
    }
    routes
}

/// The values of `params`, from the operation's own parameters' examples.
fn args<'a>(
    api: &Api,
    operation: &Operation,
    params: impl IntoIterator<Item = &'a Param>,
) -> Option<Vec<TokenStream>> {
    params
        .into_iter()
        .map(|param| {
            let own = operation.params.iter().find(|p| p.wire == param.wire)?;
            value(api, &own.ty, own.example.as_ref()?, true)
        })
        .collect()
}

fn result_name(operation: &Operation) -> String {
    match (&operation.pagination, &operation.response) {
        (Some(_), _) => "page".to_owned(),
        (None, Some(Ty::Named(name))) => snake(name),
        (None, _) => "response".to_owned(),
    }
}

/// The expression of type `ty` (of `impl Into<ty>` where `into` and the argument takes
/// one) for the JSON `example`.
fn value(api: &Api, ty: &Ty, example: &Value, into: bool) -> Option<TokenStream> {
    Some(match (ty, example) {
        (Ty::String, Value::String(text)) if into => quote!(#text),
        (Ty::String, Value::String(text)) => quote!(#text.to_owned()),
        (Ty::Id(_), Value::String(text)) if into => quote!(#text),
        (Ty::Id(name), Value::String(text)) => {
            let name = ident(name);
            quote!(models::#name::from(#text))
        }
        (Ty::Integer, Value::Number(number)) => {
            let literal = Literal::i64_unsuffixed(number.as_i64()?);
            quote!(#literal)
        }
        // A whole number as written (`5000`, not `5000.0`): setters take integers.
        (Ty::Number, Value::Number(number)) if number.is_i64() => {
            let literal = Literal::i64_unsuffixed(number.as_i64()?);
            match into {
                true => quote!(#literal),
                false => quote!(featurebase_api::runtime::Number::from(#literal)),
            }
        }
        (Ty::Number, Value::Number(number)) => {
            let float = number.as_f64().filter(|float| float.is_finite())?;
            let literal = Literal::f64_unsuffixed(float);
            quote!(featurebase_api::runtime::Number::try_from(#literal).expect("a finite number"))
        }
        (Ty::Boolean, Value::Bool(flag)) => quote!(#flag),
        (Ty::Json, example) => json(example)?,
        (Ty::Array(item), Value::Array(items)) => {
            let items: Vec<TokenStream> = items
                .iter()
                .map(|item_example| value(api, item, item_example, false))
                .collect::<Option<_>>()?;
            quote!(vec![#(#items),*])
        }
        (Ty::Map(item), Value::Object(entries)) => {
            let mut entries: Vec<_> = entries.iter().collect();
            entries.sort_by_key(|(key, _)| *key);
            let entries: Vec<TokenStream> = entries
                .into_iter()
                .map(|(key, entry)| {
                    let entry = value(api, item, entry, false)?;
                    Some(quote!((#key.to_owned(), #entry)))
                })
                .collect::<Option<_>>()?;
            quote!(std::collections::BTreeMap::from([#(#entries),*]))
        }
        (Ty::Named(name), example) => {
            let def = api.type_def(name)?;
            named(api, def, example)?
        }
        _ => return None,
    })
}

/// `serde_json::json!(..)` of the example, with object keys in sorted order, whatever
/// order the spec used.
fn json(example: &Value) -> Option<TokenStream> {
    let tokens = json_tokens(example)?;
    Some(quote!(serde_json::json!(#tokens)))
}

fn json_tokens(value: &Value) -> Option<TokenStream> {
    Some(match value {
        Value::Null => quote!(null),
        Value::Bool(flag) => quote!(#flag),
        Value::Number(number) => number_literal(number)?,
        Value::String(text) => quote!(#text),
        Value::Array(items) => {
            let items: Vec<TokenStream> = items.iter().map(json_tokens).collect::<Option<_>>()?;
            quote!([#(#items),*])
        }
        Value::Object(entries) => {
            let mut entries: Vec<_> = entries.iter().collect();
            entries.sort_by_key(|(key, _)| *key);
            let entries: Vec<TokenStream> = entries
                .into_iter()
                .map(|(key, entry)| {
                    let entry = json_tokens(entry)?;
                    Some(quote!(#key: #entry))
                })
                .collect::<Option<_>>()?;
            quote!({ #(#entries),* })
        }
    })
}

fn number_literal(number: &serde_json::Number) -> Option<TokenStream> {
    let literal = match (number.as_i64(), number.as_f64()) {
        (Some(integer), _) => Literal::i64_unsuffixed(integer),
        (None, Some(float)) if float.is_finite() => Literal::f64_unsuffixed(float),
        _ => return None,
    };
    Some(quote!(#literal))
}

fn named(api: &Api, def: &TypeDef, example: &Value) -> Option<TokenStream> {
    let name = ident(&def.name);
    let variant = match (&def.kind, example) {
        (TypeKind::Struct(body), Value::Object(fields)) => {
            return built(api, def, body, fields);
        }
        (TypeKind::Enum(variants), Value::String(wire)) => {
            &variants.iter().find(|v| v.wire == *wire)?.name
        }
        (TypeKind::IntEnum(variants), Value::Number(number)) => {
            let number = number.as_i64()?;
            &variants.iter().find(|v| v.value == number)?.name
        }
        _ => return None,
    };
    let variant = ident(variant);
    Some(quote!(models::#name::#variant))
}

/// `models::T::constructor(args).setter(value)...` for the struct's example.
fn built(
    api: &Api,
    def: &TypeDef,
    body: &Struct,
    example: &Map<String, Value>,
) -> Option<TokenStream> {
    let given = |field: &Field| example.get(&field.wire).filter(|v| !v.is_null());
    let mut used: Vec<&str> = Vec::new();
    let mut args = Vec::new();
    let constructor = if let Some(identity) = &body.identity {
        // Most fields first: the variant that carries the most of the example.
        let variant = identity
            .variants
            .iter()
            .find(|variant| variant.fields.iter().all(|f| given(f).is_some()))?;
        for field in &variant.fields {
            args.push(value(api, &field.ty, given(field)?, true)?);
            used.push(&field.wire);
        }
        ident(&with(&snake(&variant.name)))
    } else if body.non_empty {
        let field = body.fields.iter().find(|f| given(f).is_some())?;
        args.push(value(api, &field.ty, given(field)?, true)?);
        used.push(&field.wire);
        ident(&with(&field.name))
    } else {
        ident(NEW)
    };
    for field in body.fields.iter().filter(|f| is_argument(f)) {
        args.push(match (field.slot, given(field)) {
            (Slot::Nullable, None) => quote!(None),
            (Slot::Nullable, Some(given)) => {
                let given = value(api, &field.ty, given, false)?;
                quote!(Some(#given))
            }
            (_, given) => value(api, &field.ty, given?, true)?,
        });
        used.push(&field.wire);
    }
    let name = ident(&def.name);
    let mut built = quote!(models::#name::#constructor(#(#args),*));
    let settable = body.fields.iter().filter(|field| {
        matches!(field.slot, Slot::Optional | Slot::Clearable)
            && !used.contains(&field.wire.as_str())
    });
    for field in settable {
        let setter = ident(&field.name);
        match example.get(&field.wire) {
            Some(Value::Null) if field.slot == Slot::Clearable => {
                let clear = ident(&clear(&field.name));
                built = quote!(#built.#clear());
            }
            Some(Value::Null) => {}
            // A value the example gives that cannot be written is left out of it.
            Some(given) => {
                if let Some(given) = value(api, &field.ty, given, true) {
                    built = quote!(#built.#setter(#given));
                }
            }
            None => {}
        }
    }
    Some(built)
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::{doc, routes};

    const SPEC: &str = "\
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /boards/{boardId}/posts:
    post:
      operationId: createPost
      x-sdk-path: boards.posts.create
      parameters:
        - {name: boardId, in: path, required: true, schema: {type: string, example: b_1}}
        - {name: notify, in: query, schema: {type: boolean}, example: true}
        - {name: X-Trace, in: header, schema: {type: string}, example: t}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NewPost'}
            examples:
              first:
                value:
                  {title: Hello, status: draft, tags: [a, b], votes: 2.5, note: null,
                   meta: {z: \"\\x01\", a: [1, -2.5, null]}}
              second: {value: {title: Unused}}
      responses:
        '201': {description: Created.}
components:
  schemas:
    NewPost:
      type: object
      required: [title]
      properties:
        title: {type: string}
        status: {type: string, enum: [draft, live]}
        tags: {type: array, items: {type: string}}
        votes: {type: number}
        note: {type: string, nullable: true}
        meta: {description: Anything.}
";

    #[test]
    fn the_example_sends_the_documented_values_through_constructors_and_setters() {
        let api = crate::lower(SPEC).expect("a valid spec").output;
        expect![[r##"
            # Example

            ```
            # #[tokio::main(flavor = "current_thread")]
            # async fn main() -> Result<(), featurebase_api::Error> {
            use featurebase_api::models;
            # let mock_server = featurebase_mock::MockServer::documented().await;
            # let client = mock_server.client();
            let response = client
                .boards()
                .posts()
                .create(
                    "b_1",
                    models::NewPost::new("Hello")
                        .meta(serde_json::json!({ "a" : [1, - 2.5, null], "z" : "\u{1}" }))
                        .clear_note()
                        .status(models::NewPostStatus::Draft)
                        .tags(vec!["a".to_owned(), "b".to_owned()])
                        .votes(
                            featurebase_api::runtime::Number::try_from(2.5)
                                .expect("a finite number"),
                        ),
                )
                .notify(true)
                .await?;
            # Ok(())
            # }
            ```"##]]
        .assert_eq(
            &doc(&api, 0, routes(&api)[0].as_ref())
                .expect("an example")
                .join("\n"),
        );
    }

    #[test]
    fn every_operation_of_the_featurebase_spec_has_an_example() {
        let spec = include_str!("../../../spec/featurebase.yaml");
        let api = crate::lower(spec).expect("the spec is valid").output;
        let routes = routes(&api);
        for (index, operation) in api.operations.iter().enumerate() {
            assert!(
                doc(&api, index, routes[index].as_ref()).is_some(),
                "no example for {}",
                operation.id
            );
        }
    }
}
