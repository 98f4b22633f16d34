//! Bodies the spec does not promise: broken or wrong success bodies, error bodies in the
//! live API's odd shapes, and the unknown fields and values a client must tolerate.

use featurebase_api::models::{AttachContactRequest, ContactType, UpsertCompanyRequest};
use featurebase_api::runtime::Number;

use super::*;

const GATEWAY_HTML: &str =
    "<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>";

#[tokio::test]
async fn a_success_body_that_does_not_fit_the_model_is_a_decode_error() {
    let truncated = r#"{"object":"contact","id":"c1","na"#;
    let wrong_object = r#"{"object":"company","id":"c1","name":"Ann","type":"customer"}"#;
    let not_deleted = r#"{"deleted":false,"id":"c1","object":"contact"}"#;
    let bad_item = r#"{"object":"list","nextCursor":null,"data":[
        {"object":"contact","id":"c1","name":"Ann","type":"lead"},
        {"object":"contact","id":"c2","type":"lead"}]}"#;
    let trailing_bytes = r#"{"object":"contact","id":"c1","name":"Ann","type":"lead"} xx"#;
    let two_objects = r#"{"object":"contact","id":"c1","name":"Ann","type":"lead"}{"object":"contact","id":"c2","name":"Bo","type":"lead"}"#;
    let bad_time =
        r#"{"object":"contact","id":"c1","name":"Ann","type":"lead","lastActivity":"yesterday"}"#;
    // (verb, route, body, path, message)
    let cases = [
        (
            "GET",
            "/v2/contacts/c1",
            trailing_bytes,
            ".",
            "trailing characters at line 1 column 59",
        ),
        (
            "GET",
            "/v2/contacts/c1",
            two_objects,
            ".",
            "trailing characters at line 1 column 58",
        ),
        (
            "GET",
            "/v2/contacts/c1",
            truncated,
            "?",
            "EOF while parsing a string at line 1 column 33",
        ),
        (
            "GET",
            "/v2/contacts/c1",
            wrong_object,
            "object",
            "unknown variant `company`, expected `contact` at line 1 column 19",
        ),
        (
            "DELETE",
            "/v2/contacts/c1",
            not_deleted,
            "deleted",
            "invalid value: boolean `false`, expected `true` at line 1 column 16",
        ),
        (
            "GET",
            "/v2/contacts",
            bad_item,
            "data[1]",
            "missing field `name` at line 3 column 52",
        ),
        (
            "GET",
            "/v2/contacts/c1",
            bad_time,
            "lastActivity",
            "`yesterday` is not a timestamp: failed to parse four digit integer as year: \
             invalid digit, expected 0-9 but got y at line 1 column 83",
        ),
    ];
    for (verb, route, body, path, message) in cases {
        let h = Harness::start().await;
        h.respond(verb, route, [raw_response(200, body, "application/json")])
            .await;

        let contacts = h.client.users().contacts();
        let result = match (verb, route) {
            ("DELETE", _) => bounded(contacts.delete("c1")).await.map(drop),
            (_, "/v2/contacts") => bounded(contacts.list()).await.map(drop),
            _ => bounded(contacts.retrieve("c1")).await.map(drop),
        };

        let error = decode_error(result);
        assert_eq!(error.status, 200, "{body}");
        assert_eq!(error.path, path, "{body}");
        assert_eq!(error.message, message, "{body}");
        assert_eq!(error.excerpt, body, "{body}");
        assert_eq!(
            Error::Decode(Box::new(error)).to_string(),
            format!(
                "cannot decode the 200 OK response at `{path}`: {message} (body starts: {body})"
            )
        );
        assert_eq!(h.hits().await, 1, "a decode error is not retried: {body}");
    }
}

/// A 200 that is not JSON at all (a captive portal, a misrouted proxy): the excerpt is
/// the first 200 characters.
#[tokio::test]
async fn a_success_body_that_is_not_json_is_a_decode_error_with_an_excerpt() {
    let h = Harness::start().await;
    let body = format!(
        "<!DOCTYPE html><html><body>{}</body></html>",
        "é".repeat(300)
    );
    h.respond(
        "GET",
        "/v2/contacts/c1",
        [raw_response(200, &body, "text/html")],
    )
    .await;

    let error = decode_error(bounded(h.client.users().contacts().retrieve("c1")).await);

    assert_eq!(error.excerpt, body.chars().take(200).collect::<String>());
    assert_eq!(error.path, ".");
    assert_eq!(error.message, "expected value at line 1 column 1");
}

