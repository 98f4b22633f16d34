#!/usr/bin/env python3
"""Writes tests/synthetic/spec.yaml: a synthetic Featurebase-shaped OpenAPI 3.0.3 spec.

The real Featurebase API publishes about 110 operations in about 20 tags. This script
builds a document of that size and shape, following the conventions of
spec/featurebase.yaml (see spec/README.md): `/v2/<resource>` paths, `{id}` path
parameters with an `x-id-type` per resource, the shared `FeaturebaseVersion`, `Limit`
and `Cursor` parameters, cursor-paginated list envelopes, `x-sdk-path`,
`x-available-since`, `x-idempotent`, errors through `components/responses`, closed
request bodies, `allOf` response schemas, a discriminated `oneOf`, integer enums, maps,
nullable, readOnly and deprecated fields.

Standard library only and deterministic (no clock, no randomness, insertion-ordered
dicts), so the same script always writes the same bytes:

    python3 tests/synthetic/make_spec.py            # writes spec.yaml next to this file
    python3 tests/synthetic/make_spec.py --stdout   # prints it instead
"""

import json
import re
import sys
from pathlib import Path

NOVA = "2026-01-01.nova"
ORBIT = "2026-08-19.orbit"

# --------------------------------------------------------------------------------------
# Schema helpers
# --------------------------------------------------------------------------------------


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def string(description, **extra):
    return {"type": "string", "description": description, **extra}


def text(description, nullable=False, **extra):
    schema = string(description, **extra)
    if nullable:
        schema["nullable"] = True
    return schema


def date_time(description, nullable=False, **extra):
    schema = {"type": "string", "format": "date-time", "description": description}
    if nullable:
        schema["nullable"] = True
    schema.update(extra)
    if "example" not in schema:
        schema["example"] = "2025-01-15T10:30:00.000Z"
    return schema


def uri(description, nullable=False, **extra):
    schema = {"type": "string", "format": "uri", "description": description}
    if nullable:
        schema["nullable"] = True
    schema.update(extra)
    return schema


def integer(description, **extra):
    return {"type": "integer", "description": description, **extra}


def number(description, **extra):
    return {"type": "number", "description": description, **extra}


def boolean(description, **extra):
    return {"type": "boolean", "description": description, **extra}


def array(items, description, **extra):
    return {"type": "array", "description": description, "items": items, **extra}


def string_map(description, values=None, **extra):
    """An open map: `additionalProperties: true` or a value schema."""
    return {
        "type": "object",
        "description": description,
        "additionalProperties": True if values is None else values,
        **extra,
    }


def literal(value, description=None):
    return {
        "type": "string",
        "enum": [value],
        "description": description or f"Object type identifier. Always `{value}`.",
    }


def ident(id_type, description, read_only=False, nullable=False, example=None):
    schema = {"type": "string", "x-id-type": id_type, "description": description}
    if nullable:
        schema["nullable"] = True
    if read_only:
        schema["readOnly"] = True
    schema["example"] = example or "507f1f77bcf86cd799439011"
    return schema


def enum(values, description, varnames=None):
    schema = {"type": "string", "enum": list(values), "description": description}
    if varnames:
        schema["x-enum-varnames"] = list(varnames)
    return schema


def nullable_ref(name, description):
    """The OpenAPI 3.0 spelling of a nullable reference."""
    return {"description": description, "nullable": True, "allOf": [ref(name)]}


def obj(properties, required=(), description=None, closed=False, **extra):
    schema = {"type": "object"}
    if description:
        schema["description"] = description
    if closed:
        schema["additionalProperties"] = False
    schema.update(extra)
    if required:
        schema["required"] = list(required)
    schema["properties"] = properties
    return schema


# --------------------------------------------------------------------------------------
# Resources
# --------------------------------------------------------------------------------------


class Resource:
    """One top-level collection `/v2/<path>` with the standard CRUD operations."""

    def __init__(
        self,
        tag,
        sdk,
        path,
        name,
        plural,
        id_type,
        object_name,
        fields,
        required,
        create,
        create_required,
        update,
        ops=("list", "create", "retrieve", "update", "delete"),
        since=NOVA,
        list_params=(),
        update_min_properties=False,
        description="",
    ):
        self.tag = tag
        self.sdk = sdk
        self.path = path
        self.name = name
        self.plural = plural
        self.id_type = id_type
        self.object_name = object_name
        self.fields = fields
        self.required = required
        self.create = create
        self.create_required = create_required
        self.update = update
        self.ops = ops
        self.since = since
        self.list_params = list_params
        self.update_min_properties = update_min_properties
        self.description = description

    @property
    def id_param(self):
        return f"{self.name}IdPath"

    @property
    def lower(self):
        return re.sub(r"(?<!^)([A-Z])", r" \1", self.name).lower()


def a(noun):
    """`noun` with its indefinite article."""
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def base_fields(resource, description):
    return {
        "object": literal(resource.object_name),
        "id": ident(resource.id_type, description, read_only=True),
    }


RESOURCES = []


def resource(**kwargs):
    r = Resource(**kwargs)
    RESOURCES.append(r)
    return r


BOARD = resource(
    tag="Boards",
    sdk="boards",
    path="boards",
    name="Board",
    plural="Boards",
    id_type="BoardId",
    object_name="board",
    description="Boards are the categories posts are submitted to (feature requests, bugs, ...).",
    fields={
        "name": string("Board name", example="Feature requests"),
        "description": text("What the board is for", nullable=True),
        "access": ref("BoardAccess"),
        "color": string(
            "Accent color of the board (hex). Replaced by the brand's colors.",
            deprecated=True,
            example="#3b82f6",
        ),
        "postCount": integer("Number of posts on the board", readOnly=True, minimum=0),
        "features": obj(
            {
                "allowVoting": boolean("Whether contacts can vote on posts"),
                "allowComments": boolean("Whether contacts can comment on posts"),
                "allowAnonymous": boolean("Whether anonymous posts are allowed"),
            },
            required=("allowVoting", "allowComments"),
            description="The features enabled on the board",
        ),
        "roles": array(string("A role ID"), "Roles that can see the board when it is restricted"),
    },
    required=("name", "access", "postCount"),
    create={
        "name": string("Board name", minLength=1, maxLength=100, example="Feature requests"),
        "description": string("What the board is for", maxLength=1000),
        "access": ref("BoardAccess"),
        "roles": array(string("A role ID"), "Roles that can see the board when it is restricted"),
    },
    create_required=("name",),
    update={
        "name": string("Board name", minLength=1, maxLength=100),
        "description": text("What the board is for; `null` removes it", nullable=True),
        "access": ref("BoardAccess"),
    },
)

POST = resource(
    tag="Posts",
    sdk="posts",
    path="posts",
    name="Post",
    plural="Posts",
    id_type="PostId",
    object_name="post",
    description="Posts are the feedback items (ideas, bug reports, ...) submitted to boards.",
    list_params=("BoardIdFilter", "StatusIdsFilter", "TagsFilter", "PostSortBy", "SortOrder", "SearchQuery"),
    fields={
        "title": string("Post title", example="Dark mode"),
        "content": string("Post body (Markdown)"),
        "boardId": ident("BoardId", "The board the post is on"),
        "statusId": ident("PostStatusId", "The post's status, if any", nullable=True),
        "author": nullable_ref("ContactSummary", "Who submitted the post (`null` if deleted)"),
        "tags": array(string("A tag name"), "Tags on the post"),
        "voteCount": integer("Number of votes", minimum=0, example=42),
        "upvotes": integer(
            "Number of upvotes. Use `voteCount`.",
            deprecated=True,
            minimum=0,
        ),
        "commentCount": integer("Number of comments", minimum=0),
        "priority": ref("Priority"),
        "customFields": string_map("Custom field values, keyed by custom field key"),
        "eta": date_time("Estimated completion date", nullable=True),
        "pinned": boolean("Whether the post is pinned to the top of its board"),
        "url": uri("Public URL of the post", example="https://feedback.acme.com/p/dark-mode"),
        "sentiment": {
            **enum(("positive", "neutral", "negative"), "AI-detected sentiment of the post"),
            "nullable": True,
            "x-available-since": ORBIT,
        },
    },
    required=("title", "boardId", "statusId", "voteCount", "url"),
    create={
        "title": string("Post title", minLength=2, maxLength=300, example="Dark mode"),
        "content": string("Post body (Markdown)", maxLength=20000),
        "boardId": ident("BoardId", "The board to post to"),
        "authorId": ident("ContactId", "Post on behalf of this contact"),
        "tags": array(string("A tag name"), "Tags to add"),
        "priority": ref("Priority"),
        "customFields": string_map("Custom field values, keyed by custom field key"),
        "eta": date_time("Estimated completion date"),
    },
    create_required=("title", "boardId"),
    update={
        "title": string("Post title", minLength=2, maxLength=300),
        "content": string("Post body (Markdown)", maxLength=20000),
        "statusId": ident("PostStatusId", "The new status; `null` clears it", nullable=True),
        "boardId": ident("BoardId", "Move the post to this board"),
        "tags": array(string("A tag name"), "Replaces the post's tags"),
        "priority": ref("Priority"),
        "eta": date_time("Estimated completion date; `null` clears it", nullable=True),
        "pinned": boolean("Pin or unpin the post"),
        "customFields": string_map("Custom field values to set"),
    },
    update_min_properties=True,
)

POST_STATUS = resource(
    tag="Post statuses",
    sdk="postStatuses",
    path="post-statuses",
    name="PostStatus",
    plural="PostStatuses",
    id_type="PostStatusId",
    object_name="post_status",
    description="Post statuses track where a post is in your process (in review, planned, ...).",
    fields={
        "name": string("Status name", example="In progress"),
        "color": string("Status color (hex)", pattern="^#[0-9a-fA-F]{6}$", example="#f59e0b"),
        "type": ref("PostStatusType"),
        "isDefault": boolean("Whether new posts get this status"),
        "order": integer("Position in the status list", minimum=0),
    },
    required=("name", "type", "isDefault"),
    create={
        "name": string("Status name", minLength=1, maxLength=60),
        "color": string("Status color (hex)", pattern="^#[0-9a-fA-F]{6}$"),
        "type": ref("PostStatusType"),
        "isDefault": boolean("Whether new posts get this status"),
    },
    create_required=("name", "type"),
    update={
        "name": string("Status name", minLength=1, maxLength=60),
        "color": string("Status color (hex)", pattern="^#[0-9a-fA-F]{6}$"),
        "isDefault": boolean("Whether new posts get this status"),
        "order": integer("Position in the status list", minimum=0),
    },
)

