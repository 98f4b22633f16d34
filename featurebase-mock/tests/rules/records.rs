//! What every record carries: ObjectId-like ids, reproducible; timestamps as the API
//! writes them.

use featurebase_mock::MockServer;
use serde_json::Value;

use super::{company, customer, embedded};

async fn seeded() -> MockServer {
    let mock = MockServer::start().await;
    let linked = customer("usr_1", "a@example.com").companies(vec![embedded("comp_1", "One")]);
    mock.store().seed_contact(&linked);
    mock.store().seed_company(&company("comp_2", "Two"));
    mock
}

fn ids(records: &[Value]) -> Vec<&str> {
    records
        .iter()
        .filter_map(|record| record["id"].as_str())
        .collect()
}

#[tokio::test]
async fn ids_are_24_hex_digits_and_the_same_for_the_same_seeding() {
    let (first, second) = (seeded().await, seeded().await);
    let (contacts, companies) = (first.store().contacts(), first.store().companies());
    let all = ids(&contacts).into_iter().chain(ids(&companies));
    for id in all {
        assert!(
            id.len() == 24 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{id}"
        );
    }
    assert_eq!(ids(&contacts), ids(&second.store().contacts()));
    assert_eq!(ids(&companies), ids(&second.store().companies()));
}

#[tokio::test]
async fn timestamps_are_utc_with_milliseconds() {
    let mock = seeded().await;
    let contact = &mock.store().contacts()[0];
    let company = &mock.store().companies()[0];
    let stamps = [
        &contact["lastActivity"],
        &company["createdAt"],
        &company["updatedAt"],
        &company["lastActivity"],
    ];
    for stamp in stamps.map(|stamp| stamp.as_str().unwrap_or_default()) {
        let shape = stamp.len() == 24 && stamp.ends_with('Z') && stamp.as_bytes()[19] == b'.';
        assert!(shape, "{stamp:?}");
        assert!(stamp.parse::<jiff::Timestamp>().is_ok(), "{stamp:?}");
    }
}