/// A gateway's HTML page: no envelope, the raw body kept, for a non-idempotent POST at
/// once and for a GET after its retries.
#[tokio::test]
async fn an_html_gateway_error_keeps_the_raw_body() {
    for (verb, route, attempts) in [
        ("POST", "/v2/companies/co1/contacts", 1),
        ("GET", "/v2/contacts/c1", 3),
    ] {
        let h = Harness::start().await;
        let html =
            raw_response(502, GATEWAY_HTML, "text/html").insert_header("X-Request-Id", "gw_1");
        h.respond(verb, route, [html]).await;

        let result = match verb {
            "POST" => {
                let company = h.client.users().companies().contacts("co1");
                bounded(company.attach(AttachContactRequest::new("c1"))).await
            }
            _ => bounded(h.client.users().contacts().retrieve("c1")).await,
        };

        let error = api_error(result);
        assert_eq!(error.status, 502, "{verb}");
        assert_eq!(error.body, None, "{verb}");
        assert_eq!(error.raw_body, GATEWAY_HTML, "{verb}");
        assert_eq!(error.request_id.as_deref(), Some("gw_1"), "{verb}");
        assert_eq!(error.attempts, attempts, "{verb}");
        assert_eq!(h.hits().await, attempts as usize, "{verb}");
        assert_eq!(
            Error::Api(Box::new(error)).to_string(),
            "the API answered 502 Bad Gateway"
        );
    }
}

/// The documented envelope and the shapes the live API also sends, each read as far as
/// it goes; the status and raw body are always kept.
#[tokio::test]
async fn error_bodies_in_every_live_shape_are_parsed_tolerantly() {
    let documented = r#"{"error":{"type":"authorization_error","code":"forbidden","message":"Not allowed","param":"preferences","status":403}}"#;
    let legacy_401 = r#"{"success": false, "message": "Invalid API Key"}"#;
    let legacy_400 =
        r#"{"code": 400, "message": "Validation error: \"email\" must be a valid email"}"#;
    let no_status_404 = r#"{"error":{"type":"invalid_request_error","code":"resource_not_found","message":"Contact not found","param":"id"}}"#;
    // (status, raw body, parsed envelope, Display)
    let cases = [
        (
            403,
            documented,
            Some(Envelope {
                kind: Some("authorization_error"),
                code: Some("forbidden"),
                message: Some("Not allowed"),
                param: Some("preferences"),
                status: Some(403),
            }),
            "the API answered 403 Forbidden (authorization_error): Not allowed",
        ),
        (
            401,
            legacy_401,
            Some(Envelope {
                message: Some("Invalid API Key"),
                ..Envelope::default()
            }),
            "the API answered 401 Unauthorized: Invalid API Key",
        ),
        (
            400,
            legacy_400,
            Some(Envelope {
                code: Some("400"),
                message: Some("Validation error: \"email\" must be a valid email"),
                ..Envelope::default()
            }),
            "the API answered 400 Bad Request: Validation error: \"email\" must be a valid email",
        ),
        (
            404,
            no_status_404,
            Some(Envelope {
                kind: Some("invalid_request_error"),
                code: Some("resource_not_found"),
                message: Some("Contact not found"),
                param: Some("id"),
                status: None,
            }),
            "the API answered 404 Not Found (invalid_request_error): Contact not found",
        ),
        (500, "", None, "the API answered 500 Internal Server Error"),
        (400, "[1, 2]", None, "the API answered 400 Bad Request"),
        (
            422,
            r#"{"detail": "nope"}"#,
            None,
            "the API answered 422 Unprocessable Entity",
        ),
        // A JSON object of another kind has no envelope, even with a `message` field.
        (
            999,
            r#"{"object":"contact","id":"c1","name":"Ann","type":"lead","message":"hi"}"#,
            None,
            "the API answered 999 <unknown status code>",
        ),
    ];
    for (status, raw, expected, display) in cases {
        let h = Harness::configured(|builder| builder.max_retries(0)).await;
        let response = raw_response(status, raw, "application/json");
        h.respond("GET", "/v2/contacts/c1", [response]).await;

        let error = api_error(bounded(h.client.users().contacts().retrieve("c1")).await);

        assert_eq!(error.status, status, "{raw}");
        assert_eq!(error.raw_body, raw, "{raw}");
        assert_eq!(error.body.as_ref().map(envelope), expected, "{raw}");
        assert_eq!((error.attempts, error.request_id.as_deref()), (1, None));
        let error = Error::Api(Box::new(error));
        assert_eq!(error.to_string(), display);
        assert_eq!(error.is_not_found(), status == 404, "{raw}");
        let code = expected.and_then(|envelope| envelope.code);
        assert_eq!(error.code(), code, "{raw}");
    }
}