COMMENT = resource(
    tag="Comments",
    sdk="comments",
    path="comments",
    name="Comment",
    plural="Comments",
    id_type="CommentId",
    object_name="comment",
    description="Comments on posts and changelogs, including internal (private) notes.",
    ops=("list", "retrieve", "update", "delete"),
    list_params=("PostIdFilter", "SortOrder"),
    fields={
        "postId": ident("PostId", "The post commented on"),
        "parentId": ident("CommentId", "The comment replied to, if any", nullable=True),
        "content": string("Comment body (Markdown)"),
        "author": nullable_ref("ContactSummary", "Who wrote the comment (`null` if deleted)"),
        "isPrivate": boolean("Whether only admins can see the comment"),
        "pinned": boolean("Whether the comment is pinned"),
        "upvotes": integer("Number of upvotes", minimum=0),
        "reactions": string_map(
            "Reaction counts by emoji",
            values={"type": "integer", "minimum": 0},
        ),
    },
    required=("postId", "parentId", "content", "isPrivate"),
    create={
        "content": string("Comment body (Markdown)", minLength=1, maxLength=20000),
        "parentId": ident("CommentId", "Reply to this comment"),
        "authorId": ident("ContactId", "Comment on behalf of this contact"),
        "isPrivate": boolean("Only admins can see the comment"),
    },
    create_required=("content",),
    update={
        "content": string("Comment body (Markdown)", minLength=1, maxLength=20000),
        "isPrivate": boolean("Only admins can see the comment"),
        "pinned": boolean("Pin or unpin the comment"),
    },
)

CUSTOM_FIELD = resource(
    tag="Custom fields",
    sdk="customFields",
    path="custom-fields",
    name="CustomField",
    plural="CustomFields",
    id_type="CustomFieldId",
    object_name="custom_field",
    description="Custom fields add structured data to posts, contacts and companies.",
    fields={
        "label": string("Label shown to users", example="Plan"),
        "key": string("Key used in `customFields` maps", pattern="^[a-zA-Z][a-zA-Z0-9_]*$", example="plan"),
        "type": ref("CustomFieldType"),
        "appliesTo": enum(("post", "contact", "company"), "What the field is attached to"),
        "options": {**array(string("An option"), "Allowed values of a select field"), "nullable": True},
        "required": boolean("Whether a value is required"),
    },
    required=("label", "key", "type", "appliesTo"),
    create={
        "label": string("Label shown to users", minLength=1, maxLength=100),
        "key": string("Key used in `customFields` maps", pattern="^[a-zA-Z][a-zA-Z0-9_]*$"),
        "type": ref("CustomFieldType"),
        "appliesTo": enum(("post", "contact", "company"), "What the field is attached to"),
        "options": array(string("An option"), "Allowed values of a select field"),
        "required": boolean("Whether a value is required"),
    },
    create_required=("label", "key", "type", "appliesTo"),
    update={
        "label": string("Label shown to users", minLength=1, maxLength=100),
        "options": {**array(string("An option"), "Allowed values; `null` removes them"), "nullable": True},
        "required": boolean("Whether a value is required"),
    },
)

CHANGELOG = resource(
    tag="Changelogs",
    sdk="changelogs",
    path="changelogs",
    name="Changelog",
    plural="Changelogs",
    id_type="ChangelogId",
    object_name="changelog",
    description="Changelog entries announce what shipped.",
    list_params=("ChangelogStateFilter", "SearchQuery", "SortOrder"),
    fields={
        "title": string("Entry title", example="Dark mode is here"),
        "content": string("Entry body (Markdown)"),
        "state": ref("ChangelogState"),
        "publishedAt": date_time("When the entry went live", nullable=True),
        "scheduledFor": date_time("When the entry is scheduled to go live", nullable=True),
        "date": date_time("Publication date. Use `publishedAt`.", deprecated=True),
        "categories": array(string("A category name"), "Categories of the entry"),
        "featuredImage": uri("Header image", nullable=True),
        "locale": string("Language of the entry", example="en"),
        "linkedPostIds": array(ident("PostId", "A post"), "Posts this entry closes"),
    },
    required=("title", "state", "publishedAt"),
    create={
        "title": string("Entry title", minLength=1, maxLength=200),
        "content": string("Entry body (Markdown)"),
        "categories": array(string("A category name"), "Categories of the entry"),
        "featuredImage": uri("Header image"),
        "locale": string("Language of the entry", maxLength=10),
        "scheduledFor": date_time("Publish automatically at this time"),
        "linkedPostIds": array(ident("PostId", "A post"), "Posts this entry closes"),
    },
    create_required=("title", "content"),
    update={
        "title": string("Entry title", minLength=1, maxLength=200),
        "content": string("Entry body (Markdown)"),
        "categories": array(string("A category name"), "Categories of the entry"),
        "featuredImage": uri("Header image; `null` removes it", nullable=True),
        "scheduledFor": date_time("Publish automatically at this time; `null` cancels", nullable=True),
    },
)

ADMIN = resource(
    tag="Admins",
    sdk="admins",
    path="admins",
    name="Admin",
    plural="Admins",
    id_type="AdminId",
    object_name="admin",
    description="Admins are the members of your team with access to the dashboard.",
    ops=("list", "retrieve", "update"),
    fields={
        "name": string("Display name", example="Jane Admin"),
        "email": string("Email address", format="email", example="jane@acme.com"),
        "role": ref("AdminRole"),
        "teamIds": array(ident("TeamId", "A team"), "Teams the admin belongs to"),
        "lastSeenAt": date_time("Last dashboard activity", nullable=True),
        "profilePicture": uri("Avatar URL", nullable=True),
    },
    required=("name", "email", "role"),
    create={},
    create_required=(),
    update={
        "role": ref("AdminRole"),
        "teamIds": array(ident("TeamId", "A team"), "Replaces the admin's teams"),
    },
)

TEAM = resource(
    tag="Teams",
    sdk="teams",
    path="teams",
    name="Team",
    plural="Teams",
    id_type="TeamId",
    object_name="team",
    description="Teams group admins for assignment and routing.",
    fields={
        "name": string("Team name", example="Support"),
        "description": text("What the team does", nullable=True),
        "memberCount": integer("Number of admins in the team", minimum=0, readOnly=True),
        "icon": text("Emoji icon", nullable=True),
    },
    required=("name", "memberCount"),
    create={
        "name": string("Team name", minLength=1, maxLength=100),
        "description": string("What the team does", maxLength=1000),
        "icon": string("Emoji icon", maxLength=16),
    },
    create_required=("name",),
    update={
        "name": string("Team name", minLength=1, maxLength=100),
        "description": text("What the team does; `null` removes it", nullable=True),
        "icon": text("Emoji icon; `null` removes it", nullable=True),
    },
)

BRAND = resource(
    tag="Brands",
    sdk="brands",
    path="brands",
    name="Brand",
    plural="Brands",
    id_type="BrandId",
    object_name="brand",
    description="Brands let one organization run several branded portals.",
    fields={
        "name": string("Brand name", example="Acme"),
        "domain": text("Custom domain of the portal", nullable=True, example="feedback.acme.com"),
        "logoUrl": uri("Logo", nullable=True),
        "primaryColor": string("Primary color (hex)", pattern="^#[0-9a-fA-F]{6}$"),
        "isDefault": boolean("Whether this is the organization's default brand"),
    },
    required=("name", "isDefault"),
    create={
        "name": string("Brand name", minLength=1, maxLength=100),
        "domain": string("Custom domain of the portal", format="hostname"),
        "logoUrl": uri("Logo"),
        "primaryColor": string("Primary color (hex)", pattern="^#[0-9a-fA-F]{6}$"),
    },
    create_required=("name",),
    update={
        "name": string("Brand name", minLength=1, maxLength=100),
        "domain": text("Custom domain; `null` removes it", nullable=True),
        "logoUrl": uri("Logo; `null` removes it", nullable=True),
        "primaryColor": string("Primary color (hex)", pattern="^#[0-9a-fA-F]{6}$"),
    },
)

SURVEY = resource(
    tag="Surveys",
    sdk="surveys",
    path="surveys",
    name="Survey",
    plural="Surveys",
    id_type="SurveyId",
    object_name="survey",
    description="Surveys ask contacts structured questions (NPS, ratings, free text).",
    fields={
        "title": string("Survey title", example="How are we doing?"),
        "state": ref("SurveyState"),
        "questions": array(ref("SurveyQuestion"), "The questions, in order"),
        "responseCount": integer("Number of responses", minimum=0, readOnly=True),
        "startsAt": date_time("When the survey starts showing", nullable=True),
        "endsAt": date_time("When the survey stops showing", nullable=True),
    },
    required=("title", "state", "questions"),
    create={
        "title": string("Survey title", minLength=1, maxLength=200),
        "questions": array(ref("SurveyQuestion"), "The questions, in order", minItems=1),
        "startsAt": date_time("When the survey starts showing"),
        "endsAt": date_time("When the survey stops showing"),
    },
    create_required=("title", "questions"),
    update={
        "title": string("Survey title", minLength=1, maxLength=200),
        "state": ref("SurveyState"),
        "questions": array(ref("SurveyQuestion"), "Replaces the questions", minItems=1),
        "endsAt": date_time("When the survey stops showing; `null` runs it forever", nullable=True),
    },
)

ARTICLE = resource(
    tag="Help center",
    sdk="helpCenter.articles",
    path="help-center/articles",
    name="Article",
    plural="Articles",
    id_type="ArticleId",
    object_name="help_center_article",
    description="Help center articles and the collections that organize them.",
    list_params=("CollectionIdFilter", "SearchQuery"),
    fields={
        "title": string("Article title", example="Getting started"),
        "body": string("Article body (HTML)"),
        "slug": string("URL slug", example="getting-started"),
        "state": ref("ArticleState"),
        "collectionId": ident("CollectionId", "The collection the article is in", nullable=True),
        "authorId": ident("AdminId", "The admin who wrote it"),
        "translations": string_map(
            "Translated versions, keyed by locale",
            values=ref("ArticleTranslation"),
        ),
        "views": integer("Number of views", minimum=0, readOnly=True),
    },
    required=("title", "slug", "state", "collectionId"),
    create={
        "title": string("Article title", minLength=1, maxLength=250),
        "body": string("Article body (HTML)"),
        "collectionId": ident("CollectionId", "Put the article in this collection"),
        "state": ref("ArticleState"),
        "translations": string_map(
            "Translated versions, keyed by locale",
            values=ref("ArticleTranslation"),
        ),
    },
    create_required=("title", "body"),
    update={
        "title": string("Article title", minLength=1, maxLength=250),
        "body": string("Article body (HTML)"),
        "collectionId": ident("CollectionId", "Move the article; `null` takes it out", nullable=True),
        "state": ref("ArticleState"),
    },
)

