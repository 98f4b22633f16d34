//! Decoding a 100-item contacts page: the generated models against a hand-written
//! `#[derive(Deserialize)]` baseline with the same fields and types (ids, enums and literals
//! as `String`, which is what their derived decoders read), beside a minimal struct (id and
//! name only) and parsing alone (`IgnoredAny`). All four decode the same bytes, interleaved
//! round by round; each figure is the median of the rounds, and the ratio is against the
//! derive baseline measured in this run.
//!
//! `cargo bench -p featurebase-tests --bench decode`

mod support;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Instant;

use featurebase_api::models::ContactList;
use featurebase_api::runtime::{Number, Timestamp};
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;

const ROUNDS: usize = 400;
const WARM_UP: usize = 50;

/// The hand-written baseline: the generated models' fields and types.
mod baseline {
    use super::*;

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub(super) struct ContactList {
        pub data: Vec<Contact>,
        pub next_cursor: Option<String>,
        pub object: String,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub(super) struct Contact {
        pub comments_created: Option<i64>,
        pub companies: Option<Vec<Company>>,
        pub created_at: Option<Timestamp>,
        pub custom_fields: Option<BTreeMap<String, Value>>,
        pub description: Option<String>,
        pub email: Option<String>,
        pub id: String,
        pub last_activity: Option<Timestamp>,
        pub locale: Option<String>,
        pub manually_opted_out_from_changelog: Option<bool>,
        pub name: String,
        pub object: String,
        pub organization_id: Option<String>,
        pub posts_created: Option<i64>,
        pub profile_picture: Option<String>,
        pub roles: Option<Vec<String>>,
        pub subscribed_to_changelog: Option<bool>,
        pub r#type: String,
        pub user_id: Option<String>,
        pub verified: Option<bool>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub(super) struct Company {
        pub company_id: String,
        pub company_size: Option<i64>,
        pub created_at: Option<Timestamp>,
        pub custom_fields: Option<BTreeMap<String, Value>>,
        pub id: String,
        pub industry: Option<String>,
        pub last_activity: Option<Timestamp>,
        pub linked_users: Option<i64>,
        pub monthly_spend: Option<Number>,
        pub name: String,
        pub object: String,
        pub plan: Option<String>,
        pub updated_at: Option<Timestamp>,
        pub website: Option<String>,
    }

    /// The least a caller might read.
    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub(super) struct Minimal {
        pub data: Vec<MinimalContact>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub(super) struct MinimalContact {
        pub id: String,
        pub name: String,
    }
}

/// The documented contact of `GET /v2/contacts/{id}`, 100 times with distinct ids.
fn page() -> Vec<u8> {
    let page = support::contact_page(&support::contact_example(), 100);
    serde_json::to_vec(&page).expect("JSON")
}

/// A named way to decode the page.
type Case<'a> = (&'a str, &'a dyn Fn(&[u8]));

/// Microseconds to decode `bytes`.
fn time(decode: &dyn Fn(&[u8]), bytes: &[u8]) -> f64 {
    let start = Instant::now();
    decode(bytes);
    start.elapsed().as_secs_f64() * 1e6
}

fn main() {
    let bytes = page();
    let cases: [Case<'_>; 4] = [
        ("derive baseline (same fields and types)", &|b| {
            black_box(serde_json::from_slice::<baseline::ContactList>(b).expect("decodes"));
        }),
        ("generated models (ContactList)", &|b| {
            black_box(serde_json::from_slice::<ContactList>(b).expect("decodes"));
        }),
        ("minimal struct (id, name)", &|b| {
            black_box(serde_json::from_slice::<baseline::Minimal>(b).expect("decodes"));
        }),
        ("parse only (IgnoredAny)", &|b| {
            black_box(serde_json::from_slice::<IgnoredAny>(b).expect("parses"));
        }),
    ];
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); cases.len()];
    for round in 0..WARM_UP + ROUNDS {
        for (index, (_, decode)) in cases.iter().enumerate() {
            let elapsed = time(*decode, &bytes);
            if round >= WARM_UP {
                times[index].push(elapsed);
            }
        }
    }
    let medians: Vec<f64> = times.iter().map(|times| support::median(times)).collect();
    println!(
        "decode: a 100-item contacts page ({} KB), median of {ROUNDS} interleaved rounds after {WARM_UP} warm-up",
        bytes.len() / 1024
    );
    for ((name, _), median) in cases.iter().zip(&medians) {
        support::figure(
            &format!("decode 100-item page, {name}"),
            *median,
            "µs",
            medians[0],
            "derive baseline (same fields and types)",
        );
    }
}
