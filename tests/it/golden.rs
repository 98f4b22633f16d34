//! Golden-file tests of the generator: each `golden/<fixture>/spec.yaml` must generate
//! exactly the files under `golden/<fixture>/expected/` (the client's modules, and the mock
//! server's inline in `mock.rs`). Re-bless after an intended change
//! with `UPDATE_EXPECT=1 cargo test -p featurebase-tests --test it golden`.

use std::path::Path;

use expect_test::expect_file;

const FIXTURES: &[&str] = &["petstore", "shapes", "naming", "composition"];

#[test]
fn fixtures_generate_their_expected_files() {
    for fixture in FIXTURES {
        let spec_path = format!("tests/golden/{fixture}/spec.yaml");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let spec = std::fs::read_to_string(root.join(&spec_path)).expect("fixture spec");
        let files = featurebase_codegen::generate(&spec, &spec_path)
            .unwrap_or_else(|diagnostics| panic!("{fixture}: {diagnostics}"));
        assert_eq!(files.warnings, [], "{fixture}");
        for file in files.output {
            // Relative to this source file, as expect_file! wants.
            expect_file![format!("../golden/{fixture}/expected/{}", file.path)]
                .assert_eq(&file.contents);
        }
        let mock = featurebase_codegen::server_inline(&spec, &spec_path)
            .unwrap_or_else(|diagnostics| panic!("{fixture}: {diagnostics}"));
        expect_file![format!("../golden/{fixture}/expected/mock.rs")].assert_eq(&mock.output);
    }
}

#[test]
fn generation_is_deterministic_whatever_the_map_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let spec = std::fs::read_to_string(root.join("spec/featurebase.yaml")).expect("spec");
    let reordered = reverse_maps(&spec);
    assert_ne!(spec, reordered);
    let first = featurebase_codegen::generate(&spec, "spec.yaml").expect("generates");
    let second = featurebase_codegen::generate(&reordered, "spec.yaml").expect("generates");
    assert_eq!(first.output, second.output);
}

/// The same YAML document with every mapping's keys in reverse order.
fn reverse_maps(yaml: &str) -> String {
    fn reverse(value: serde_yaml::Value) -> serde_yaml::Value {
        match value {
            serde_yaml::Value::Mapping(map) => {
                let mut entries: Vec<_> = map.into_iter().collect();
                entries.reverse();
                serde_yaml::Value::Mapping(
                    entries.into_iter().map(|(k, v)| (k, reverse(v))).collect(),
                )
            }
            serde_yaml::Value::Sequence(items) => {
                serde_yaml::Value::Sequence(items.into_iter().map(reverse).collect())
            }
            other => other,
        }
    }
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).expect("yaml");
    serde_yaml::to_string(&reverse(value)).expect("yaml")
}