COLLECTION = resource(
    tag="Help center",
    sdk="helpCenter.collections",
    path="help-center/collections",
    name="Collection",
    plural="Collections",
    id_type="CollectionId",
    object_name="help_center_collection",
    fields={
        "name": string("Collection name", example="Guides"),
        "description": text("What the collection holds", nullable=True),
        "parentId": ident("CollectionId", "The parent collection, if nested", nullable=True),
        "icon": text("Emoji icon", nullable=True),
        "articleCount": integer("Number of articles", minimum=0, readOnly=True),
    },
    required=("name", "parentId"),
    create={
        "name": string("Collection name", minLength=1, maxLength=100),
        "description": string("What the collection holds"),
        "parentId": ident("CollectionId", "Nest under this collection"),
        "icon": string("Emoji icon", maxLength=16),
    },
    create_required=("name",),
    update={
        "name": string("Collection name", minLength=1, maxLength=100),
        "description": text("What the collection holds; `null` removes it", nullable=True),
        "parentId": ident("CollectionId", "Move under this collection; `null` to the top", nullable=True),
    },
)

CONVERSATION = resource(
    tag="Conversations",
    sdk="conversations",
    path="conversations",
    name="Conversation",
    plural="Conversations",
    id_type="ConversationId",
    object_name="conversation",
    description="Conversations are messenger threads between contacts and your team.",
    ops=("list", "create", "retrieve", "update"),
    list_params=("ConversationStateFilter", "AssigneeIdFilter", "SortOrder"),
    fields={
        "state": ref("ConversationState"),
        "subject": text("Subject line", nullable=True),
        "contact": ref("ContactSummary"),
        "assigneeId": ident("AdminId", "The assigned admin, if any", nullable=True),
        "teamId": ident("TeamId", "The assigned team, if any", nullable=True),
        "tags": array(string("A tag name"), "Tags on the conversation"),
        "metadata": string_map("Integration metadata", values={"type": "string"}),
        "lastMessageAt": date_time("When the last message was sent", nullable=True),
        "aiSummary": {
            **text("AI-written summary of the conversation", nullable=True),
            "x-available-since": ORBIT,
        },
    },
    required=("state", "contact", "assigneeId"),
    create={
        "contactId": ident("ContactId", "The contact the conversation is with"),
        "subject": string("Subject line", maxLength=250),
        "body": string("The first message (Markdown)", minLength=1),
        "assigneeId": ident("AdminId", "Assign to this admin"),
        "metadata": string_map("Integration metadata", values={"type": "string"}),
    },
    create_required=("contactId", "body"),
    update={
        "state": ref("ConversationState"),
        "assigneeId": ident("AdminId", "Assign to this admin; `null` unassigns", nullable=True),
        "teamId": ident("TeamId", "Assign to this team; `null` unassigns", nullable=True),
        "tags": array(string("A tag name"), "Replaces the tags"),
        "snoozedUntil": date_time("Snooze until this time (with `state: snoozed`)"),
    },
    update_min_properties=True,
)

TAG = resource(
    tag="Tags",
    sdk="tags",
    path="tags",
    name="Tag",
    plural="Tags",
    id_type="TagId",
    object_name="tag",
    description="Tags label posts and conversations.",
    ops=("list", "retrieve", "update", "delete"),
    fields={
        "name": string("Tag name", example="enterprise"),
        "color": text("Tag color (hex)", nullable=True),
        "postCount": integer("Number of posts with the tag", minimum=0, readOnly=True),
        "private": boolean("Whether only admins can see the tag"),
    },
    required=("name", "color"),
    create={
        "name": string("Tag name; an existing tag of this name is updated", minLength=1, maxLength=50),
        "color": string("Tag color (hex)", pattern="^#[0-9a-fA-F]{6}$"),
        "private": boolean("Whether only admins can see the tag"),
    },
    create_required=("name",),
    update={
        "name": string("Tag name", minLength=1, maxLength=50),
        "color": text("Tag color (hex); `null` removes it", nullable=True),
        "private": boolean("Whether only admins can see the tag"),
    },
    update_min_properties=True,
)

TICKET = resource(
    tag="Tickets",
    sdk="tickets",
    path="tickets",
    name="Ticket",
    plural="Tickets",
    id_type="TicketId",
    object_name="ticket",
    description="Tickets track support requests that need follow-up.",
    since=ORBIT,
    list_params=("TicketStateFilter", "TicketPriorityFilter", "AssigneeIdFilter"),
    fields={
        "title": string("Ticket title", example="Cannot export CSV"),
        "description": text("Details", nullable=True),
        "state": ref("TicketState"),
        "priority": ref("TicketPriority"),
        "contactId": ident("ContactId", "The contact who reported it", nullable=True),
        "assigneeId": ident("AdminId", "The assigned admin", nullable=True),
        "conversationId": ident("ConversationId", "The conversation it came from", nullable=True),
        "metadata": string_map("Integration metadata", values={"type": "string"}),
        "dueAt": date_time("When it is due", nullable=True),
    },
    required=("title", "state", "priority"),
    create={
        "title": string("Ticket title", minLength=1, maxLength=250),
        "description": string("Details"),
        "priority": ref("TicketPriority"),
        "contactId": ident("ContactId", "The contact who reported it"),
        "conversationId": ident("ConversationId", "The conversation it came from"),
        "metadata": string_map("Integration metadata", values={"type": "string"}),
        "dueAt": date_time("When it is due"),
    },
    create_required=("title", "priority"),
    update={
        "title": string("Ticket title", minLength=1, maxLength=250),
        "state": ref("TicketState"),
        "priority": ref("TicketPriority"),
        "assigneeId": ident("AdminId", "Assign to this admin; `null` unassigns", nullable=True),
        "dueAt": date_time("When it is due; `null` clears it", nullable=True),
    },
)

WEBHOOK = resource(
    tag="Webhooks",
    sdk="webhooks",
    path="webhooks",
    name="Webhook",
    plural="Webhooks",
    id_type="WebhookId",
    object_name="webhook",
    description="Webhooks send events to your endpoints as they happen.",
    fields={
        "url": uri("Endpoint the events are POSTed to", example="https://example.com/hooks/featurebase"),
        "events": array(ref("WebhookEventType"), "The events sent to the endpoint"),
        "status": ref("WebhookStatus"),
        "signingSecret": string("Secret used to sign deliveries (`X-Featurebase-Signature`)", readOnly=True),
        "headers": string_map("Extra headers sent with each delivery", values={"type": "string"}),
        "failureCount": integer("Consecutive failed deliveries", minimum=0),
    },
    required=("url", "events", "status"),
    create={
        "url": uri("Endpoint the events are POSTed to"),
        "events": array(ref("WebhookEventType"), "The events to send", minItems=1),
        "headers": string_map("Extra headers sent with each delivery", values={"type": "string"}),
    },
    create_required=("url", "events"),
    update={
        "url": uri("Endpoint the events are POSTed to"),
        "events": array(ref("WebhookEventType"), "The events to send", minItems=1),
        "status": ref("WebhookStatus"),
        "headers": string_map("Extra headers sent with each delivery", values={"type": "string"}),
    },
)

ROADMAP = resource(
    tag="Roadmaps",
    sdk="roadmaps",
    path="roadmaps",
    name="Roadmap",
    plural="Roadmaps",
    id_type="RoadmapId",
    object_name="roadmap",
    description="Roadmaps show posts grouped by status.",
    ops=("list", "retrieve", "update"),
    fields={
        "name": string("Roadmap name", example="Public roadmap"),
        "description": text("What the roadmap shows", nullable=True),
        "columns": array(ref("RoadmapColumn"), "The columns, left to right"),
        "public": boolean("Whether the roadmap is on the public portal"),
    },
    required=("name", "columns", "public"),
    create={},
    create_required=(),
    update={
        "name": string("Roadmap name", minLength=1, maxLength=100),
        "description": text("What the roadmap shows; `null` removes it", nullable=True),
        "columns": array(ref("RoadmapColumn"), "Replaces the columns"),
        "public": boolean("Whether the roadmap is on the public portal"),
    },
)

NOTIFICATION = resource(
    tag="Notifications",
    sdk="notifications",
    path="notifications",
    name="Notification",
    plural="Notifications",
    id_type="NotificationId",
    object_name="notification",
    description="Notifications of the admin the API key belongs to.",
    ops=("list",),
    list_params=("UnreadOnly",),
    fields={
        "kind": ref("NotificationKind"),
        "read": boolean("Whether it was read"),
        "title": string("One-line summary"),
        "link": uri("Where it points in the dashboard", nullable=True),
    },
    required=("kind", "read", "title"),
    create={},
    create_required=(),
    update={},
)

# --------------------------------------------------------------------------------------
# Shared component schemas
# --------------------------------------------------------------------------------------


