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

/// A request the spec does not allow, and the `param` and message the mock answers with.
struct Refused {
    method: reqwest::Method,
    path: &'static str,
    body: Option<Value>,
    param: Option<&'static str>,
    message: &'static str,
}

fn refused(
    method: reqwest::Method,
    path: &'static str,
    body: Option<Value>,
    param: Option<&'static str>,
    message: &'static str,
) -> Refused {
    Refused {
        method,
        path,
        body,
        param,
        message,
    }
}

#[tokio::test]
async fn requests_the_spec_does_not_allow_are_refused_naming_the_field() {
    use reqwest::Method;
    let mock = MockServer::start().await;
    let cases = [
        refused(
            Method::GET,
            "/v2/contacts?limit=0",
            None,
            Some("limit"),
            "Validation error: limit must be greater than or equal to 1",
        ),
        refused(
            Method::GET,
            "/v2/contacts?limit=ten",
            None,
            Some("limit"),
            "Validation error: limit must be an integer",
        ),
        refused(
            Method::GET,
            "/v2/contacts?contactType=visitor",
            None,
            Some("contactType"),
            "Validation error: contactType must be one of `customer`, `lead`, `all`",
        ),
        refused(
            Method::GET,
            "/v2/contacts?page=2",
            None,
            Some("page"),
            "Validation error: page is not a known parameter",
        ),
        refused(
            Method::GET,
            "/v2/contacts?limit=1&limit=2",
            None,
            Some("limit"),
            "Validation error: limit is given more than once",
        ),
        refused(
            Method::POST,
            "/v2/contacts",
            Some(json!({"name": "No identity"})),
            None,
            "Validation error: body must hold at least one of `userId`, `email`",
        ),
        refused(
            Method::POST,
            "/v2/contacts",
            Some(json!({"email": "not-an-email"})),
            Some("email"),
            "Validation error: email must be an email address",
        ),
        refused(
            Method::POST,
            "/v2/contacts",
            Some(json!({"email": "a@b.co", "name": "x".repeat(501)})),
            Some("name"),
            "Validation error: name must be at most 500 characters",
        ),
        refused(
            Method::POST,
            "/v2/contacts",
            Some(json!({"email": "a@b.co", "profilePicture": "avatar.png"})),
            Some("profilePicture"),
            "Validation error: profilePicture must be an absolute URI",
        ),
        refused(
            Method::POST,
            "/v2/contacts",
            Some(json!({"email": "a@b.co", "createdAt": "yesterday"})),
            Some("createdAt"),
            "Validation error: createdAt must be a date-time (RFC 3339)",
        ),
        refused(
            Method::POST,
            "/v2/contacts",
            Some(json!({"email": "a@b.co", "nickname": "Al"})),
            Some("nickname"),
            "Validation error: nickname is not allowed",
        ),
        refused(
            Method::POST,
            "/v2/contacts",
            Some(
                json!({"email": "a@b.co", "companies": [{"id": "c1", "name": "Acme", "size": 3}]}),
            ),
            Some("companies[0].size"),
            "Validation error: companies[0].size is not allowed",
        ),
        refused(
            Method::POST,
            "/v2/contacts",
            Some(json!({"email": "a@b.co", "companies": [{"id": "c1", "name": ""}]})),
            Some("companies[0].name"),
            "Validation error: companies[0].name must be at least 1 character",
        ),
        refused(
            Method::POST,
            "/v2/contacts",
            Some(
                json!({"email": "a@b.co", "companies": [{"id": "c1", "name": "Acme", "monthlySpend": -1}]}),
            ),
            Some("companies[0].monthlySpend"),
            "Validation error: companies[0].monthlySpend must be greater than or equal to 0",
        ),
        refused(
            Method::POST,
            "/v2/companies",
            Some(json!({"name": "Acme"})),
            Some("companyId"),
            "Validation error: companyId is required",
        ),
        refused(
            Method::POST,
            "/v2/companies",
            Some(json!({"companyId": "c1", "name": "Acme", "companySize": 2.5})),
            Some("companySize"),
            "Validation error: companySize must be an integer",
        ),
        refused(
            Method::POST,
            "/v2/companies",
            None,
            None,
            "Validation error: body is required",
        ),
        refused(
            Method::PATCH,
            "/v2/contacts/507f1f77bcf86cd799439011/email-preferences",
            Some(json!({"preferences": {}})),
            Some("preferences"),
            "Validation error: preferences must hold at least one property",
        ),
        refused(
            Method::PATCH,
            "/v2/contacts/507f1f77bcf86cd799439011/email-preferences",
            Some(json!({"preferences": {"changelog": "maybe"}})),
            Some("preferences.changelog"),
            "Validation error: preferences.changelog must be one of `subscribed`, `unsubscribed`",
        ),
    ];
    for case in cases {
        let (status, body) = raw(&mock, case.method.clone(), case.path, case.body.clone()).await;
        let what = format!("{} {}", case.method, case.path);
        assert_eq!(status, 400, "{what}: {body}");
        let error = &body["error"];
        assert_eq!(error["type"], "invalid_request_error", "{what}: {body}");
        assert_eq!(error["code"], "validation_error", "{what}: {body}");
        assert_eq!(error["status"], 400, "{what}: {body}");
        assert_eq!(error["param"], json!(case.param), "{what}: {body}");
        assert_eq!(error["message"], case.message, "{what}: {body}");
    }
}

