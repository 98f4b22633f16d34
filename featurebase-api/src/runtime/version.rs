//! API versions are dates with a name (`2026-01-01.nova`); they order by their date.

/// Whether an operation introduced in `since` exists in API version `pinned`.
/// Versions that are not date-shaped cannot be compared and are let through.
pub(crate) fn has_operation(pinned: &str, since: &str) -> bool {
    match (date(pinned), date(since)) {
        (Some(pinned), Some(since)) => since <= pinned,
        _ => true,
    }
}

/// The `YYYY-MM-DD` part of a version, if it has one.
fn date(version: &str) -> Option<&str> {
    let date = version.get(..10)?;
    let shaped = date.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    shaped.then_some(date)
}

#[cfg(test)]
mod tests {
    use super::has_operation;

    #[test]
    fn versions_order_by_date() {
        assert!(has_operation("2026-01-01.nova", "2026-01-01.nova"));
        assert!(has_operation("2026-08-19.orbit", "2026-01-01.nova"));
        assert!(!has_operation("2025-12-12.clover", "2026-01-01.nova"));
        assert!(has_operation("latest", "2026-01-01.nova"));
    }
}
