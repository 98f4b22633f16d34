//! Checks a JSON value against a [`Shape`], naming the first part that does not fit by
//! its path (`companies[0].name`).

use featurebase_api::runtime::Timestamp;
use serde_json::Value;

use super::shape::{Extra, Format, Object, Range, Shape, Text};

/// Why a value does not fit its shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// The path of the value that does not fit; `None` for the whole body.
    pub param: Option<String>,
    /// What is wrong, e.g. `must be at most 500 characters`.
    pub rule: String,
}

impl Invalid {
    /// The error message, in the API's words: `Validation error: limit must be ...`.
    pub fn message(&self) -> String {
        let subject = self.param.as_deref().unwrap_or("body");
        format!("Validation error: {subject} {}", self.rule)
    }
}

/// Checks `value` against `shape`; `path` names the value (empty for a body).
pub fn check(value: &Value, shape: &Shape, path: &str) -> Result<(), Invalid> {
    let fail = |rule: String| {
        Err(Invalid {
            param: (!path.is_empty()).then(|| path.to_owned()),
            rule,
        })
    };
    match (shape, value) {
        (Shape::Any, _) => Ok(()),
        (Shape::Boolean, Value::Bool(_)) => Ok(()),
        (Shape::True, Value::Bool(true)) => Ok(()),
        (Shape::True, _) => fail("must be true".to_owned()),
        (Shape::Integer(range), Value::Number(n)) if n.is_i64() || n.is_u64() => {
            within(n.as_f64().unwrap_or_default(), range).or_else(fail)
        }
        (Shape::Number(range), Value::Number(n)) => {
            within(n.as_f64().unwrap_or_default(), range).or_else(fail)
        }
        (Shape::String(text), Value::String(s)) => fits(s, text).or_else(fail),
        (Shape::DateTime, Value::String(s)) => match s.parse::<Timestamp>() {
            Ok(_) => Ok(()),
            Err(_) => fail("must be a date-time (RFC 3339)".to_owned()),
        },
        (Shape::Enum(values), Value::String(s)) if values.contains(&s.as_str()) => Ok(()),
        (Shape::Enum(values), _) => fail(format!("must be one of {}", listed(values))),
        (Shape::IntEnum(values), Value::Number(n))
            if n.as_i64().is_some_and(|n| values.contains(&n)) =>
        {
            Ok(())
        }
        (Shape::IntEnum(values), _) => fail(format!("must be one of {}", listed(values))),
        (Shape::Array(item), Value::Array(items)) => {
            for (index, item_value) in items.iter().enumerate() {
                check(item_value, item, &format!("{path}[{index}]"))?;
            }
            Ok(())
        }
        (Shape::Map(item), Value::Object(map)) => {
            for (key, item_value) in map {
                check(item_value, item, &join(path, key))?;
            }
            Ok(())
        }
        (Shape::Object(object), Value::Object(map)) => check_object(map, object, path),
        (Shape::OneOf(shapes), _) => {
            let mut first = None;
            for shape in *shapes {
                match check(value, shape, path) {
                    Ok(()) => return Ok(()),
                    Err(invalid) => first = first.or(Some(invalid)),
                }
            }
            first.map_or(Ok(()), Err)
        }
        (shape, _) => fail(format!("must be {}", kind(shape))),
    }
}

fn check_object(
    map: &serde_json::Map<String, Value>,
    object: &Object,
    path: &str,
) -> Result<(), Invalid> {
    let at = |key: &str| Invalid {
        param: Some(join(path, key)),
        rule: String::new(),
    };
    for property in object.properties {
        match map.get(property.wire) {
            None if property.required => {
                return Err(Invalid {
                    rule: "is required".to_owned(),
                    ..at(property.wire)
                });
            }
            None => {}
            Some(_) if property.read_only => {
                return Err(Invalid {
                    rule: "is read-only".to_owned(),
                    ..at(property.wire)
                });
            }
            Some(Value::Null) if property.nullable => {}
            Some(value) => check(value, property.shape, &join(path, property.wire))?,
        }
    }
    for (key, value) in map {
        if object.properties.iter().any(|p| p.wire == key) {
            continue;
        }
        match object.extra {
            Extra::Deny => {
                return Err(Invalid {
                    rule: "is not allowed".to_owned(),
                    ..at(key)
                });
            }
            Extra::Ignore => {}
            Extra::Keep(shape) => check(value, shape, &join(path, key))?,
        }
    }
    let whole = |set: &&&[&str]| set.iter().all(|wire| map.contains_key(*wire));
    if !object.identity.is_empty() && !object.identity.iter().any(|set| whole(&set)) {
        let names: Vec<&str> = object
            .identity
            .iter()
            .flat_map(|set| set.iter().copied())
            .collect();
        return Err(Invalid {
            param: (!path.is_empty()).then(|| path.to_owned()),
            rule: format!("must hold at least one of {}", listed(&dedup(names))),
        });
    }
    if object.non_empty && map.is_empty() {
        return Err(Invalid {
            param: (!path.is_empty()).then(|| path.to_owned()),
            rule: "must hold at least one property".to_owned(),
        });
    }
    Ok(())
}

