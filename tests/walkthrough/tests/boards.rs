//! After the walkthrough's edit and nothing else, the mock has a route for `listBoards`
//! that answers the spec's documented example, and the new client method reads it.

use std::sync::Arc;

use featurebase_walkthrough::{Client, mock};

/// A mock where nothing is implemented: every operation answers its documented reply.
struct Documented;

impl mock::Api for Documented {}

async fn serve() -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let app = mock::router(Arc::new(Documented));
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (url, server)
}

#[tokio::test]
async fn the_new_operation_answers_its_documented_example() {
    let (url, server) = serve().await;
    let documented: serde_json::Value = serde_json::from_str(
        mock::operations::LIST_BOARDS
            .example
            .as_ref()
            .and_then(|example| example.body)
            .expect("listBoards documents an example"),
    )
    .expect("JSON");

    let raw = reqwest::Client::new()
        .get(format!("{url}/v2/boards?limit=10"))
        .bearer_auth("any-key")
        .send()
        .await
        .expect("the mock answers");
    assert_eq!(raw.status(), 200);
    let body: serde_json::Value =
        serde_json::from_slice(&raw.bytes().await.expect("body")).expect("JSON");
    assert_eq!(body, documented);

    let client = Client::builder("any-key")
        .base_url(&url)
        .build()
        .expect("client");
    let page = client
        .boards()
        .list()
        .limit(10)
        .await
        .expect("a page of boards");
    let names: Vec<&str> = page.data.iter().map(|board| board.name.as_str()).collect();
    assert_eq!(names, ["Feature Requests", "Bugs"]);
    assert!(!page.has_more());
    server.abort();
}

#[tokio::test]
async fn the_new_route_validates_what_the_spec_says() {
    let (url, server) = serve().await;
    let raw = reqwest::Client::new()
        .get(format!("{url}/v2/boards?limit=0"))
        .bearer_auth("any-key")
        .send()
        .await
        .expect("the mock answers");
    assert_eq!(raw.status(), 400);
    let unauthenticated = reqwest::Client::new()
        .get(format!("{url}/v2/boards"))
        .send()
        .await
        .expect("the mock answers");
    assert_eq!(unauthenticated.status(), 401);
    server.abort();
}
