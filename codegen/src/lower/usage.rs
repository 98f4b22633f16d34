//! Which types travel in requests and which in responses.

use super::Lowerer;
use std::collections::BTreeSet;

use crate::ir::{Extra, Operation, Param, Resource, Slot, Ty, TypeKind};

impl Lowerer<'_> {
    pub(super) fn mark_usage(&mut self, operations: &[Operation]) {
        for operation in operations {
            for param in &operation.params {
                self.mark(&param.ty, Side::Request);
            }
            if let Some(body) = &operation.body {
                self.mark(&body.ty, Side::Request);
            }
            for response in operation.response.iter().chain(&operation.errors) {
                self.mark(response, Side::Response);
            }
        }
    }

    /// Marks `ty` and every type it holds, without recursing (a chain of thousands of
    /// structs must not exhaust the stack).
    fn mark(&mut self, ty: &Ty, side: Side) {
        let mut pending = vec![ty.clone()];
        while let Some(ty) = pending.pop() {
            match ty {
                Ty::Array(item) | Ty::Map(item) => pending.push(*item),
                Ty::Named(name) => {
                    let Some((_, def)) = self.types.get_mut(&name) else {
                        continue;
                    };
                    let flag = match side {
                        Side::Request => &mut def.usage.request,
                        Side::Response => &mut def.usage.response,
                    };
                    if !*flag {
                        *flag = true;
                        pending.extend(contained(&def.kind));
                    }
                }
                Ty::String
                | Ty::Timestamp
                | Ty::Integer
                | Ty::Number
                | Ty::Boolean
                | Ty::Json
                | Ty::True
                | Ty::Id(_) => {}
            }
        }
    }
}

impl Lowerer<'_> {
    /// Decides how each struct holds each field, now that where it travels is known.
    pub(super) fn decide_slots(&mut self) {
        let literals: BTreeSet<String> = (self.types.iter())
            .filter(|(_, (_, def))| matches!(def.kind, TypeKind::Literal(_)))
            .map(|(name, _)| name.clone())
            .collect();
        let fixed = |ty: &Ty| match ty {
            Ty::True => true,
            Ty::Named(name) => literals.contains(name),
            _ => false,
        };
        for (_, def) in self.types.values_mut() {
            let usage = def.usage;
            let TypeKind::Struct(body) = &mut def.kind else {
                continue;
            };
            let identity = body.identity.iter_mut().flat_map(|i| &mut i.variants);
            let fields = body
                .fields
                .iter_mut()
                .chain(identity.flat_map(|v| &mut v.fields));
            for field in fields {
                field.slot = Slot::of(field, usage, fixed(&field.ty));
            }
        }
    }

    /// Decides which parameters are `Copy`, now that which enums are open is known:
    /// those of the operations and those the resources bind.
    pub(super) fn decide_copies(&self, operations: &mut [Operation], root: &mut Resource) {
        let mut params: Vec<&mut Param> = (operations.iter_mut())
            .flat_map(|operation| &mut operation.params)
            .collect();
        let mut resources = vec![root];
        while let Some(resource) = resources.pop() {
            params.extend(&mut resource.params);
            resources.extend(&mut resource.children);
        }
        for param in params {
            param.copy = self.is_copy(&param.ty);
        }
    }

    fn is_copy(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Timestamp | Ty::Integer | Ty::Boolean | Ty::True => true,
            Ty::Named(name) => self.types.get(name).is_some_and(|(_, def)| def.is_copy()),
            Ty::String | Ty::Number | Ty::Json | Ty::Array(_) | Ty::Map(_) | Ty::Id(_) => false,
        }
    }
}

/// The types a type holds directly.
fn contained(kind: &TypeKind) -> Vec<Ty> {
    match kind {
        TypeKind::Struct(body) => {
            let identity = body
                .identity
                .iter()
                .flat_map(|i| &i.variants)
                .flat_map(|v| &v.fields);
            let fields = body
                .fields
                .iter()
                .chain(identity)
                .map(|field| field.ty.clone());
            let extra = match &body.extra {
                Extra::Keep(extra) => Some(extra.clone()),
                Extra::Deny | Extra::Ignore => None,
            };
            fields.chain(extra).collect()
        }
        TypeKind::Union(union) => union.variants.iter().map(|v| v.ty.clone()).collect(),
        TypeKind::Enum(_) | TypeKind::IntEnum(_) | TypeKind::Literal(_) => Vec::new(),
    }
}

#[derive(Clone, Copy)]
enum Side {
    Request,
    Response,
}