fn within(value: f64, range: &Range) -> Result<(), String> {
    if let Some(minimum) = range.minimum
        && value < minimum
    {
        return Err(format!("must be greater than or equal to {minimum}"));
    }
    if let Some(maximum) = range.maximum
        && value > maximum
    {
        return Err(format!("must be less than or equal to {maximum}"));
    }
    Ok(())
}

fn fits(value: &str, text: &Text) -> Result<(), String> {
    let length = value.chars().count();
    if let Some(min) = text.min_length
        && length < min
    {
        return Err(format!("must be at least {}", characters(min)));
    }
    if let Some(max) = text.max_length
        && length > max
    {
        return Err(format!("must be at most {}", characters(max)));
    }
    match text.format {
        Some(Format::Email) if !is_email(value) => Err("must be an email address".to_owned()),
        Some(Format::Uri) if url::Url::parse(value).is_err() => {
            Err("must be an absolute URI".to_owned())
        }
        _ => Ok(()),
    }
}

fn characters(count: usize) -> String {
    match count {
        1 => "1 character".to_owned(),
        _ => format!("{count} characters"),
    }
}

/// `local@domain.tld`, with no spaces: the syntax a person types, not all of RFC 5322.
fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    let labels_ok = domain.split('.').all(|label| !label.is_empty());
    !local.is_empty()
        && domain.contains('.')
        && labels_ok
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn kind(shape: &Shape) -> &'static str {
    match shape {
        Shape::Boolean | Shape::True => "a boolean",
        Shape::Integer(_) | Shape::IntEnum(_) => "an integer",
        Shape::Number(_) => "a number",
        Shape::String(_) | Shape::DateTime | Shape::Enum(_) => "a string",
        Shape::Array(_) => "an array",
        Shape::Map(_) | Shape::Object(_) => "an object",
        Shape::Any | Shape::OneOf(_) => "a value",
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn listed<T: std::fmt::Display>(values: &[T]) -> String {
    let quoted: Vec<String> = values.iter().map(|value| format!("`{value}`")).collect();
    quoted.join(", ")
}

fn dedup(mut names: Vec<&str>) -> Vec<&str> {
    let mut seen = std::collections::BTreeSet::new();
    names.retain(|name| seen.insert(*name));
    names
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::support::Property;

    static LEVEL: Shape = Shape::IntEnum(&[1, 2, 3]);
    static TAG: Shape = Shape::OneOf(&[&Shape::Boolean, &Shape::String(Text::ANY.max_length(3))]);
    static ITEM: Shape = Shape::Object(
        &Object::new(&[
            Property::new("id", &Shape::String(Text::ANY)).read_only(),
            Property::new("level", &LEVEL).required(),
            Property::new("note", &Shape::String(Text::ANY)).nullable(),
            Property::new("tags", &Shape::Map(&TAG)),
        ])
        .keep_extra(&Shape::Integer(Range::ANY.maximum(9.0))),
    );

    fn refusal(value: serde_json::Value) -> Option<(Option<String>, String)> {
        check(&value, &ITEM, "")
            .err()
            .map(|invalid| (invalid.param, invalid.rule))
    }

    #[test]
    fn a_value_that_fits_passes() {
        let value = json!({"level": 2, "note": null, "tags": {"a": true, "b": "abc"}, "extra": 9});
        assert_eq!(refusal(value), None);
    }

    #[test]
    fn each_rule_names_the_path_of_what_breaks_it() {
        let cases = [
            (json!({}), "level", "is required"),
            (json!({"level": 4}), "level", "must be one of `1`, `2`, `3`"),
            (json!({"level": 1, "id": "x"}), "id", "is read-only"),
            (
                json!({"level": 1, "tags": {"a": "abcd"}}),
                "tags.a",
                "must be a boolean",
            ),
            (
                json!({"level": 1, "extra": 10}),
                "extra",
                "must be less than or equal to 9",
            ),
            (
                json!({"level": 1, "extra": "x"}),
                "extra",
                "must be an integer",
            ),
            (json!({"level": 1, "note": 5}), "note", "must be a string"),
        ];
        for (value, param, rule) in cases {
            let expected = Some((Some(param.to_owned()), rule.to_owned()));
            assert_eq!(refusal(value.clone()), expected, "{value}");
        }
    }

    #[test]
    fn emails_need_a_local_part_and_a_dotted_domain() {
        for good in ["a@b.co", "first.last+tag@mail.example.org"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "", "a", "a@", "@b.co", "a@b", "a@b..co", "a b@c.de", "a@b.co\n",
        ] {
            assert!(!is_email(bad), "{bad:?}");
        }
    }
}