#[tokio::test]
async fn unknown_fields_and_enum_values_in_a_response_are_tolerated() {
    let h = Harness::start().await;
    let visitor = json!({
        "object": "contact", "id": "c9", "name": "Vic", "type": "visitor",
        "someFutureField": {"nested": [1, 2, 3]}, "score": 4.5,
        "companies": [{"object": "company", "id": "co1", "companyId": "acme", "name": "Acme",
                       "createdAt": "2025-01-01T00:00:00.000Z", "tier": "gold"}]
    });
    h.respond("GET", "/v2/contacts/c9", [json_response(200, visitor)])
        .await;

    let contact = bounded(h.client.users().contacts().retrieve("c9"))
        .await
        .expect("decodes");

    assert_eq!(contact.r#type, ContactType::Unknown("visitor".to_owned()));
    assert_eq!(contact.r#type.as_str(), "visitor");
    let company = &contact.companies.as_deref().expect("companies")[0];
    assert_eq!(company.name, "Acme");
    let created_at = company.created_at.map(|at| at.to_string());
    assert_eq!(created_at.as_deref(), Some("2025-01-01T00:00:00.000Z"));
}

/// Company fields are required but nullable, and documented responses omit them:
/// absent and `null` both read as `None`.
#[tokio::test]
async fn omitted_or_null_required_nullable_company_fields_decode_to_none() {
    let minimal = json!({"object": "company", "id": "co1", "companyId": "acme", "name": "Acme"});
    let nulls = json!({
        "object": "company", "id": "co1", "companyId": "acme", "name": "Acme",
        "companySize": null, "createdAt": null, "industry": null, "lastActivity": null,
        "linkedUsers": null, "monthlySpend": null, "plan": null, "updatedAt": null,
        "website": null
    });
    for body in [minimal, nulls] {
        let h = Harness::start().await;
        h.respond(
            "GET",
            "/v2/companies/co1",
            [json_response(200, body.clone())],
        )
        .await;

        let company = bounded(h.client.users().companies().retrieve("co1"))
            .await
            .expect("decodes");

        assert_eq!(
            (
                company.id.as_str(),
                company.company_id.as_str(),
                company.name.as_str()
            ),
            ("co1", "acme", "Acme")
        );
        let counts = [company.company_size, company.linked_users];
        assert_eq!(counts, [None; 2], "{body}");
        assert_eq!(company.monthly_spend, None, "{body}");
        let times = [
            company.created_at,
            company.last_activity,
            company.updated_at,
        ];
        assert_eq!(times, [None; 3], "{body}");
        let texts = [&company.industry, &company.plan, &company.website];
        assert!(texts.iter().all(|text| text.is_none()), "{body}");
    }
}

/// A `number` is sent and read in the form it was given: `12.5` and `5000` are not
/// rounded or turned into `5000.0`; counts are integers.
#[tokio::test]
async fn numbers_keep_their_form_on_the_wire() {
    let answer = json!({
        "object": "company", "id": "co1", "companyId": "acme", "name": "Acme",
        "monthlySpend": 5000, "companySize": 250, "linkedUsers": 15
    });
    let h = Harness::start().await;
    h.respond("POST", "/v2/companies", [json_response(200, answer)])
        .await;
    let spend = Number::try_from(12.5).expect("finite");
    let request = UpsertCompanyRequest::new("acme", "Acme").monthly_spend(spend);

    let company = bounded(h.client.users().companies().create_or_update(request))
        .await
        .expect("decodes");

    let sent: Value = h.requests().await[0].body_json().expect("a JSON body");
    assert_eq!(sent["monthlySpend"].to_string(), "12.5");
    assert_eq!(json!(company.monthly_spend).to_string(), "5000");
    assert_eq!(company.monthly_spend, Some(Number::from(5000)));
    assert_eq!(
        (company.company_size, company.linked_users),
        (Some(250), Some(15))
    );
}