/// The composition golden decodes and encodes as its spec says.
#[test]
fn composed_types_behave() {
    use featurebase_tests::composition::models::{Animal, Cat, FeedingFood, Mood, Priority};
    let decode = |json: &str| serde_json::from_str::<Animal>(json);

    let cat = decode(r#"{"kind": "kitty", "name": "Tom", "lives": 9, "id": "c1"}"#).expect("a cat");
    let Animal::Cat(cat) = cat else {
        panic!("the mapping names cats `kitty`")
    };
    assert_eq!((cat.lives, cat.id.as_deref()), (9, Some("c1")));
    let sent = serde_json::to_value(Cat::new("kitty", 7, "Kit")).expect("encodes");
    assert_eq!(
        sent,
        serde_json::json!({"kind": "kitty", "lives": 7, "name": "Kit"}),
        "readOnly `id` is never sent"
    );
    let wrong_tag = Animal::Cat(Cat::new("dog", 7, "Kit"));
    let sent = serde_json::to_value(&wrong_tag).expect("encodes");
    assert_eq!(
        sent["kind"], "kitty",
        "a union sends its variant's discriminator"
    );

    let dog =
        decode(r#"{"kind": "Dog", "name": "Rex", "goodBoy": true, "owner": null}"#).expect("a dog");
    assert!(matches!(dog, Animal::Dog(ref dog) if dog.good_boy));
    assert!(matches!(
        decode(r#"{"kind": "axolotl"}"#),
        Ok(Animal::Unknown(_))
    ));
    let error = decode(r#"{"kind": "kitty", "name": "Tom"}"#).expect_err("a cat needs lives");
    assert!(error.to_string().contains("lives"), "{error}");

    let food = |json: &str| serde_json::from_str::<FeedingFood>(json).expect("food");
    assert_eq!(food(r#""fish""#), FeedingFood::String("fish".to_owned()));
    assert!(matches!(
        food(r#"{"ingredients": ["rice"]}"#),
        FeedingFood::Recipe(_)
    ));

    assert_eq!(
        serde_json::from_str::<Mood>("-1").expect("mood"),
        Mood::Minus1
    );
    assert_eq!(
        serde_json::from_str::<Mood>("5").expect("mood"),
        Mood::Unknown(5)
    );
    assert_eq!(
        serde_json::to_string(&Priority::High).expect("encodes"),
        "3"
    );
    let error = serde_json::from_str::<Priority>("7").expect_err("closed enum");
    assert!(error.to_string().contains("one of 1, 2, 3"), "{error}");
}

/// Checked decoding in the composition golden: a non-empty patch with a clearable field,
/// and an identity of one field next to a map of extra fields.
#[test]
fn checked_types_decode_only_what_can_be_built() {
    use featurebase_tests::composition::models::{AnimalPatch, Tag};
    let patch = |json: &str| serde_json::from_str::<AnimalPatch>(json);
    let cleared = patch(r#"{"lives": 1, "nickname": null}"#).expect("a null clears");
    assert_eq!(cleared, AnimalPatch::with_lives(1).clear_nickname());
    patch(r#"{"nickname": null}"#).expect("clearing is a change");
    let error = patch("{}").expect_err("empty");
    assert_eq!(
        error.to_string(),
        "expected at least one of `lives`, `nickname`"
    );
    let error = patch(r#"{"lives": 1, "age": 2}"#).expect_err("unknown field");
    assert!(
        error.to_string().starts_with("unknown field `age`"),
        "{error}"
    );

    let tag: Tag =
        serde_json::from_str(r#"{"label": "cute", "color": "red", "size": "s"}"#).expect("a tag");
    assert_eq!(tag.extra.get("size").map(String::as_str), Some("s"));
    assert_eq!(tag, {
        let mut built = Tag::with_label("cute").color("red");
        built.extra.insert("size".to_owned(), "s".to_owned());
        built
    });
    let error = serde_json::from_str::<Tag>(r#"{"color": "red"}"#).expect_err("no label");
    assert_eq!(error.to_string(), "expected the identifying fields `label`");
}

/// An operation newer than the client's pinned API version is refused before sending;
/// the composition spec's own version (`2026-08-19.orbit`) is the default pin.
#[tokio::test]
async fn operations_newer_than_the_pinned_version_are_refused() {
    use featurebase_api::Error;
    use featurebase_tests::composition::Client;
    use featurebase_tests::composition::models::{Animal, Cat};

    let client = |version: Option<&str>| {
        let builder = Client::builder("key")
            .base_url("http://127.0.0.1:9")
            .max_retries(0);
        let builder = match version {
            Some(version) => builder.api_version(version),
            None => builder,
        };
        builder.build().expect("client")
    };
    let animal = || Animal::Cat(Cat::new("kitty", 9, "Tom"));

    let refused = client(Some("2026-01-01.nova"))
        .animals()
        .create_animal(animal())
        .await;
    let Err(Error::InvalidRequest(message)) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(
        message,
        "`createAnimal` needs API version 2026-08-19.orbit or newer; this request is pinned to 2026-01-01.nova"
    );
    let sent = client(None).animals().create_animal(animal()).await;
    assert!(
        matches!(sent, Err(Error::Connection(_))),
        "sent (nothing listens on port 9): {sent:?}"
    );
}

/// The petstore fixture documents no response examples: its mock answers what the spec
/// says without one (an empty 201 or 204) and refuses to make up a body.
#[tokio::test]
async fn a_mock_without_examples_answers_only_what_the_spec_says() {
    use featurebase_tests::petstore_mock::mock;

    struct Unimplemented;
    impl mock::Api for Unimplemented {}

    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let app = mock::router(std::sync::Arc::new(Unimplemented));
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let http = reqwest::Client::new();
    let deleted = http
        .delete(format!("{url}/pets/p1"))
        .send()
        .await
        .expect("answers");
    assert_eq!(deleted.status(), 204);
    assert_eq!(deleted.bytes().await.expect("body").len(), 0);

    let fetched = http
        .get(format!("{url}/pets/p1"))
        .send()
        .await
        .expect("answers");
    assert_eq!(fetched.status(), 501);
    let body: serde_json::Value =
        serde_json::from_slice(&fetched.bytes().await.expect("body")).expect("JSON");
    assert_eq!(body["error"]["type"], "api_error", "{body}");
    assert_eq!(
        body["error"]["message"],
        "`getPet` is not implemented and the spec documents no example reply"
    );

    let invalid = http
        .get(format!("{url}/pets/p1/toys/seven"))
        .send()
        .await
        .expect("answers");
    assert_eq!(invalid.status(), 400, "toyId is an integer");
    server.abort();
}
