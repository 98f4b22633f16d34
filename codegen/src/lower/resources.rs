//! The resource tree: `x-sdk-path`s -> nested resources, each binding the path
//! parameters shared by every operation below it (when there are at least two).

use super::Lowerer;
use crate::diagnostics::Pointer;
use crate::ir::{Location, Method, Operation, Param, Resource, ResourceMethod};
use crate::naming::camel;

/// Methods of the generated `Client` that the resource tree cannot take.
const ROOT_METHODS: &[&str] = &["new", "builder", "rate_limit"];

impl Lowerer<'_> {
    pub(super) fn resources(&mut self, operations: &[Operation]) -> Resource {
        let mut root = Resource {
            type_name: "Client".to_owned(),
            ..Resource::default()
        };
        for index in 0..operations.len() {
            self.place(&mut root, operations, index);
        }
        bind(&mut root, operations, &[]);
        self.check_type_names(&root);
        root
    }

    fn place(&mut self, root: &mut Resource, operations: &[Operation], index: usize) {
        let operation = &operations[index];
        let Some((method, parents)) = operation.sdk_path.split_last() else {
            return;
        };
        if ROOT_METHODS.contains(&operation.sdk_path[0].as_str()) {
            let message = format!(
                "`{}` is a method the `Client` already has",
                operation.sdk_path[0]
            );
            self.report(&pointer(operation).join("x-sdk-path"), message);
            return;
        }
        let mut node = root;
        for (depth, segment) in parents.iter().enumerate() {
            let position = node
                .children
                .iter()
                .position(|child| child.name == *segment);
            let position = position.unwrap_or_else(|| {
                let path = &parents[..=depth];
                node.children.push(Resource {
                    name: segment.clone(),
                    type_name: path.iter().map(|s| camel(s)).collect(),
                    path: path.join("."),
                    ..Resource::default()
                });
                node.children.len() - 1
            });
            node = &mut node.children[position];
        }
        let clash = node
            .methods
            .iter()
            .find(|m| m.name == *method)
            .map(|m| m.operation);
        let clash = clash.or_else(|| {
            node.children
                .iter()
                .any(|c| c.name == *method)
                .then_some(index)
        });
        if let Some(other) = clash {
            let message = format!(
                "`{}` is already taken in the resource tree (by `{}`)",
                operation.sdk_path.join("."),
                operations[other].id
            );
            self.report(&pointer(operation).join("x-sdk-path"), message);
            return;
        }
        node.methods.push(ResourceMethod {
            name: method.clone(),
            operation: index,
            bound: Vec::new(),
        });
    }

    fn check_type_names(&mut self, root: &Resource) {
        let mut names = Vec::new();
        collect_type_names(root, &mut names);
        names.sort();
        for pair in names.windows(2) {
            if pair[0] == pair[1] {
                let message = format!("two resources would both be the Rust type `{}`", pair[0]);
                self.report(&Pointer::root().join("paths"), message);
            }
        }
    }
}

fn collect_type_names(resource: &Resource, names: &mut Vec<String>) {
    names.push(resource.type_name.clone());
    for child in &resource.children {
        collect_type_names(child, names);
    }
}

/// Binds, on each resource below `node`, the path parameters every operation under it shares.
fn bind(node: &mut Resource, operations: &[Operation], bound: &[String]) {
    for method in &mut node.methods {
        method.bound = bound.to_vec();
    }
    node.methods.sort_by(|a, b| a.name.cmp(&b.name));
    for child in &mut node.children {
        let mut below = Vec::new();
        operations_below(child, &mut below);
        child.params = shared_path_params(&below, operations, bound);
        let mut bound = bound.to_vec();
        bound.extend(child.params.iter().map(|p| p.wire.clone()));
        bind(child, operations, &bound);
    }
    node.children.sort_by(|a, b| a.name.cmp(&b.name));
}

fn operations_below(resource: &Resource, found: &mut Vec<usize>) {
    found.extend(resource.methods.iter().map(|m| m.operation));
    for child in &resource.children {
        operations_below(child, found);
    }
}

/// A resource with a single operation below it binds nothing: the method takes the ids.
fn shared_path_params(below: &[usize], operations: &[Operation], bound: &[String]) -> Vec<Param> {
    let Some((first, rest)) = below.split_first().filter(|(_, rest)| !rest.is_empty()) else {
        return Vec::new();
    };
    path_params(&operations[*first])
        .filter(|param| !bound.contains(&param.wire))
        .filter(|param| {
            rest.iter().all(|other| {
                path_params(&operations[*other]).any(|p| p.wire == param.wire && p.ty == param.ty)
            })
        })
        .cloned()
        .collect()
}

pub(super) fn path_params(operation: &Operation) -> impl Iterator<Item = &Param> {
    operation
        .params
        .iter()
        .filter(|p| p.location == Location::Path)
}

/// Where an operation lives in the spec.
pub(super) fn pointer(operation: &Operation) -> Pointer {
    let method = match operation.method {
        Method::Get => "get",
        Method::Post => "post",
        Method::Put => "put",
        Method::Patch => "patch",
        Method::Delete => "delete",
    };
    Pointer::root()
        .join("paths")
        .join(&operation.path)
        .join(method)
}
