//! The server's `shapes` and `operations` modules: what the spec allows in a request, as
//! data the server's validator walks.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{
    Api, Extra, Field, Format, Limits, Location, Method, Operation, Param, Struct, Ty, TypeDef,
    TypeKind,
};
use crate::naming::{ident, shouty};

/// One static shape per model type that requests carry.
pub(super) fn shapes_module(api: &Api) -> TokenStream {
    let shapes: Vec<TokenStream> = api
        .types
        .iter()
        .filter(|def| def.usage.request)
        .map(type_shape)
        .collect();
    let support = (!shapes.is_empty()).then(|| {
        quote!(
            use featurebase_mock::support as sv;
        )
    });
    quote! {
        //! What requests may hold: one shape per model type that requests carry, checked
        //! before a request reaches the [`Api`](super::Api).
        #support
        #(#shapes)*
    }
}

/// One static description per operation: route, parameters, body and documented reply.
pub(super) fn operations_module(api: &Api) -> TokenStream {
    let operations = api.operations.iter().map(operation);
    let uses_shapes = api
        .operations
        .iter()
        .any(|operation| operation_tys(operation).any(names_model));
    let shapes = uses_shapes.then(|| {
        quote!(
            use super::shapes;
        )
    });
    quote! {
        //! What the spec says of each operation: its route, parameters, body and the reply
        //! it documents.
        use featurebase_mock::support as sv;
        #shapes
        #(#operations)*
    }
}

pub(super) fn static_name(name: &str) -> proc_macro2::Ident {
    ident(&shouty(name))
}