def shared_schemas():
    s = {}
    s["Timestamps"] = obj(
        {
            "createdAt": date_time("When the object was created", readOnly=True),
            "updatedAt": date_time("When the object was last changed", nullable=True, readOnly=True),
        },
        required=("createdAt",),
        description="Timestamps every object carries.",
    )
    s["ListEnvelope"] = obj(
        {
            "object": literal("list"),
            "nextCursor": {
                "type": "string",
                "nullable": True,
                "description": "Cursor for fetching the next page; `null` if no more results",
                "example": "eyJpZCI6IjUwN2YxZjc3YmNmODZjZDc5OTQzOTAxMSJ9",
            },
        },
        required=("object", "nextCursor"),
        description="The fields every list response has (cursor-based pagination).",
    )
    s["ContactSummary"] = obj(
        {
            "id": ident("ContactId", "The Featurebase contact ID"),
            "name": string("Display name", example="John Doe"),
            "email": text("Email address", nullable=True, format="email"),
            "profilePicture": uri("Avatar URL", nullable=True),
        },
        required=("id", "name"),
        description="A contact as embedded in other objects.",
    )
    s["BoardAccess"] = enum(
        ("public", "private", "restricted"),
        "Who can see the board: everyone, admins only, or the listed roles.",
    )
    s["Priority"] = {
        "type": "integer",
        "enum": [0, 1, 2, 3],
        "x-enum-varnames": ["Unset", "Low", "Medium", "High"],
        "description": "Priority of a post: 0 (unset) to 3 (high).",
    }
    s["TicketPriority"] = {
        "type": "integer",
        "enum": [1, 2, 3, 4],
        "description": "Ticket priority: 1 (low), 2 (normal), 3 (high), 4 (urgent).",
    }
    s["SurveyScale"] = {
        "type": "integer",
        "enum": [5, 7, 10],
        "x-enum-varnames": ["Five", "Seven", "Ten"],
        "description": "Number of points on a rating scale.",
    }
    s["PostStatusType"] = enum(
        ("reviewing", "unstarted", "active", "completed", "canceled"),
        "The stage a status represents.",
    )
    s["CustomFieldType"] = enum(
        ("text", "number", "select", "multi_select", "date", "checkbox"),
        "The kind of value a custom field holds.",
    )
    s["ChangelogState"] = enum(("draft", "scheduled", "live"), "Publication state of a changelog entry.")
    s["AdminRole"] = enum(("owner", "admin", "member", "viewer"), "What an admin may do.")
    s["SurveyState"] = enum(("draft", "active", "paused", "archived"), "Whether a survey is shown.")
    s["ArticleState"] = enum(("draft", "published"), "Whether an article is visible.")
    s["ConversationState"] = enum(("open", "snoozed", "closed"), "State of a conversation.")
    s["TicketState"] = enum(
        ("submitted", "in_progress", "waiting_on_customer", "resolved"),
        "Where a ticket is in its lifecycle.",
    )
    s["WebhookStatus"] = enum(("active", "disabled"), "Whether a webhook receives deliveries.")
    s["NotificationKind"] = enum(
        ("mention", "assignment", "new_post", "new_comment"),
        "What a notification is about.",
    )
    s["WebhookEventType"] = enum(
        (
            "post.created",
            "post.updated",
            "post.status_changed",
            "comment.created",
            "changelog.published",
            "conversation.closed",
        ),
        "An event a webhook can subscribe to.",
    )
    s["SurveyQuestion"] = obj(
        {
            "id": string("Question ID, unique within the survey", example="q1"),
            "prompt": string("The question", example="How likely are you to recommend us?"),
            "kind": enum(("rating", "nps", "text", "choice"), "The kind of answer expected"),
            "scale": ref("SurveyScale"),
            "choices": array(string("A choice"), "The choices of a `choice` question"),
            "optional": boolean("Whether the question may be skipped"),
        },
        required=("id", "prompt", "kind"),
        description="One survey question.",
    )
    s["ArticleTranslation"] = obj(
        {
            "title": string("Translated title"),
            "body": string("Translated body (HTML)"),
            "state": ref("ArticleState"),
        },
        required=("title", "body"),
        description="A translated version of an article.",
    )
    s["RoadmapColumn"] = obj(
        {
            "statusId": ident("PostStatusId", "Posts with this status go in the column"),
            "title": string("Column title", example="Planned"),
        },
        required=("statusId", "title"),
        description="A roadmap column.",
    )
    return s


# --------------------------------------------------------------------------------------
# Paths and operations
# --------------------------------------------------------------------------------------

ERRORS = {
    "list": ("400", "401", "429", "500"),
    "create": ("400", "401", "429", "500"),
    "retrieve": ("401", "404", "429", "500"),
    "update": ("400", "401", "404", "429", "500"),
    "delete": ("401", "404", "429", "500"),
    "action": ("400", "401", "404", "429", "500"),
    "conflict": ("400", "401", "404", "409", "429", "500"),
}

ERROR_RESPONSES = {
    "400": "BadRequest",
    "401": "Unauthorized",
    "403": "Forbidden",
    "404": "NotFound",
    "409": "Conflict",
    "429": "TooManyRequests",
    "500": "InternalServerError",
}

PATHS = {}
OPERATION_COUNT = 0


def param(name):
    return {"$ref": f"#/components/parameters/{name}"}


def json_response(description, schema_name):
    return {
        "description": description,
        "content": {"application/json": {"schema": ref(schema_name)}},
    }


def operation(
    path,
    method,
    *,
    tag,
    operation_id,
    sdk_path,
    summary,
    description,
    params=(),
    body=None,
    body_description=None,
    ok=None,
    ok_description="Success.",
    status="200",
    errors="action",
    since=NOVA,
    paginated=False,
    idempotent=False,
    deprecated=False,
    created_too=False,
    doc_conflict=None,
):
    global OPERATION_COUNT
    OPERATION_COUNT += 1
    op = {"tags": [tag], "summary": summary}
    availability = f"This endpoint is only available in API version {since} and newer."
    op["description"] = f"{description}\n\n{availability}"
    op["operationId"] = operation_id
    if deprecated:
        op["deprecated"] = True
    op["x-sdk-path"] = sdk_path
    op["x-available-since"] = since
    if paginated:
        op["x-pagination"] = {"cursor": "cursor", "next": "nextCursor", "items": "data"}
    if idempotent:
        op["x-idempotent"] = True
    if doc_conflict:
        op["x-doc-conflict"] = doc_conflict
    parameters = [param(p) for p in params]
    if paginated:
        parameters = [param("Limit"), param("Cursor")] + parameters
    parameters.append(param("FeaturebaseVersion"))
    op["parameters"] = parameters
    if body is not None:
        request_body = {"description": body_description} if body_description else {}
        request_body["required"] = True
        request_body["content"] = {"application/json": {"schema": ref(body)}}
        op["requestBody"] = request_body
    responses = {}
    if ok is None:
        responses["204"] = {"description": ok_description}
    else:
        if created_too:
            responses["200"] = json_response("An existing object was updated.", ok)
            responses["201"] = json_response("A new object was created.", ok)
        else:
            responses[status] = json_response(ok_description, ok)
    for code in ERRORS[errors]:
        responses[code] = {"$ref": f"#/components/responses/{ERROR_RESPONSES[code]}"}
    op["responses"] = responses
    PATHS.setdefault(path, {})[method] = op


def crud(r, schemas):
    """The standard operations of a resource, and its schemas."""
    base = f"/v2/{r.path}"
    item = f"{base}/{{id}}"
    singular = r.lower
    plural_words = re.sub(r"(?<!^)([A-Z])", r" \1", r.plural).lower()
    id_description = f"Unique identifier of the {singular}"
    specifics = obj(
        {**base_fields(r, id_description), **r.fields},
        required=("object", "id") + tuple(r.required),
    )
    schemas[r.name] = {
        "description": f"{a(singular).capitalize()}. {r.description}".strip(),
        "allOf": [ref("Timestamps"), specifics],
    }
    schemas[f"{r.name}List"] = {
        "description": f"A page of {plural_words}.",
        "allOf": [
            ref("ListEnvelope"),
            obj(
                {"data": array(ref(r.name), f"The {plural_words} on this page")},
                required=("data",),
            ),
        ],
    }
    if "delete" in r.ops:
        schemas[f"Deleted{r.name}"] = obj(
            {
                "id": ident(r.id_type, f"ID of the deleted {singular}"),
                "object": literal(r.object_name),
                "deleted": {
                    "type": "boolean",
                    "enum": [True],
                    "description": "Indicates the resource was deleted. Always `true`.",
                },
            },
            required=("id", "object", "deleted"),
            description=f"Confirmation that {a(singular)} was deleted.",
        )
    if "create" in r.ops:
        schemas[f"Create{r.name}Request"] = obj(
            r.create,
            required=r.create_required,
            description=f"A new {singular}.",
            closed=True,
        )
    if "update" in r.ops:
        extra = {"minProperties": 1} if r.update_min_properties else {}
        schemas[f"Update{r.name}Request"] = obj(
            r.update,
            description=f"The fields of the {singular} to change; the others keep their values.",
            closed=True,
            **extra,
        )

    sdk = r.sdk
    if "list" in r.ops:
        operation(
            base,
            "get",
            tag=r.tag,
            operation_id=f"list{r.plural}",
            sdk_path=f"{sdk}.list",
            summary=f"List {plural_words}",
            description=(
                f"Returns the {plural_words} of your organization, newest first, with cursor-based "
                "pagination.\n\nReturns a list object: `object` is always `list`, `data` holds the "
                f"{plural_words} and `nextCursor` is the cursor for the next page, or `null` if there "
                "are no more results."
            ),
            params=r.list_params,
            ok=f"{r.name}List",
            ok_description=f"A page of {plural_words}.",
            errors="list",
            since=r.since,
            paginated=True,
        )
    if "create" in r.ops:
        operation(
            base,
            "post",
            tag=r.tag,
            operation_id=f"create{r.name}",
            sdk_path=f"{sdk}.create",
            summary=f"Create {a(singular)}",
            description=f"Creates {a(singular)} and returns it.",
            body=f"Create{r.name}Request",
            body_description=f"The {singular} to create.",
            ok=r.name,
            ok_description=f"The new {singular}.",
            status="201",
            errors="create",
            since=r.since,
        )
    if "retrieve" in r.ops:
        operation(
            item,
            "get",
            tag=r.tag,
            operation_id=f"get{r.name}",
            sdk_path=f"{sdk}.retrieve",
            summary=f"Get {a(singular)}",
            description=f"Retrieves {a(singular)} by its ID.",
            params=(r.id_param,),
            ok=r.name,
            ok_description=f"The {singular}.",
            errors="retrieve",
            since=r.since,
        )
    if "update" in r.ops:
        operation(
            item,
            "patch",
            tag=r.tag,
            operation_id=f"update{r.name}",
            sdk_path=f"{sdk}.update",
            summary=f"Update {a(singular)}",
            description=(
                f"Updates the given fields of {a(singular)}; fields left out keep their values, "
                "and a nullable field sent as `null` is cleared."
            ),
            params=(r.id_param,),
            body=f"Update{r.name}Request",
            body_description=f"The fields of the {singular} to change.",
            ok=r.name,
            ok_description=f"The updated {singular}.",
            errors="update",
            since=r.since,
        )
    if "delete" in r.ops:
        operation(
            item,
            "delete",
            tag=r.tag,
            operation_id=f"delete{r.name}",
            sdk_path=f"{sdk}.delete",
            summary=f"Delete {a(singular)}",
            description=f"Permanently deletes {a(singular)}.",
            params=(r.id_param,),
            ok=f"Deleted{r.name}",
            ok_description=f"The {singular} was deleted.",
            errors="delete",
            since=r.since,
        )


