//! The synthetic spec has the real API's size, and its client's resource tree is usable
//! across tags. Requests are only built, never sent.

use std::collections::BTreeSet;

use featurebase_synthetic::api::Client;
use featurebase_synthetic::api::models::{
    AddTeamMemberRequest, CreateBoardRequest, CreateCommentRequest, CreateTicketRequest,
    TicketPriority, UpdateConversationRequest, UpsertContactRequest, WebhookEvent,
};

const SPEC: &str = include_str!("../spec.yaml");

#[test]
fn the_spec_has_the_real_apis_size() {
    let api = featurebase_codegen::lower(SPEC)
        .unwrap_or_else(|d| panic!("{}", d.render("spec")))
        .output;
    let operations = api.operations.len();
    assert!(operations >= 100, "{operations} operations");

    let top_level: BTreeSet<&str> = api
        .operations
        .iter()
        .map(|operation| operation.sdk_path[0].as_str())
        .collect();
    assert!(top_level.len() >= 18, "{top_level:?}");
    assert_eq!(api.root.children.len(), top_level.len());

    let doc: serde_yaml::Value = serde_yaml::from_str(SPEC).expect("YAML");
    let mut tags = BTreeSet::new();
    for (_, methods) in doc["paths"].as_mapping().expect("paths") {
        for (_, operation) in methods.as_mapping().expect("path item") {
            tags.insert(operation["tags"][0].as_str().expect("a tag").to_owned());
        }
    }
    assert!(tags.len() >= 18, "{tags:?}");

    // Every operation became one request builder with its `OPERATION` description.
    let consts = featurebase_synthetic::GENERATED
        .matches("pub const OPERATION: rt::Operation")
        .count();
    assert_eq!(consts, operations);
}

#[test]
fn requests_of_every_kind_are_built_through_the_tree() -> Result<(), featurebase_api::Error> {
    let client = Client::builder("key")
        .base_url("http://127.0.0.1:9")
        .build()?;

    // Boards: a paginated list with shared parameters, and a create with a closed body.
    let _list = client.boards().list().limit(50).cursor("abc");
    let _create = client
        .boards()
        .create(CreateBoardRequest::new("Feature requests").description("Ideas"));
    // A sub-resource of one operation takes the id itself.
    let _board_posts = client.boards().posts().list("board_1").limit(10);

    // Posts: a sub-resource with two operations binds the shared `{id}`.
    let comments = client.posts().comments("post_1");
    let _comment = comments.create(CreateCommentRequest::new("Thanks!").is_private(true));
    let _comments = comments.list();
    let _remove_vote = client.posts().voters("post_1").remove("contact_1");

    // Teams: members bound to a team.
    let members = client.teams().members("team_1");
    let _add = members.add(AddTeamMemberRequest::new("admin_1"));
    let _remove = members.remove("admin_1");

    // Help center: a two-level resource path.
    let _article = client.help_center().articles().retrieve("article_1");

    // Conversations: a non-empty update (`minProperties: 1`).
    let _update = client.conversations().update(
        "conversation_1",
        UpdateConversationRequest::with_assignee_id("admin_1"),
    );

    // Tickets (a newer API version): an integer enum as body field and query parameter.
    let _ticket = client.tickets().create(CreateTicketRequest::new(
        TicketPriority::V3,
        "Cannot export",
    ));
    let _tickets = client.tickets().list().priority(TicketPriority::V4);

    // Users: an upsert with an identity, under `users`.
    let _contact = client
        .users()
        .contacts()
        .create_or_update(UpsertContactRequest::with_user_id("usr_1"));
    let _company_contacts = client.users().companies().contacts("company_1").list();

    // Webhooks and the organization.
    let _deliveries = client.webhooks().deliveries().list("webhook_1");
    let _organization = client.organization().retrieve();
    Ok(())
}

#[test]
fn webhook_events_are_told_apart_by_type() {
    let event = serde_json::json!({
        "type": "comment.created",
        "id": "evt_1",
        "createdAt": "2026-01-02T03:04:05Z",
        "data": {
            "object": "comment",
            "id": "comment_1",
            "createdAt": "2026-01-02T03:04:05Z",
            "postId": "post_1",
            "parentId": null,
            "content": "Nice",
            "isPrivate": false
        }
    });
    let decoded: WebhookEvent = serde_json::from_value(event).expect("a comment event");
    match decoded {
        WebhookEvent::CommentCreatedEvent(event) => assert_eq!(event.data.content, "Nice"),
        other => panic!("decoded as {other:?}"),
    }

    let unknown = serde_json::json!({"type": "board.archived", "id": "evt_2"});
    let decoded: WebhookEvent = serde_json::from_value(unknown).expect("kept");
    assert!(matches!(decoded, WebhookEvent::Unknown(_)));
}