fn type_shape(def: &TypeDef) -> TokenStream {
    let name = static_name(&def.name);
    let model = &def.name;
    let doc = format!(" [`{model}`](super::models::{model}).");
    let shape = match &def.kind {
        TypeKind::Struct(body) => object(body),
        TypeKind::Enum(variants) => {
            let wires = variants.iter().map(|variant| &variant.wire);
            quote!(sv::Shape::Enum(&[#(#wires),*]))
        }
        TypeKind::IntEnum(variants) => {
            let values = variants.iter().map(|variant| variant.value);
            quote!(sv::Shape::IntEnum(&[#(#values),*]))
        }
        TypeKind::Literal(value) => quote!(sv::Shape::Enum(&[#value])),
        TypeKind::Union(union) => {
            let variants = union
                .variants
                .iter()
                .map(|variant| reference(&variant.ty, Limits::default(), Place::Shapes));
            quote!(sv::Shape::OneOf(&[#(#variants),*]))
        }
    };
    quote! {
        #[doc = #doc]
        pub static #name: sv::Shape = #shape;
    }
}

fn object(body: &Struct) -> TokenStream {
    let identity_fields = body
        .identity
        .iter()
        .flat_map(|identity| &identity.variants)
        .flat_map(|variant| &variant.fields)
        .map(|field| (field, false));
    let fields = body.fields.iter().map(|field| (field, field.required));
    let mut fields: Vec<(&Field, bool)> = fields.chain(identity_fields).collect();
    fields.sort_by(|(a, _), (b, _)| a.wire.cmp(&b.wire));
    fields.dedup_by(|(a, _), (b, _)| a.wire == b.wire);
    let properties = fields
        .into_iter()
        .map(|(field, required)| property(field, required));
    let extra = match &body.extra {
        Extra::Deny => quote!(.deny_extra()),
        Extra::Ignore => quote!(),
        Extra::Keep(ty) => {
            let shape = reference(ty, Limits::default(), Place::Shapes);
            quote!(.keep_extra(#shape))
        }
    };
    let identity = body.identity.as_ref().map(|identity| {
        let sets = identity.variants.iter().map(|variant| {
            let wires = variant.fields.iter().map(|field| &field.wire);
            quote!(&[#(#wires),*])
        });
        quote!(.identity(&[#(#sets),*]))
    });
    let non_empty = body.non_empty.then(|| quote!(.non_empty()));
    quote!(sv::Shape::Object(&sv::Object::new(&[#(#properties),*]) #extra #identity #non_empty))
}

/// A property; identity fields are not `required` on their own, only as one of the sets.
fn property(field: &Field, required: bool) -> TokenStream {
    let wire = &field.wire;
    let shape = reference(&field.ty, field.limits, Place::Shapes);
    let required = required.then(|| quote!(.required()));
    let nullable = field.nullable.then(|| quote!(.nullable()));
    let read_only = field.read_only.then(|| quote!(.read_only()));
    quote!(sv::Property::new(#wire, #shape) #required #nullable #read_only)
}

/// Which module a shape is written in: the named shapes are its own, or `shapes::`.
#[derive(Clone, Copy)]
enum Place {
    Shapes,
    Operations,
}

/// A `&'static sv::Shape` for a value of type `ty` with the bounds its field states.
fn reference(ty: &Ty, limits: Limits, place: Place) -> TokenStream {
    match ty {
        Ty::Named(name) => {
            let name = static_name(name);
            match place {
                Place::Shapes => quote!(&#name),
                Place::Operations => quote!(&shapes::#name),
            }
        }
        Ty::String | Ty::Id(_) => {
            let text = text(limits);
            quote!(&sv::Shape::String(#text))
        }
        Ty::Timestamp => quote!(&sv::Shape::DateTime),
        Ty::Integer => {
            let range = range(limits);
            quote!(&sv::Shape::Integer(#range))
        }
        Ty::Number => {
            let range = range(limits);
            quote!(&sv::Shape::Number(#range))
        }
        Ty::Boolean => quote!(&sv::Shape::Boolean),
        Ty::Json => quote!(&sv::Shape::Any),
        Ty::True => quote!(&sv::Shape::True),
        Ty::Array(item) => {
            let item = reference(item, Limits::default(), place);
            quote!(&sv::Shape::Array(#item))
        }
        Ty::Map(value) => {
            let value = reference(value, Limits::default(), place);
            quote!(&sv::Shape::Map(#value))
        }
    }
}

fn text(limits: Limits) -> TokenStream {
    let length = proc_macro2::Literal::usize_unsuffixed;
    let min = limits
        .min_length
        .map(length)
        .map(|n| quote!(.min_length(#n)));
    let max = limits
        .max_length
        .map(length)
        .map(|n| quote!(.max_length(#n)));
    let format = limits.format.map(|format| match format {
        Format::Email => quote!(.format(sv::Format::Email)),
        Format::Uri => quote!(.format(sv::Format::Uri)),
    });
    quote!(sv::Text::ANY #min #max #format)
}

fn range(limits: Limits) -> TokenStream {
    let bound = proc_macro2::Literal::f64_unsuffixed;
    let min = limits.minimum.map(bound).map(|n| quote!(.minimum(#n)));
    let max = limits.maximum.map(bound).map(|n| quote!(.maximum(#n)));
    quote!(sv::Range::ANY #min #max)
}

fn operation(operation: &Operation) -> TokenStream {
    let name = static_name(&operation.name);
    let doc = format!(" `{} {}`.", operation.method.as_str(), operation.path);
    let id = &operation.id;
    let path = &operation.path;
    let method = method(operation.method);
    let authenticated = operation.authenticated;
    let params = operation.params.iter().map(param);
    let body = match &operation.body {
        Some(body) => {
            let shape = reference(&body.ty, Limits::default(), Place::Operations);
            let kind = if body.form {
                quote!(form)
            } else {
                quote!(json)
            };
            let required = body.required.then(|| quote!(.required()));
            quote!(Some(sv::Body::#kind(#shape) #required))
        }
        None => quote!(None),
    };
    let reply = match operation.documented_reply() {
        Some((status, example)) => {
            let body = match example {
                Some(example) => {
                    let text = example.to_string();
                    quote!(Some(#text))
                }
                None => quote!(None),
            };
            let status = proc_macro2::Literal::u16_unsuffixed(status);
            quote!(Some(sv::Example { status: #status, body: #body }))
        }
        None => quote!(None),
    };
    quote! {
        #[doc = #doc]
        pub static #name: sv::Operation = sv::Operation {
            id: #id,
            method: #method,
            path: #path,
            authenticated: #authenticated,
            params: &[#(#params),*],
            body: #body,
            example: #reply,
        };
    }
}

fn param(param: &Param) -> TokenStream {
    let wire = &param.wire;
    let shape = reference(&param.ty, param.limits, Place::Operations);
    let constructor = match param.location {
        Location::Path => quote!(path),
        Location::Query => quote!(query),
        Location::Header => quote!(header),
    };
    let required =
        (param.required && param.location != Location::Path).then(|| quote!(.required()));
    quote!(sv::Param::#constructor(#wire, #shape) #required)
}

fn method(method: Method) -> TokenStream {
    let method = ident(method.as_str());
    quote!(sv::Method::#method)
}

/// The types an operation's parameters and body carry.
pub(super) fn operation_tys(operation: &Operation) -> impl Iterator<Item = &Ty> {
    let params = operation.params.iter().map(|param| &param.ty);
    params.chain(operation.body.iter().map(|body| &body.ty))
}

/// Whether `ty` names a model type (which has a shape).
fn names_model(ty: &Ty) -> bool {
    match ty {
        Ty::Named(_) => true,
        Ty::Array(item) | Ty::Map(item) => names_model(item),
        _ => false,
    }
}
