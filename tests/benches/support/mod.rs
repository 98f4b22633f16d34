//! What every benchmark shares: the spec's documented contact, pages of it, medians, and
//! the one line each figure is printed as, `name: value unit (ratio Nx vs baseline)`,
//! which `cargo xtask bench` reads.

use serde_json::Value;

/// The documented example of `GET /v2/contacts/{id}`, from the spec.
pub(crate) fn contact_example() -> Value {
    let spec = include_str!("../../../spec/featurebase.yaml");
    let spec: Value = serde_yaml::from_str(spec).expect("the spec is YAML");
    spec["paths"]["/v2/contacts/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
        ["example"]
        .clone()
}

/// A list page of `count` copies of `contact`, each with its own id.
pub(crate) fn contact_page(contact: &Value, count: usize) -> Value {
    let data: Vec<Value> = (0..count)
        .map(|index| {
            let mut contact = contact.clone();
            contact["id"] = Value::String(format!("676f0f6765bdaa7d7d76{index:04x}"));
            contact
        })
        .collect();
    serde_json::json!({"object": "list", "data": data, "nextCursor": null})
}

/// The median of non-empty `values`.
pub(crate) fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    if sorted.len().is_multiple_of(2) {
        (sorted[middle - 1] + sorted[middle]) / 2.0
    } else {
        sorted[middle]
    }
}

/// Prints one figure: `value` in `unit`, and its ratio to `base`, the figure of the
/// baseline named `baseline` measured in the same run.
pub(crate) fn figure(name: &str, value: f64, unit: &str, base: f64, baseline: &str) {
    let decimals = match value.abs() {
        v if v.fract() == 0.0 => 0,
        v if v < 10.0 => 2,
        _ => 1,
    };
    let ratio = value / base;
    let ratio_decimals = if ratio != 0.0 && ratio.abs() < 0.01 {
        4
    } else {
        2
    };
    println!("{name}: {value:.decimals$} {unit} (ratio {ratio:.ratio_decimals$}x vs {baseline})");
}
