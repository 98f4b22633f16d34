//! `x-pagination: {cursor, next, items}`: checked against the operation's parameters
//! and response envelope.

use serde_json::Value;

use super::Lowerer;
use super::extensions::X_PAGINATION;
use crate::diagnostics::Pointer;
use crate::ir::{Location, Operation, Pagination, Ty, TypeKind};

impl Lowerer<'_> {
    pub(super) fn pagination(
        &mut self,
        operation: &Operation,
        raw: Option<&Value>,
        at: &Pointer,
    ) -> Option<Pagination> {
        let raw = raw?;
        let at = at.join(X_PAGINATION);
        let key = |name: &str| raw.get(name).and_then(Value::as_str).map(str::to_owned);
        let (Some(cursor), Some(next), Some(items)) = (key("cursor"), key("next"), key("items"))
        else {
            return self.error(
                &at,
                "`x-pagination` needs string `cursor`, `next` and `items`",
            );
        };
        let has_cursor = operation
            .params
            .iter()
            .any(|p| p.location == Location::Query && p.wire == cursor && !p.required);
        if !has_cursor {
            let message =
                format!("`{cursor}` is not an optional query parameter of this operation");
            return self.error(&at.join("cursor"), message);
        }
        let envelope = match &operation.response {
            Some(Ty::Named(name)) => self.types.get(name).map(|(_, def)| def.kind.clone()),
            _ => None,
        };
        let Some(TypeKind::Struct(envelope)) = envelope else {
            return self.error(&at, "a paginated operation must return an object");
        };
        let field = |wire: &str| envelope.fields.iter().find(|f| f.wire == wire).cloned();
        let Some(items) = field(&items).filter(|f| matches!(f.ty, Ty::Array(_))) else {
            return self.error(
                &at.join("items"),
                format!("the response has no array property `{items}`"),
            );
        };
        let Some(next) = field(&next).filter(|f| f.ty == Ty::String) else {
            return self.error(
                &at.join("next"),
                format!("the response has no string property `{next}`"),
            );
        };
        let Ty::Array(item) = &items.ty else {
            return None;
        };
        let item = (**item).clone();
        Some(Pagination {
            cursor,
            items,
            next,
            item,
        })
    }
}