def extra_operations(schemas):
    """Sub-resources and actions beyond CRUD."""
    # Boards: the posts on a board.
    operation(
        "/v2/boards/{id}/posts",
        "get",
        tag="Boards",
        operation_id="listBoardPosts",
        sdk_path="boards.posts.list",
        summary="List the posts on a board",
        description="Returns the posts on one board, with cursor-based pagination.",
        params=("BoardIdPath", "PostSortBy", "SortOrder"),
        ok="PostList",
        ok_description="A page of posts.",
        errors="action",
        paginated=True,
    )

    # Posts: voters, merge, and the legacy upvoters list.
    schemas["Voter"] = {
        "description": "A contact who voted on a post.",
        "allOf": [
            ref("ContactSummary"),
            obj(
                {
                    "object": literal("voter"),
                    "votedAt": date_time("When the vote was cast"),
                    "weight": number("Vote weight (from the contact's company spend)", minimum=0),
                },
                required=("object", "votedAt"),
            ),
        ],
    }
    schemas["VoterList"] = {
        "description": "A page of voters.",
        "allOf": [
            ref("ListEnvelope"),
            obj({"data": array(ref("Voter"), "The voters on this page")}, required=("data",)),
        ],
    }
    schemas["AddVoterRequest"] = obj(
        {
            "contactId": ident("ContactId", "The contact who votes"),
            "weight": number("Vote weight", minimum=0),
        },
        required=("contactId",),
        description="A vote to add.",
        closed=True,
    )
    schemas["RemovedVoter"] = obj(
        {
            "object": literal("voter"),
            "id": ident("ContactId", "The contact whose vote was removed"),
            "deleted": {"type": "boolean", "enum": [True], "description": "Always `true`."},
        },
        required=("object", "id", "deleted"),
        description="Confirmation that a vote was removed.",
    )
    schemas["MergePostRequest"] = obj(
        {
            "targetPostId": ident("PostId", "The post that absorbs this one"),
            "keepVotes": boolean("Move the votes to the target post", default=True),
        },
        required=("targetPostId",),
        description="Where to merge a post.",
        closed=True,
    )
    operation(
        "/v2/posts/{id}/voters",
        "get",
        tag="Posts",
        operation_id="listPostVoters",
        sdk_path="posts.voters.list",
        summary="List the voters of a post",
        description="Returns the contacts who voted on a post, with cursor-based pagination.",
        params=("PostIdPath",),
        ok="VoterList",
        ok_description="A page of voters.",
        paginated=True,
    )
    operation(
        "/v2/posts/{id}/voters",
        "post",
        tag="Posts",
        operation_id="addPostVoter",
        sdk_path="posts.voters.add",
        summary="Add a vote to a post",
        description="Votes on a post on behalf of a contact. Voting twice keeps one vote.",
        params=("PostIdPath",),
        body="AddVoterRequest",
        ok="Voter",
        ok_description="The vote.",
        idempotent=True,
    )
    operation(
        "/v2/posts/{id}/voters/{contactId}",
        "delete",
        tag="Posts",
        operation_id="removePostVoter",
        sdk_path="posts.voters.remove",
        summary="Remove a vote from a post",
        description="Removes a contact's vote from a post.",
        params=("PostIdPath", "VoterContactIdPath"),
        ok="RemovedVoter",
        ok_description="The vote was removed.",
        errors="delete",
    )
    operation(
        "/v2/posts/{id}/merge",
        "post",
        tag="Posts",
        operation_id="mergePost",
        sdk_path="posts.merge",
        summary="Merge a post into another",
        description="Merges a post into another: its comments (and votes, unless told otherwise) move.",
        params=("PostIdPath",),
        body="MergePostRequest",
        ok="Post",
        ok_description="The target post after the merge.",
        errors="conflict",
    )
    operation(
        "/v2/posts/{id}/upvoters",
        "get",
        tag="Posts",
        operation_id="listPostUpvoters",
        sdk_path="posts.upvoters.list",
        summary="List the upvoters of a post (legacy)",
        description="The legacy name of `GET /v2/posts/{id}/voters`. Use that operation instead.",
        params=("PostIdPath",),
        ok="VoterList",
        ok_description="A page of voters.",
        paginated=True,
        deprecated=True,
        doc_conflict=(
            "The reference lists this path without a deprecation notice, while the changelog says "
            "voters replace upvoters. Chosen: keep it, marked deprecated."
        ),
    )

    # Comments on a post.
    schemas["CreateCommentRequest"] = obj(
        COMMENT.create,
        required=COMMENT.create_required,
        description="A new comment.",
        closed=True,
    )
    operation(
        "/v2/posts/{id}/comments",
        "get",
        tag="Comments",
        operation_id="listPostComments",
        sdk_path="posts.comments.list",
        summary="List the comments on a post",
        description="Returns the comments on a post, oldest first, with cursor-based pagination.",
        params=("PostIdPath", "SortOrder"),
        ok="CommentList",
        ok_description="A page of comments.",
        paginated=True,
    )
    operation(
        "/v2/posts/{id}/comments",
        "post",
        tag="Comments",
        operation_id="createPostComment",
        sdk_path="posts.comments.create",
        summary="Comment on a post",
        description="Adds a comment (or a reply, with `parentId`) to a post.",
        params=("PostIdPath",),
        body="CreateCommentRequest",
        ok="Comment",
        ok_description="The new comment.",
        status="201",
    )

    # Changelogs: publish and unpublish.
    schemas["PublishChangelogRequest"] = obj(
        {
            "notify": boolean("Email subscribers about the entry", default=False),
            "publishedAt": date_time("Backdate the entry"),
        },
        description="How to publish a changelog entry.",
        closed=True,
    )
    operation(
        "/v2/changelogs/{id}/publish",
        "post",
        tag="Changelogs",
        operation_id="publishChangelog",
        sdk_path="changelogs.publish",
        summary="Publish a changelog entry",
        description="Makes a draft or scheduled entry live now. Publishing a live entry changes nothing.",
        params=("ChangelogIdPath",),
        body="PublishChangelogRequest",
        ok="Changelog",
        ok_description="The published entry.",
        idempotent=True,
    )
    operation(
        "/v2/changelogs/{id}/unpublish",
        "post",
        tag="Changelogs",
        operation_id="unpublishChangelog",
        sdk_path="changelogs.unpublish",
        summary="Unpublish a changelog entry",
        description="Turns a live entry back into a draft.",
        params=("ChangelogIdPath",),
        ok="Changelog",
        ok_description="The entry, now a draft.",
        since=ORBIT,
        idempotent=True,
    )

    # Admins: invite and remove.
    schemas["InviteAdminRequest"] = obj(
        {
            "email": string("Where the invitation goes", format="email", maxLength=320),
            "role": ref("AdminRole"),
            "teamIds": array(ident("TeamId", "A team"), "Teams to add the admin to"),
        },
        required=("email", "role"),
        description="An invitation to join the dashboard.",
        closed=True,
    )
    schemas["RemovedAdmin"] = obj(
        {
            "id": ident("AdminId", "The removed admin"),
            "object": literal("admin"),
            "deleted": {"type": "boolean", "enum": [True], "description": "Always `true`."},
        },
        required=("id", "object", "deleted"),
        description="Confirmation that an admin was removed.",
    )
    operation(
        "/v2/admins",
        "post",
        tag="Admins",
        operation_id="inviteAdmin",
        sdk_path="admins.invite",
        summary="Invite an admin",
        description="Sends an invitation; the admin appears once it is accepted.",
        body="InviteAdminRequest",
        ok="Admin",
        ok_description="The invited admin.",
        status="201",
        errors="conflict",
    )
    operation(
        "/v2/admins/{id}",
        "delete",
        tag="Admins",
        operation_id="removeAdmin",
        sdk_path="admins.remove",
        summary="Remove an admin",
        description="Removes an admin from the organization. The owner cannot be removed.",
        params=("AdminIdPath",),
        ok="RemovedAdmin",
        ok_description="The admin was removed.",
        errors="delete",
    )

    # Teams: members.
    schemas["TeamMember"] = obj(
        {
            "object": literal("team_member"),
            "adminId": ident("AdminId", "The admin"),
            "teamId": ident("TeamId", "The team"),
            "joinedAt": date_time("When the admin joined the team"),
        },
        required=("object", "adminId", "teamId", "joinedAt"),
        description="An admin's membership of a team.",
    )
    schemas["TeamMemberList"] = {
        "description": "A page of team members.",
        "allOf": [
            ref("ListEnvelope"),
            obj({"data": array(ref("TeamMember"), "The members on this page")}, required=("data",)),
        ],
    }
    schemas["AddTeamMemberRequest"] = obj(
        {"adminId": ident("AdminId", "The admin to add")},
        required=("adminId",),
        description="An admin to add to a team.",
        closed=True,
    )
    operation(
        "/v2/teams/{id}/members",
        "get",
        tag="Teams",
        operation_id="listTeamMembers",
        sdk_path="teams.members.list",
        summary="List the members of a team",
        description="Returns the admins in a team, with cursor-based pagination.",
        params=("TeamIdPath",),
        ok="TeamMemberList",
        ok_description="A page of members.",
        paginated=True,
    )
    operation(
        "/v2/teams/{id}/members",
        "post",
        tag="Teams",
        operation_id="addTeamMember",
        sdk_path="teams.members.add",
        summary="Add an admin to a team",
        description="Adds an admin to a team; adding a member again changes nothing.",
        params=("TeamIdPath",),
        body="AddTeamMemberRequest",
        ok="TeamMember",
        ok_description="The membership.",
        idempotent=True,
    )
    operation(
        "/v2/teams/{id}/members/{adminId}",
        "delete",
        tag="Teams",
        operation_id="removeTeamMember",
        sdk_path="teams.members.remove",
        summary="Remove an admin from a team",
        description="Removes an admin from a team. Answers 204 without a body.",
        params=("TeamIdPath", "MemberAdminIdPath"),
        ok=None,
        ok_description="The admin was removed from the team.",
        errors="delete",
    )

    # Surveys: responses.
    schemas["SurveyResponse"] = {
        "description": "One contact's answers to a survey.",
        "allOf": [
            ref("Timestamps"),
            obj(
                {
                    "object": literal("survey_response"),
                    "id": ident("SurveyResponseId", "Unique identifier of the response", read_only=True),
                    "surveyId": ident("SurveyId", "The survey answered"),
                    "contact": nullable_ref("ContactSummary", "Who answered (`null` if anonymous)"),
                    "answers": string_map("Answers keyed by question ID: a number, a string or a list"),
                    "score": {**integer("The NPS or rating score, if any"), "nullable": True},
                    "submittedAt": date_time("When the response was submitted"),
                },
                required=("object", "id", "surveyId", "answers", "submittedAt"),
            ),
        ],
    }
    schemas["SurveyResponseList"] = {
        "description": "A page of survey responses.",
        "allOf": [
            ref("ListEnvelope"),
            obj({"data": array(ref("SurveyResponse"), "The responses on this page")}, required=("data",)),
        ],
    }
    operation(
        "/v2/surveys/{id}/responses",
        "get",
        tag="Surveys",
        operation_id="listSurveyResponses",
        sdk_path="surveys.responses.list",
        summary="List the responses to a survey",
        description="Returns the responses to a survey, newest first, with cursor-based pagination.",
        params=("SurveyIdPath",),
        ok="SurveyResponseList",
        ok_description="A page of responses.",
        since=ORBIT,
        paginated=True,
    )

    # Conversations: close and messages.
    schemas["ConversationMessage"] = {
        "description": "A message in a conversation.",
        "allOf": [
            ref("Timestamps"),
            obj(
                {
                    "object": literal("conversation_message"),
                    "id": ident("MessageId", "Unique identifier of the message", read_only=True),
                    "conversationId": ident("ConversationId", "The conversation"),
                    "body": string("Message body (Markdown)"),
                    "authorType": enum(("contact", "admin", "bot"), "Who wrote the message"),
                    "authorId": text("ID of the contact or admin who wrote it", nullable=True),
                    "internal": boolean("Whether it is an internal note"),
                    "attachments": array(uri("An attachment URL"), "Attached files"),
                },
                required=("object", "id", "conversationId", "body", "authorType"),
            ),
        ],
    }
    schemas["ConversationMessageList"] = {
        "description": "A page of messages.",
        "allOf": [
            ref("ListEnvelope"),
            obj({"data": array(ref("ConversationMessage"), "The messages on this page")}, required=("data",)),
        ],
    }
    schemas["CreateMessageRequest"] = obj(
        {
            "body": string("Message body (Markdown)", minLength=1, maxLength=20000),
            "adminId": ident("AdminId", "Reply as this admin"),
            "internal": boolean("Post as an internal note", default=False),
            "attachments": array(uri("An attachment URL"), "Files to attach", maxItems=10),
        },
        required=("body", "adminId"),
        description="A reply in a conversation.",
        closed=True,
    )
    operation(
        "/v2/conversations/{id}/close",
        "post",
        tag="Conversations",
        operation_id="closeConversation",
        sdk_path="conversations.close",
        summary="Close a conversation",
        description="Closes a conversation. Use `update` with `state: closed` instead.",
        params=("ConversationIdPath",),
        ok="Conversation",
        ok_description="The closed conversation.",
        idempotent=True,
        deprecated=True,
    )
    operation(
        "/v2/conversations/{id}/messages",
        "get",
        tag="Conversations",
        operation_id="listConversationMessages",
        sdk_path="conversations.messages.list",
        summary="List the messages of a conversation",
        description="Returns the messages of a conversation, oldest first, with cursor-based pagination.",
        params=("ConversationIdPath",),
        ok="ConversationMessageList",
        ok_description="A page of messages.",
        paginated=True,
    )
    operation(
        "/v2/conversations/{id}/messages",
        "post",
        tag="Conversations",
        operation_id="createConversationMessage",
        sdk_path="conversations.messages.create",
        summary="Reply in a conversation",
        description="Adds an admin reply or internal note to a conversation.",
        params=("ConversationIdPath",),
        body="CreateMessageRequest",
        ok="ConversationMessage",
        ok_description="The new message.",
        status="201",
    )

    # Tags: upsert by name.
    schemas["UpsertTagRequest"] = obj(
        TAG.create,
        required=TAG.create_required,
        description="A tag to create, or to update if one of the same name exists.",
        closed=True,
    )
    operation(
        "/v2/tags",
        "post",
        tag="Tags",
        operation_id="upsertTag",
        sdk_path="tags.createOrUpdate",
        summary="Create or update a tag",
        description=(
            "Creates a tag, or updates the tag of the same name.\n\n"
            "- **201 Created** - A new tag was created\n"
            "- **200 OK** - An existing tag was updated"
        ),
        body="UpsertTagRequest",
        ok="Tag",
        errors="create",
        idempotent=True,
        created_too=True,
    )

    # Webhooks: test and deliveries, with the event payloads as a discriminated union.
    schemas["WebhookEventBase"] = obj(
        {
            "id": ident("WebhookEventId", "Unique identifier of the event", read_only=True),
            "createdAt": date_time("When the event happened"),
            "organizationId": string("The organization the event belongs to"),
        },
        required=("id", "createdAt"),
        description="The fields every webhook event has.",
    )
    events = {
        "post.created": ("PostCreatedEvent", {"data": ref("Post")}, ("data",), "A post was created."),
        "post.updated": ("PostUpdatedEvent", {
            "data": ref("Post"),
            "changedFields": array(string("A field name"), "The fields that changed"),
        }, ("data", "changedFields"), "A post was changed."),
        "post.status_changed": ("PostStatusChangedEvent", {
            "data": obj(
                {
                    "post": ref("Post"),
                    "previousStatusId": ident("PostStatusId", "The status before", nullable=True),
                },
                required=("post", "previousStatusId"),
                description="The post and its previous status",
            ),
        }, ("data",), "A post moved to another status."),
        "comment.created": ("CommentCreatedEvent", {"data": ref("Comment")}, ("data",), "A comment was added."),
        "changelog.published": (
            "ChangelogPublishedEvent",
            {"data": ref("Changelog")},
            ("data",),
            "A changelog entry went live.",
        ),
        "conversation.closed": (
            "ConversationClosedEvent",
            {"data": ref("Conversation"), "closedBy": ident("AdminId", "Who closed it", nullable=True)},
            ("data",),
            "A conversation was closed.",
        ),
    }
    for event_type, (name, properties, required, description) in events.items():
        schemas[name] = {
            "description": description,
            "allOf": [
                ref("WebhookEventBase"),
                obj(
                    {"type": literal(event_type, f"The event type. Always `{event_type}`."), **properties},
                    required=("type",) + required,
                ),
            ],
        }
    schemas["WebhookEvent"] = {
        "description": "The payload of a webhook delivery, told apart by `type`.",
        "oneOf": [ref(name) for name, *_ in events.values()],
        "discriminator": {
            "propertyName": "type",
            "mapping": {event_type: f"#/components/schemas/{name}" for event_type, (name, *_) in events.items()},
        },
    }
    schemas["WebhookDelivery"] = {
        "description": "One attempt to deliver an event to a webhook.",
        "allOf": [
            ref("Timestamps"),
            obj(
                {
                    "object": literal("webhook_delivery"),
                    "id": ident("WebhookDeliveryId", "Unique identifier of the delivery", read_only=True),
                    "webhookId": ident("WebhookId", "The webhook"),
                    "event": ref("WebhookEvent"),
                    "statusCode": {**integer("HTTP status the endpoint answered"), "nullable": True},
                    "succeeded": boolean("Whether the endpoint answered 2xx"),
                    "durationMs": integer("How long the endpoint took", minimum=0),
                    "responseHeaders": string_map("Headers the endpoint answered", values={"type": "string"}),
                },
                required=("object", "id", "webhookId", "event", "statusCode", "succeeded"),
            ),
        ],
    }
    schemas["WebhookDeliveryList"] = {
        "description": "A page of deliveries.",
        "allOf": [
            ref("ListEnvelope"),
            obj({"data": array(ref("WebhookDelivery"), "The deliveries on this page")}, required=("data",)),
        ],
    }
    schemas["TestWebhookRequest"] = obj(
        {"event": ref("WebhookEventType")},
        required=("event",),
        description="Which sample event to send.",
        closed=True,
    )
    operation(
        "/v2/webhooks/{id}/test",
        "post",
        tag="Webhooks",
        operation_id="testWebhook",
        sdk_path="webhooks.test",
        summary="Send a test event",
        description="Sends a sample event to the webhook's endpoint and returns the delivery.",
        params=("WebhookIdPath",),
        body="TestWebhookRequest",
        ok="WebhookDelivery",
        ok_description="The test delivery.",
    )
    operation(
        "/v2/webhooks/{id}/deliveries",
        "get",
        tag="Webhooks",
        operation_id="listWebhookDeliveries",
        sdk_path="webhooks.deliveries.list",
        summary="List the deliveries of a webhook",
        description="Returns recent delivery attempts, newest first, with cursor-based pagination.",
        params=("WebhookIdPath", "DeliveryOutcomeFilter"),
        ok="WebhookDeliveryList",
        ok_description="A page of deliveries.",
        paginated=True,
    )

    # Contacts and companies, as in spec/featurebase.yaml (under `users`).
    contacts_and_companies(schemas)

    # Organization.
    schemas["Organization"] = {
        "description": "Your Featurebase organization.",
        "allOf": [
            ref("Timestamps"),
            obj(
                {
                    "object": literal("organization"),
                    "id": ident("OrganizationId", "Unique identifier of the organization", read_only=True),
                    "name": string("Organization name", example="Acme"),
                    "subdomain": string("Portal subdomain", example="acme"),
                    "customDomain": text("Custom portal domain", nullable=True),
                    "defaultLocale": string("Default language", example="en"),
                    "plan": enum(("free", "growth", "pro", "enterprise"), "Subscription plan"),
                    "seats": integer("Admin seats", minimum=1),
                    "settings": string_map("Portal settings by key"),
                },
                required=("object", "id", "name", "subdomain", "plan"),
            ),
        ],
    }
    schemas["UpdateOrganizationRequest"] = obj(
        {
            "name": string("Organization name", minLength=1, maxLength=100),
            "customDomain": text("Custom portal domain; `null` removes it", nullable=True),
            "defaultLocale": string("Default language", maxLength=10),
            "settings": string_map("Portal settings to change"),
        },
        description="The organization fields to change.",
        closed=True,
        minProperties=1,
    )
    operation(
        "/v2/organization",
        "get",
        tag="Organization",
        operation_id="getOrganization",
        sdk_path="organization.retrieve",
        summary="Get the organization",
        description="Retrieves the organization the API key belongs to.",
        ok="Organization",
        ok_description="The organization.",
        errors="retrieve",
    )
    operation(
        "/v2/organization",
        "patch",
        tag="Organization",
        operation_id="updateOrganization",
        sdk_path="organization.update",
        summary="Update the organization",
        description="Updates the given organization fields.",
        body="UpdateOrganizationRequest",
        ok="Organization",
        ok_description="The updated organization.",
        errors="update",
    )

    # Notifications: mark all read.
    schemas["NotificationReadReceipt"] = obj(
        {
            "object": literal("notification_read_receipt"),
            "marked": integer("How many notifications were marked read", minimum=0),
        },
        required=("object", "marked"),
        description="How many notifications were marked read.",
    )
    operation(
        "/v2/notifications/mark-all-read",
        "post",
        tag="Notifications",
        operation_id="markAllNotificationsRead",
        sdk_path="notifications.markAllRead",
        summary="Mark every notification read",
        description="Marks every unread notification of the admin read.",
        ok="NotificationReadReceipt",
        ok_description="How many were marked.",
        errors="list",
        since=ORBIT,
        idempotent=True,
    )


