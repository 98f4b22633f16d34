//! The spec-derived surface: routes, validation and the documented replies, before any
//! state; and the test kit around it (log, faults).

use featurebase_mock::{Fault, MOCK_API_KEY, MockServer};
use serde_json::{Value, json};

async fn raw(
    mock: &MockServer,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let url = format!("{}{path}", mock.url());
    let mut request = reqwest::Client::new()
        .request(method, url)
        .bearer_auth(MOCK_API_KEY);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("the mock answers");
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

#[tokio::test]
async fn a_limit_over_100_is_refused_naming_the_parameter() {
    let mock = MockServer::start().await;
    let (status, body) = raw(&mock, reqwest::Method::GET, "/v2/contacts?limit=101", None).await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"error": {
            "type": "invalid_request_error",
            "code": "validation_error",
            "message": "Validation error: limit must be less than or equal to 100",
            "param": "limit",
            "status": 400
        }})
    );
}

#[tokio::test]
async fn a_rate_limit_fault_is_retried_by_the_client_and_logged() {
    let mock = MockServer::start().await;
    mock.fail_next("listContacts", 1, Fault::RateLimited);
    let page = mock.client().users().contacts().list().limit(5).await;
    assert!(page.is_ok(), "{page:?}");
    let statuses: Vec<u16> = mock
        .requests_to("listContacts")
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [429, 200]);
}