#[tokio::test]
async fn keys_and_api_versions_are_checked() {
    let mock = MockServer::start().await;
    let url = format!("{}/v2/contacts", mock.url());
    let http = reqwest::Client::new();
    let status = |response: reqwest::Response| response.status().as_u16();
    let no_key = http.get(&url).send().await.expect("answers");
    assert_eq!(status(no_key), 401);
    let wrong_key = http
        .get(&url)
        .bearer_auth("nope")
        .send()
        .await
        .expect("answers");
    let body: Value = wrong_key.json().await.expect("JSON");
    assert_eq!(body["error"]["type"], "authentication_error");
    assert_eq!(body["error"]["status"], 401);
    let old_version = http
        .get(&url)
        .bearer_auth(MOCK_API_KEY)
        .header("Featurebase-Version", "2024-01-01.ancient")
        .send()
        .await
        .expect("answers");
    let body: Value = old_version.json().await.expect("JSON");
    assert_eq!(body["error"]["param"], "Featurebase-Version", "{body}");
    let known_version = http
        .get(&url)
        .bearer_auth(MOCK_API_KEY)
        .header("Featurebase-Version", "2026-01-01.nova")
        .send()
        .await
        .expect("answers");
    assert_eq!(status(known_version), 200);
}

#[tokio::test]
async fn unknown_routes_answer_the_not_found_envelope() {
    let mock = MockServer::start().await;
    let (status, body) = raw(&mock, reqwest::Method::GET, "/v2/boards", None).await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "resource_not_found", "{body}");
}

#[tokio::test]
async fn server_errors_are_injected_per_operation_and_counted_down() {
    let mock = MockServer::start().await;
    mock.fail_next("listCompanies", 2, Fault::ServerError(503));
    let companies = mock.client().users().companies().list().await;
    assert!(
        companies.is_ok(),
        "two retries outlast two faults: {companies:?}"
    );
    let statuses: Vec<u16> = mock
        .requests_to("listCompanies")
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [503, 503, 200]);
    assert!(
        mock.requests_to("listContacts").is_empty(),
        "other operations are untouched"
    );
}

#[tokio::test]
async fn a_timeout_fault_holds_the_request_until_the_client_gives_up() {
    use std::time::Duration;
    let mock = MockServer::start().await;
    mock.fail_next("listContacts", 1, Fault::Timeout);
    let options = featurebase_api::runtime::RequestOptions::new()
        .timeout(Duration::from_millis(200))
        .max_retries(0);
    let outcome = mock
        .client()
        .users()
        .contacts()
        .list()
        .with_options(options)
        .await;
    assert!(
        matches!(outcome, Err(featurebase_api::Error::Timeout(_))),
        "{outcome:?}"
    );
    let after = mock.client().users().contacts().list().await;
    assert!(
        after.is_ok(),
        "only the next request meets the fault: {after:?}"
    );
}

#[tokio::test]
#[should_panic(expected = "the spec has no operation `listWidgets`")]
async fn faults_name_operations_the_spec_has() {
    let mock = MockServer::start().await;
    mock.fail_next("listWidgets", 1, Fault::RateLimited);
}

#[tokio::test]
async fn the_log_keeps_what_was_sent() {
    let mock = MockServer::start().await;
    let request = featurebase_api::models::UpsertCompanyRequest::new("comp_1", "Acme");
    let company = mock
        .client()
        .users()
        .companies()
        .create_or_update(request)
        .await;
    assert!(company.is_ok(), "{company:?}");
    let logged = mock.requests();
    assert_eq!(logged.len(), 1);
    let upsert = &logged[0];
    assert_eq!(upsert.operation.as_deref(), Some("upsertCompany"));
    assert_eq!(upsert.method, http::Method::POST);
    assert_eq!(upsert.path, "/v2/companies");
    assert_eq!(upsert.header("authorization"), Some("Bearer mock-api-key"));
    assert_eq!(
        upsert.json(),
        Some(json!({"companyId": "comp_1", "name": "Acme"}))
    );
}

#[tokio::test]
async fn a_dropped_mock_stops_serving_even_kept_alive_connections() {
    let mock = MockServer::start().await;
    let url = format!("{}/v2/contacts", mock.url());
    let http = reqwest::Client::new();
    let before = http.get(&url).bearer_auth(MOCK_API_KEY).send().await;
    assert_eq!(before.expect("answers").status(), 200);
    drop(mock);
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let after = http.get(&url).bearer_auth(MOCK_API_KEY).send().await;
    assert!(after.is_err(), "{after:?}");
}
