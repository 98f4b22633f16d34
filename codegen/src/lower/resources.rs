//! The resource tree: `x-sdk-path`s -> nested resources, each binding the path
//! parameters shared by every operation below it (when there are at least two).

use super::Lowerer;
use super::extensions::X_SDK_PATH;
use crate::diagnostics::Pointer;
use crate::ir::{Location, Operation, Param, Resource, ResourceMethod};
use crate::naming::camel;
use crate::output_names::{CLIENT, CLIENT_METHODS, DERIVED_METHODS, shadowing, shadows_output};

impl Lowerer<'_> {
    pub(super) fn resources(&mut self, operations: &[Operation]) -> Resource {
        let mut root = Resource {
            type_name: CLIENT.to_owned(),
            ..Resource::default()
        };
        for index in 0..operations.len() {
            if let Err(message) = place(&mut root, operations, index) {
                self.report(&pointer(&operations[index]).join(X_SDK_PATH), message);
            }
        }
        bind(&mut root, operations, &[]);
        self.check_type_names(&root);
        root
    }

    fn check_type_names(&mut self, root: &Resource) {
        let mut names = Vec::new();
        collect_type_names(root, &mut names);
        names.sort();
        for name in names.iter().filter(|name| shadows_output(name)) {
            let message = format!("resource {}", shadowing(name));
            self.report(&Pointer::root().join("paths"), message);
        }
        for pair in names.windows(2) {
            if pair[0] == pair[1] {
                let message = format!("two resources would both be the Rust type `{}`", pair[0]);
                self.report(&Pointer::root().join("paths"), message);
            }
        }
    }
}

/// Puts operation `index` in the tree, or says why its place is taken.
fn place(root: &mut Resource, operations: &[Operation], index: usize) -> Result<(), String> {
    let operation = &operations[index];
    let Some((method, parents)) = operation.sdk_path.split_last() else {
        return Ok(());
    };
    let path = operation.sdk_path.join(".");
    if let Some(name) = operation
        .sdk_path
        .iter()
        .find(|s| DERIVED_METHODS.contains(&s.as_str()))
    {
        return Err(format!(
            "`{path}`: `{name}` is a method every resource already has"
        ));
    }
    if CLIENT_METHODS.contains(&operation.sdk_path[0].as_str()) {
        return Err(format!(
            "`{path}`: `{}` is a method the `Client` already has",
            operation.sdk_path[0]
        ));
    }
    let mut node = root;
    for (depth, segment) in parents.iter().enumerate() {
        if let Some(taken) = node.methods.iter().find(|m| m.name == *segment) {
            let other = &operations[taken.operation].id;
            return Err(format!(
                "`{path}` needs a resource `{segment}`, which is the method of `{other}`"
            ));
        }
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
    let taken = node
        .methods
        .iter()
        .find(|m| m.name == *method)
        .map(|m| m.operation);
    let taken = taken.or_else(|| {
        let child = node.children.iter().find(|c| c.name == *method)?;
        let mut below = Vec::new();
        operations_below(child, &mut below);
        below.first().copied()
    });
    if let Some(other) = taken {
        return Err(format!(
            "`{path}` is already taken in the resource tree (by `{}`)",
            operations[other].id
        ));
    }
    node.methods.push(ResourceMethod {
        name: method.clone(),
        operation: index,
    });
    Ok(())
}

fn collect_type_names(resource: &Resource, names: &mut Vec<String>) {
    names.push(resource.type_name.clone());
    for child in &resource.children {
        collect_type_names(child, names);
    }
}

/// Binds, on each resource below `node`, the path parameters every operation under it shares.
fn bind(node: &mut Resource, operations: &[Operation], bound: &[String]) {
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
    let method = operation.method.as_str().to_ascii_lowercase();
    Pointer::root()
        .join("paths")
        .join(&operation.path)
        .join(method)
}