def contacts_and_companies(schemas):
    schemas["Contact"] = {
        "description": "A contact: a customer or a lead.",
        "allOf": [
            ref("Timestamps"),
            obj(
                {
                    "object": literal("contact"),
                    "id": ident("ContactId", "The Featurebase contact ID", read_only=True),
                    "name": string("Display name", example="John Doe"),
                    "type": enum(("customer", "lead"), "Customer (registered) or lead (anonymous)"),
                    "email": text("Email address", nullable=True, format="email"),
                    "userId": ident("UserId", "Your user ID (SSO)", example="usr_12345"),
                    "companies": array(ref("Company"), "Companies the contact belongs to"),
                    "customFields": string_map("Custom field values"),
                    "roles": array(string("A role ID"), "Contact roles"),
                    "lastActivity": date_time("Last activity", nullable=True),
                    "subscribedToChangelog": boolean("Whether subscribed to changelog emails"),
                },
                required=("object", "id", "name", "type"),
            ),
        ],
    }
    schemas["ContactList"] = {
        "description": "A page of contacts.",
        "allOf": [
            ref("ListEnvelope"),
            obj({"data": array(ref("Contact"), "The contacts on this page")}, required=("data",)),
        ],
    }
    schemas["UpsertContactRequest"] = {
        "type": "object",
        "description": "A contact to create or update, identified by `userId` or `email`.",
        "additionalProperties": False,
        "anyOf": [
            {"required": ["userId", "email"]},
            {"required": ["userId"]},
            {"required": ["email"]},
        ],
        "properties": {
            "userId": ident("UserId", "Your user ID; takes precedence over email", example="usr_12345"),
            "email": string("Email address", format="email", maxLength=500),
            "name": string("Display name", maxLength=500),
            "companies": array(ref("UpsertContactCompany"), "Companies the contact belongs to"),
            "customFields": string_map("Custom field values"),
            "roles": array(string("A role ID"), "Roles to assign"),
            "subscribedToChangelog": boolean("Subscribe to changelog emails"),
            "createdAt": date_time("When the contact signed up in your system"),
        },
    }
    schemas["UpsertContactCompany"] = obj(
        {
            "id": ident("ExternalCompanyId", "Your company ID", example="comp_12345"),
            "name": string("Company name", minLength=1, maxLength=500),
            "monthlySpend": number("Monthly spend", minimum=0),
            "plan": string("Plan name"),
        },
        required=("id", "name"),
        description="A company created or updated together with a contact.",
        closed=True,
    )
    schemas["DeletedContact"] = obj(
        {
            "id": ident("ContactId", "ID of the deleted contact"),
            "object": literal("contact"),
            "deleted": {"type": "boolean", "enum": [True], "description": "Always `true`."},
        },
        required=("id", "object", "deleted"),
        description="Confirmation that a contact was deleted.",
    )
    schemas["Company"] = {
        "description": "A company your contacts belong to.",
        "allOf": [
            ref("Timestamps"),
            obj(
                {
                    "object": literal("company"),
                    "id": ident("CompanyId", "Featurebase internal ID", read_only=True),
                    "companyId": ident("ExternalCompanyId", "Your company ID", example="comp_12345"),
                    "name": string("Company name", example="Acme Inc"),
                    "monthlySpend": {**number("Monthly spend"), "nullable": True},
                    "companySize": {**number("Employee headcount"), "nullable": True},
                    "plan": text("Plan name", nullable=True),
                    "website": text("Website", nullable=True),
                    "linkedUsers": {**number("Number of linked contacts"), "nullable": True},
                    "customFields": string_map("Custom field values"),
                },
                required=(
                    "object",
                    "id",
                    "companyId",
                    "name",
                    "monthlySpend",
                    "companySize",
                    "plan",
                    "website",
                    "linkedUsers",
                ),
            ),
        ],
    }
    schemas["CompanyList"] = {
        "description": "A page of companies.",
        "allOf": [
            ref("ListEnvelope"),
            obj({"data": array(ref("Company"), "The companies on this page")}, required=("data",)),
        ],
    }
    schemas["UpsertCompanyRequest"] = obj(
        {
            "companyId": ident("ExternalCompanyId", "Your company ID; the upsert key", example="comp_12345"),
            "name": string("Company name"),
            "monthlySpend": number("Monthly spend", minimum=0),
            "companySize": number("Employee headcount", minimum=0),
            "plan": string("Plan name"),
            "website": uri("Website"),
            "customFields": string_map("Custom field values"),
        },
        required=("companyId", "name"),
        description="A company to create or update, matched by `companyId`.",
        closed=True,
    )
    schemas["DeletedCompany"] = obj(
        {
            "id": ident("CompanyId", "ID of the deleted company"),
            "object": literal("company"),
            "deleted": {"type": "boolean", "enum": [True], "description": "Always `true`."},
        },
        required=("id", "object", "deleted"),
        description="Confirmation that a company was deleted.",
    )
    schemas["AttachContactRequest"] = obj(
        {"contactId": ident("ContactId", "The contact to attach")},
        required=("contactId",),
        description="The contact to attach to a company.",
        closed=True,
    )

    for noun, plural, schema, upsert, id_param in (
        ("contact", "contacts", "Contact", "UpsertContactRequest", "ContactIdPath"),
        ("company", "companies", "Company", "UpsertCompanyRequest", "CompanyIdPath"),
    ):
        tag = plural.capitalize()
        title = noun.capitalize()
        plural_title = plural.capitalize()
        params = ("ContactTypeFilter",) if noun == "contact" else ()
        operation(
            f"/v2/{plural}",
            "get",
            tag=tag,
            operation_id=f"list{plural_title}",
            sdk_path=f"users.{plural}.list",
            summary=f"List {plural}",
            description=f"Returns the {plural} of your organization with cursor-based pagination.",
            params=params,
            ok=f"{schema}List",
            ok_description=f"A page of {plural}.",
            errors="list",
            paginated=True,
        )
        operation(
            f"/v2/{plural}",
            "post",
            tag=tag,
            operation_id=f"upsert{title}",
            sdk_path=f"users.{plural}.createOrUpdate",
            summary=f"Create or update a {noun}",
            description=(
                f"Creates a {noun} or updates the existing one.\n\n"
                f"- **201 Created** - A new {noun} was created\n"
                f"- **200 OK** - An existing {noun} was updated"
            ),
            body=upsert,
            body_description=f"The {noun} to create or update.",
            ok=schema,
            errors="create",
            idempotent=True,
            created_too=True,
        )
        operation(
            f"/v2/{plural}/{{id}}",
            "get",
            tag=tag,
            operation_id=f"get{title}ById",
            sdk_path=f"users.{plural}.retrieve",
            summary=f"Get a {noun}",
            description=f"Retrieves a {noun} by its Featurebase ID.",
            params=(id_param,),
            ok=schema,
            ok_description=f"The {noun}.",
            errors="retrieve",
        )
        operation(
            f"/v2/{plural}/{{id}}",
            "delete",
            tag=tag,
            operation_id=f"delete{title}ById",
            sdk_path=f"users.{plural}.delete",
            summary=f"Delete a {noun}",
            description=f"Permanently deletes a {noun}.",
            params=(id_param,),
            ok=f"Deleted{schema}",
            ok_description=f"The {noun} was deleted.",
            errors="delete",
        )
    operation(
        "/v2/companies/{id}/contacts",
        "get",
        tag="Companies",
        operation_id="listCompanyContacts",
        sdk_path="users.companies.contacts.list",
        summary="List the contacts of a company",
        description="Returns the contacts attached to a company, with cursor-based pagination.",
        params=("CompanyIdPath",),
        ok="ContactList",
        ok_description="A page of contacts.",
        paginated=True,
    )
    operation(
        "/v2/companies/{id}/contacts",
        "post",
        tag="Companies",
        operation_id="attachContactToCompany",
        sdk_path="users.companies.contacts.attach",
        summary="Attach a contact to a company",
        description="Attaches an existing contact to a company.",
        params=("CompanyIdPath",),
        body="AttachContactRequest",
        ok="Company",
        ok_description="The company.",
    )


