//! Each client generated from an accepted public spec builds, and a request made through
//! its resource tree is well formed: sent to a closed port it fails to connect rather than
//! being refused before sending, and sent to a server it reaches the path the spec says.

use std::collections::BTreeSet;

use featurebase_api::runtime::{Error, RequestOptions};
use featurebase_public_specs::{
    ACCEPTED, INCLUDED, api_with_examples, aspnetcore_todo, callback_example, link_example,
    petstore, petstore_expanded, simple_inventory, uspto,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Nothing listens on the discard port, so a request that gets as far as connecting fails.
const CLOSED: &str = "http://127.0.0.1:9";

/// No retries, so that the connection failure comes back at once.
fn once() -> RequestOptions {
    RequestOptions::new().max_retries(0)
}

fn assert_not_connected<T: std::fmt::Debug>(result: Result<T, Error>) {
    match result {
        Err(Error::Connection(_)) => {}
        other => panic!("expected a connection failure, got {other:?}"),
    }
}

#[test]
fn lib_rs_includes_every_accepted_spec() {
    let accepted: BTreeSet<&str> = ACCEPTED.split(',').filter(|s| !s.is_empty()).collect();
    let included: BTreeSet<&str> = INCLUDED.iter().copied().collect();
    assert_eq!(
        included, accepted,
        "src/lib.rs must include exactly the specs expectations.yaml accepts"
    );
}

#[tokio::test]
async fn petstore_lists_pets() {
    let client = petstore::Client::builder("k")
        .base_url(CLOSED)
        .build()
        .expect("client");
    let request = client.pets().list_pets().limit(10).with_options(once());
    assert_eq!(petstore::operations::ListPets::OPERATION.path, "/pets");
    assert_not_connected(request.await);
}

#[tokio::test]
async fn petstore_expanded_finds_pets_by_tags() {
    let client = petstore_expanded::Client::builder("k")
        .base_url(CLOSED)
        .build()
        .expect("client");
    let request = client
        .find_pets()
        .tags(vec!["dog".to_owned(), "cat".to_owned()])
        .limit(5)
        .with_options(once());
    assert_not_connected(request.await);
    let body = petstore_expanded::models::NewPet::new("Rex").tag("dog");
    assert_not_connected(client.add_pet(body).with_options(once()).await);
}

#[tokio::test]
async fn aspnetcore_todo_gets_an_item() {
    let client = aspnetcore_todo::Client::builder("k")
        .base_url(CLOSED)
        .build()
        .expect("client");
    assert_eq!(
        aspnetcore_todo::operations::ApiTodoByIdGet::OPERATION.path,
        "/api/Todo/{id}"
    );
    assert_not_connected(
        client
            .todo()
            .api_todo_by_id_get(7)
            .with_options(once())
            .await,
    );
}

#[tokio::test]
async fn simple_inventory_adds_an_item() {
    use simple_inventory::models::{InventoryItem, Manufacturer};
    let client = simple_inventory::Client::builder("k")
        .base_url(CLOSED)
        .build()
        .expect("client");
    let item = InventoryItem::new(
        "d290f1ee-6c54-4b01-90e6-d701748f0851",
        Manufacturer::new("ACME Corporation").home_page("https://www.acme-corp.com"),
        "Widget Adapter",
        "2016-08-29T09:12:33.001Z"
            .parse::<featurebase_api::runtime::Timestamp>()
            .expect("a timestamp"),
    );
    let request = client
        .admins()
        .add_inventory()
        .body(item)
        .with_options(once());
    assert_not_connected(request.await);
    let search = client
        .developers()
        .search_inventory()
        .search_string("widget")
        .limit(10);
    assert_not_connected(search.with_options(once()).await);
}

/// One exchange with a server on 127.0.0.1 that answers `body` to whatever it is sent;
/// returns the request it read, head and body.
async fn serve_once(listener: TcpListener, body: &'static str) -> String {
    let (mut socket, _) = listener.accept().await.expect("accept");
    let mut head = Vec::new();
    let mut buffer = [0; 1024];
    while !is_complete(&head) {
        let read = socket.read(&mut buffer).await.expect("read");
        assert!(read > 0, "the client closed the connection");
        head.extend_from_slice(&buffer[..read]);
    }
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    socket.write_all(response.as_bytes()).await.expect("write");
    String::from_utf8_lossy(&head).into_owned()
}

/// Whether `request` holds the whole head and as much body as it announces.
fn is_complete(request: &[u8]) -> bool {
    let text = String::from_utf8_lossy(request).to_ascii_lowercase();
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return false;
    };
    let length = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length: "))
        .map_or(0, |length| length.trim().parse().expect("a length"));
    body.len() >= length
}