# --------------------------------------------------------------------------------------
# Components: parameters and responses
# --------------------------------------------------------------------------------------


def parameters():
    p = {
        "FeaturebaseVersion": {
            "name": "Featurebase-Version",
            "in": "header",
            "description": "The API version to use for this request. When omitted, the organization's default applies.",
            "required": False,
            "schema": {
                "type": "string",
                "enum": [NOVA, "2025-12-12.clover", ORBIT],
                "x-enum-varnames": ["Nova", "Clover", "Orbit"],
                "example": NOVA,
            },
        },
        "Limit": {
            "name": "limit",
            "in": "query",
            "description": "A limit on the number of objects to be returned, between 1 and 100 (default 10).",
            "required": False,
            "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10, "example": 10},
        },
        "Cursor": {
            "name": "cursor",
            "in": "query",
            "description": "An opaque cursor: the `nextCursor` of the previous page. At most 512 characters.",
            "required": False,
            "schema": {"type": "string", "maxLength": 512},
        },
    }
    for r in RESOURCES:
        p[r.id_param] = {
            "name": "id",
            "in": "path",
            "description": f"The ID of the {r.lower}.",
            "required": True,
            "schema": {"type": "string", "x-id-type": r.id_type, "example": "507f1f77bcf86cd799439011"},
        }
    for name, id_type, noun in (
        ("ContactIdPath", "ContactId", "contact"),
        ("CompanyIdPath", "CompanyId", "company"),
    ):
        p[name] = {
            "name": "id",
            "in": "path",
            "description": f"The Featurebase ID of the {noun}.",
            "required": True,
            "schema": {"type": "string", "x-id-type": id_type, "example": "507f1f77bcf86cd799439011"},
        }
    p["VoterContactIdPath"] = {
        "name": "contactId",
        "in": "path",
        "description": "The contact whose vote to remove.",
        "required": True,
        "schema": {"type": "string", "x-id-type": "ContactId"},
    }
    p["MemberAdminIdPath"] = {
        "name": "adminId",
        "in": "path",
        "description": "The admin to remove from the team.",
        "required": True,
        "schema": {"type": "string", "x-id-type": "AdminId"},
    }

    def query(name, wire, description, schema):
        p[name] = {"name": wire, "in": "query", "description": description, "required": False, "schema": schema}

    query("BoardIdFilter", "boardId", "Only posts on this board.", {"type": "string", "x-id-type": "BoardId"})
    query("PostIdFilter", "postId", "Only comments on this post.", {"type": "string", "x-id-type": "PostId"})
    query(
        "CollectionIdFilter",
        "collectionId",
        "Only articles in this collection.",
        {"type": "string", "x-id-type": "CollectionId"},
    )
    query("AssigneeIdFilter", "assigneeId", "Only those assigned to this admin.", {"type": "string", "x-id-type": "AdminId"})
    query(
        "StatusIdsFilter",
        "statusIds",
        "Only posts with one of these statuses (repeat the parameter).",
        {"type": "array", "items": {"type": "string", "x-id-type": "PostStatusId"}},
    )
    query("TagsFilter", "tags", "Only posts with all of these tags.", {"type": "array", "items": {"type": "string"}})
    query(
        "PostSortBy",
        "sortBy",
        "The order of the results.",
        {"type": "string", "enum": ["createdAt", "updatedAt", "voteCount", "trending"], "default": "createdAt"},
    )
    query("SortOrder", "order", "Ascending or descending.", {"type": "string", "enum": ["asc", "desc"], "default": "desc"})
    query("SearchQuery", "q", "Full-text search.", {"type": "string", "minLength": 1, "maxLength": 200})
    query("ChangelogStateFilter", "state", "Only entries in this state.", ref("ChangelogState"))
    query("ConversationStateFilter", "state", "Only conversations in this state.", ref("ConversationState"))
    query("TicketStateFilter", "state", "Only tickets in this state.", ref("TicketState"))
    query("TicketPriorityFilter", "priority", "Only tickets of this priority.", ref("TicketPriority"))
    query("UnreadOnly", "unreadOnly", "Only unread notifications.", {"type": "boolean", "default": False})
    query(
        "DeliveryOutcomeFilter",
        "outcome",
        "Only successful or failed deliveries.",
        {"type": "string", "enum": ["succeeded", "failed"]},
    )
    query(
        "ContactTypeFilter",
        "contactType",
        'Filter contacts by type: "customer" (default), "lead", or "all".',
        {"type": "string", "enum": ["customer", "lead", "all"], "default": "customer"},
    )
    return p