#[tokio::test]
async fn petstore_shows_a_pet_from_a_server() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base_url = format!("http://{}/v1", listener.local_addr().expect("address"));
    let server = tokio::spawn(serve_once(listener, r#"{"id": 7, "name": "Rex"}"#));
    let client = petstore::Client::builder("k")
        .base_url(base_url)
        .build()
        .expect("client");
    let pet = client.pets().show_pet_by_id("7").await.expect("pet");
    assert_eq!((pet.id, pet.name.as_str(), pet.tag), (7, "Rex", None));
    let head = server.await.expect("server");
    assert!(head.starts_with("GET /v1/pets/7 HTTP/1.1\r\n"), "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("authorization: bearer k\r\n"),
        "{head}"
    );
}

#[tokio::test]
async fn api_with_examples_accepts_a_body_it_has_no_schema_for() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base_url = format!("http://{}", listener.local_addr().expect("address"));
    let server = tokio::spawn(serve_once(listener, r#"{"versions": []}"#));
    let client = api_with_examples::Client::builder("k")
        .base_url(base_url)
        .build()
        .expect("client");
    let () = client.list_versionsv2().await.expect("versions");
    let head = server.await.expect("server");
    assert!(head.starts_with("GET / HTTP/1.1\r\n"), "{head}");
}

#[tokio::test]
async fn link_example_gets_a_user_from_a_server() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base_url = format!("http://{}", listener.local_addr().expect("address"));
    let server = tokio::spawn(serve_once(listener, r#"{"username": "ann", "uuid": "u1"}"#));
    let client = link_example::Client::builder("k")
        .base_url(base_url)
        .build()
        .expect("client");
    let user = client.get_user_by_name("ann").await.expect("user");
    assert_eq!(user.username.as_deref(), Some("ann"));
    assert_eq!(user.uuid.as_deref(), Some("u1"));
    let head = server.await.expect("server");
    assert!(
        head.starts_with("GET /2.0/users/ann HTTP/1.1\r\n"),
        "{head}"
    );
}

#[tokio::test]
async fn callback_example_subscribes_through_its_derived_name() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base_url = format!("http://{}", listener.local_addr().expect("address"));
    let server = tokio::spawn(serve_once(listener, r#"{"subscriptionId": "s1"}"#));
    let client = callback_example::Client::builder("k")
        .base_url(base_url)
        .build()
        .expect("client");
    let subscription = client
        .post_streams("https://example.com/hook")
        .await
        .expect("subscription");
    assert_eq!(subscription.subscription_id, "s1");
    let head = server.await.expect("server");
    let line = "POST /streams?callbackUrl=https%3A%2F%2Fexample.com%2Fhook HTTP/1.1\r\n";
    assert!(head.starts_with(line), "{head}");
}

#[tokio::test]
async fn uspto_searches_with_a_form_body() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base_url = format!("http://{}", listener.local_addr().expect("address"));
    let server = tokio::spawn(serve_once(listener, r#"[{"doc": {"id": 1}}]"#));
    let client = uspto::Client::builder("k")
        .base_url(base_url)
        .build()
        .expect("client");
    let criteria = uspto::models::PerformSearchRequest::new("title:a&b").rows(2);
    let found = client
        .search()
        .perform_search("oa_citations", "v1")
        .body(criteria)
        .await
        .expect("records");
    assert_eq!(found[0]["doc"]["id"], serde_json::json!(1));
    let request = server.await.expect("server");
    assert!(
        request.starts_with("POST /oa_citations/v1/records HTTP/1.1\r\n"),
        "{request}"
    );
    let lower = request.to_ascii_lowercase();
    assert!(
        lower.contains("\r\ncontent-type: application/x-www-form-urlencoded\r\n"),
        "{request}"
    );
    assert!(
        request.ends_with("\r\n\r\ncriteria=title%3Aa%26b&rows=2"),
        "{request}"
    );
}