def error_responses():
    def error(description, type_, code, message, status, headers=None):
        response = {"description": description}
        if headers:
            response["headers"] = headers
        response["content"] = {
            "application/json": {
                "schema": ref("ErrorResponse"),
                "example": {
                    "error": {"type": type_, "code": code, "message": message, "param": None, "status": status}
                },
            }
        }
        return response

    return {
        "BadRequest": error("Bad request (`invalid_request_error`).", "invalid_request_error", "validation_error", "Validation error", 400),
        "Unauthorized": error("The API key is missing or invalid (`authentication_error`).", "authentication_error", "invalid_api_key", "Invalid API Key", 401),
        "Forbidden": error("Permission denied (`authorization_error`).", "authorization_error", "forbidden", "Forbidden", 403),
        "NotFound": error("The resource does not exist (`invalid_request_error`).", "invalid_request_error", "resource_not_found", "Not found", 404),
        "Conflict": error("The request conflicts with the current state (`invalid_request_error`).", "invalid_request_error", "conflict", "Conflict", 409),
        "TooManyRequests": error(
            "Too many requests (`rate_limit_error`).",
            "rate_limit_error",
            "rate_limit_exceeded",
            "Too many requests, please retry later",
            429,
            headers={
                "Retry-After": {"description": "Seconds or an HTTP date to wait before retrying.", "schema": {"type": "string"}},
                "X-RateLimit-Limit": {"description": "Requests allowed in the window.", "schema": {"type": "number"}},
                "X-RateLimit-Remaining": {"description": "Requests left in the window.", "schema": {"type": "number"}},
                "X-RateLimit-Reset": {"description": "When the window resets.", "schema": {"type": "string"}},
            },
        ),
        "InternalServerError": error("Server-side error (`api_error`).", "api_error", "internal_error", "An unexpected error occurred", 500),
    }


def error_schemas():
    return {
        "ErrorResponse": obj(
            {"error": ref("ErrorDetail")},
            required=("error",),
            description="The error envelope every documented error uses.",
        ),
        "ErrorDetail": obj(
            {
                "type": ref("ErrorType"),
                "code": string("Machine-readable error code", example="resource_not_found"),
                "message": string("Human-readable error message"),
                "param": text("The request parameter the error relates to, if any", nullable=True),
                "status": integer("The HTTP status code", example=404),
            },
            required=("type", "code", "message"),
            description="Details of an error.",
        ),
        "ErrorType": enum(
            ("authentication_error", "authorization_error", "invalid_request_error", "api_error", "rate_limit_error"),
            "The kind of error.",
        ),
    }


# --------------------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------------------

TAG_DESCRIPTIONS = {
    "Boards": "Boards are the categories posts are submitted to.",
    "Posts": "Posts are feedback items: ideas, feature requests, bug reports.",
    "Post statuses": "The statuses a post moves through.",
    "Comments": "Comments on posts.",
    "Custom fields": "Structured fields on posts, contacts and companies.",
    "Changelogs": "Changelog entries that announce what shipped.",
    "Admins": "The members of your team with dashboard access.",
    "Teams": "Groups of admins.",
    "Brands": "Branded portals of one organization.",
    "Surveys": "In-app surveys and their responses.",
    "Help center": "Help center articles and collections.",
    "Conversations": "Messenger conversations and their messages.",
    "Tags": "Labels for posts and conversations.",
    "Tickets": "Support tickets.",
    "Webhooks": "Event subscriptions and their deliveries.",
    "Contacts": "Customers and leads.",
    "Companies": "Organizations your contacts belong to.",
    "Roadmaps": "Roadmaps of posts grouped by status.",
    "Organization": "Your Featurebase organization.",
    "Notifications": "Notifications of the admin the API key belongs to.",
}


def document():
    schemas = {}
    schemas.update(shared_schemas())
    for r in RESOURCES:
        crud(r, schemas)
    extra_operations(schemas)
    schemas.update(error_schemas())
    used_tags = []
    for methods in PATHS.values():
        for op in methods.values():
            if op["tags"][0] not in used_tags:
                used_tags.append(op["tags"][0])
    assert sorted(used_tags) == sorted(TAG_DESCRIPTIONS), (used_tags, list(TAG_DESCRIPTIONS))
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Featurebase API (synthetic)",
            "version": NOVA,
            "description": (
                "A synthetic description shaped like the full Featurebase REST API (about 110\n"
                "operations in 20 tags), written by tests/synthetic/make_spec.py to measure and\n"
                "exercise the generator at the real API's scale. Not a description of the real API.\n"
            ),
        },
        "servers": [{"url": "https://do.featurebase.app", "description": "Production"}],
        "security": [{"bearerAuth": []}],
        "tags": [{"name": name, "description": description} for name, description in TAG_DESCRIPTIONS.items()],
        "paths": dict(sorted(PATHS.items())),
        "components": {
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "API key sent as `Authorization: Bearer <api-key>`.",
                }
            },
            "parameters": parameters(),
            "schemas": schemas,
            "responses": error_responses(),
        },
    }


# --------------------------------------------------------------------------------------
# A small YAML writer (block style; JSON-quoted scalars where plain ones could mislead)
# --------------------------------------------------------------------------------------

PLAIN = re.compile(r"^[A-Za-z_]([A-Za-z0-9_ .()/\-]*[A-Za-z0-9_.)/])?$")
RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


def scalar(value):
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if (PLAIN.match(value) and value.lower() not in RESERVED) or value == "$ref":
        return value
    if value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value)


def flow(value):
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def is_flat(value):
    """Lists of scalars and small maps of scalars read better on one line."""
    if isinstance(value, list):
        return all(not isinstance(v, (dict, list)) for v in value)
    if isinstance(value, dict):
        return len(value) <= 1 and all(not isinstance(v, (dict, list)) for v in value.values())
    return True


def emit(value, indent, out):
    pad = "  " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            key = scalar(key)
            if isinstance(item, str) and "\n" in item:
                out.append(f"{pad}{key}: |-" if not item.endswith("\n") else f"{pad}{key}: |")
                for line in item.rstrip("\n").split("\n"):
                    out.append(f"{pad}  {line}" if line else "")
            elif isinstance(item, (dict, list)) and item and not is_flat(item):
                out.append(f"{pad}{key}:")
                emit(item, indent + 1, out)
            else:
                out.append(f"{pad}{key}: {flow(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item and not is_flat(item):
                lines = []
                emit(item, indent + 1, lines)
                first = lines[0][len(pad) + 2 :]
                out.append(f"{pad}- {first}")
                out.extend(lines[1:])
            else:
                out.append(f"{pad}- {flow(item)}")


def render():
    doc = document()
    out = [
        "# @generated by tests/synthetic/make_spec.py. Do not edit by hand: edit the script and",
        "# run `python3 tests/synthetic/make_spec.py`.",
        "#",
        f"# A synthetic Featurebase-shaped spec: {OPERATION_COUNT} operations in {len(TAG_DESCRIPTIONS)} tags,",
        "# following the conventions of spec/featurebase.yaml (see spec/README.md).",
        "",
    ]
    for key, value in doc.items():
        part = []
        emit({key: value}, 0, part)
        out.extend(part)
        out.append("")
    return "\n".join(out)


def main():
    text = render()
    if "--stdout" in sys.argv[1:]:
        sys.stdout.write(text)
        return
    target = Path(__file__).resolve().parent / "spec.yaml"
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target.name}: {OPERATION_COUNT} operations, {len(TAG_DESCRIPTIONS)} tags, {text.count(chr(10))} lines")


if __name__ == "__main__":
    main()
