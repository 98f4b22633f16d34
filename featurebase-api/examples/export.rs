//! Streams every contact, customers and leads, to JSON lines:
//! `cargo run -p featurebase-api --example export -- [--out FILE]` (stdout by default).
//!
//! Against the embedded mock it first upserts a few dozen contacts, and lists them in small
//! pages so that the export spans several. With `FEATUREBASE_API_KEY` set it reads the
//! account's contacts instead, and writes nothing to it.

mod common;

use std::error::Error;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use common::Backend;
use featurebase_api::Client;
use featurebase_api::models::{ContactTypeFilter, UpsertContactRequest};
use futures::{StreamExt, TryStreamExt};

const USAGE: &str = "usage: export [--out FILE]";

/// How many contacts the mock is seeded with.
const SEEDED: usize = 36;

/// The page size against the mock: small, so that its contacts span several pages.
const MOCK_PAGE_SIZE: i64 = 10;

/// The page size against Featurebase: the largest the API allows, for the fewest requests.
const PAGE_SIZE: i64 = 100;

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code(start().await)
}

async fn start() -> Result<(), Box<dyn Error>> {
    let out = parse_args(std::env::args().skip(1))?;
    let backend = Backend::from_env().await?;
    let page_size = if backend.is_mock() {
        seed(backend.client(), SEEDED).await?;
        MOCK_PAGE_SIZE
    } else {
        PAGE_SIZE
    };
    let mut writer: Box<dyn Write> = match &out {
        Some(path) => {
            let file = File::create(path)
                .map_err(|error| format!("cannot create {}: {error}", path.display()))?;
            Box::new(BufWriter::new(file))
        }
        None => Box::new(io::stdout().lock()),
    };
    let count = run(backend.client(), page_size, &mut writer).await?;
    let target = out.map_or("stdout".to_owned(), |path| path.display().to_string());
    eprintln!("exported {count} contacts from {backend} to {target}");
    Ok(())
}

/// The file given with `--out`, if any.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<PathBuf>, Box<dyn Error>> {
    let mut out = None;
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--out", Some(path)) if out.is_none() => out = Some(PathBuf::from(path)),
            _ => return Err(format!("unexpected argument `{arg}`\n{USAGE}").into()),
        }
    }
    Ok(out)
}

/// Upserts `count` contacts, so that an export from the mock has something to show.
async fn seed(client: &Client, count: usize) -> Result<(), featurebase_api::Error> {
    let contacts = (1..=count).map(|n| {
        let request = UpsertContactRequest::with_user_id_and_email(
            format!("usr_{n:03}"),
            format!("contact{n}@example.com"),
        );
        request.name(format!("Contact {n}"))
    });
    let mut results = client
        .users()
        .contacts()
        .bulk_upsert(contacts.collect::<Vec<_>>());
    while let Some(result) = results.next().await {
        result.outcome?;
    }
    Ok(())
}

/// Writes every contact as one JSON object a line, fetching pages of `page_size` as the
/// stream reaches them; returns how many it wrote.
async fn run(
    client: &Client,
    page_size: i64,
    out: &mut dyn Write,
) -> Result<usize, Box<dyn Error>> {
    let list = client
        .users()
        .contacts()
        .list()
        .contact_type(ContactTypeFilter::All);
    let mut contacts = list.limit(page_size).items();
    let mut count = 0;
    while let Some(contact) = contacts.try_next().await? {
        serde_json::to_writer(&mut *out, &contact)?;
        out.write_all(b"\n")?;
        count += 1;
    }
    out.flush()?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use featurebase_mock::{Fault, MockServer, Reply};
    use serde_json::{Value, json};

    use super::*;

    async fn export(mock: &MockServer, page_size: i64) -> (usize, Vec<Value>) {
        let mut out = Vec::new();
        let count = run(mock.client(), page_size, &mut out)
            .await
            .expect("the export runs");
        let text = String::from_utf8(out).expect("UTF-8");
        let lines = text
            .lines()
            .map(|line| serde_json::from_str(line).expect("a JSON line"));
        (count, lines.collect())
    }

    /// A page of contacts with these ids, followed by the page at `next`.
    fn page(ids: &[&str], next: Option<&str>) -> Fault {
        let contact = |id| json!({"object": "contact", "id": id, "name": id, "type": "customer"});
        let data: Vec<_> = ids.iter().map(contact).collect();
        let body = json!({"object": "list", "data": data, "nextCursor": next});
        Fault::Reply(Reply::json(200, &body))
    }

    #[tokio::test]
    async fn writes_one_line_per_contact_across_every_page() {
        let mock = MockServer::start().await;
        mock.fail_next("listContacts", 1, page(&["c1", "c2"], Some("page-2")));
        mock.fail_next("listContacts", 1, page(&["c3", "c4"], Some("page-3")));
        mock.fail_next("listContacts", 1, page(&["c5"], None));

        let (count, lines) = export(&mock, 2).await;

        assert_eq!(count, 5);
        let ids: Vec<_> = lines
            .iter()
            .map(|line| line["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["c1", "c2", "c3", "c4", "c5"]);
        assert!(lines.iter().all(|line| line["object"] == "contact"));
        let queries: Vec<_> = mock
            .requests_to("listContacts")
            .into_iter()
            .map(|r| r.query)
            .collect();
        assert_eq!(queries.len(), 3, "{queries:?}");
        assert!(
            queries
                .iter()
                .all(|q| q.contains("limit=2") && q.contains("contactType=all"))
        );
        assert!(queries[1].contains("cursor=page-2") && queries[2].contains("cursor=page-3"));
    }

    #[tokio::test]
    async fn an_error_midway_ends_the_export_with_it() {
        let mock = MockServer::start().await;
        mock.fail_next("listContacts", 1, page(&["c1"], Some("page-2")));
        mock.fail_next("listContacts", 3, Fault::ServerError(500));

        let mut out = Vec::new();
        let error = run(mock.client(), 1, &mut out).await.unwrap_err();

        assert!(error.to_string().contains("500"), "{error}");
        assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);
    }

    #[tokio::test]
    async fn a_seeded_mock_exports_what_it_lists() {
        let mock = MockServer::start().await;
        seed(mock.client(), SEEDED)
            .await
            .expect("the seeding upserts succeed");
        assert_eq!(mock.requests_to("upsertContact").len(), SEEDED);

        let (count, lines) = export(&mock, MOCK_PAGE_SIZE).await;

        assert_eq!((count, lines.len()), (SEEDED, SEEDED));
        let ids: std::collections::BTreeSet<_> =
            lines.iter().map(|line| line["id"].as_str()).collect();
        assert_eq!(ids.len(), SEEDED, "each contact once");
        assert!(lines.iter().all(|line| line["id"].is_string()), "{lines:?}");
        let lists = mock.requests_to("listContacts");
        assert_eq!(
            lists.len(),
            SEEDED.div_ceil(MOCK_PAGE_SIZE as usize),
            "one request a page"
        );
        assert!(
            lists
                .iter()
                .all(|r| r.status == 200 && r.query.contains("limit=10")),
            "{lists:?}"
        );
    }

    #[test]
    fn out_is_the_only_argument() {
        let args = |list: &[&str]| parse_args(list.iter().map(|arg| arg.to_string()));
        assert_eq!(args(&[]).unwrap(), None);
        assert_eq!(args(&["--out", "a.jsonl"]).unwrap(), Some("a.jsonl".into()));
        for wrong in [&["--out"][..], &["--out", "a", "--out", "b"], &["a.jsonl"]] {
            assert!(
                args(wrong).unwrap_err().to_string().contains(USAGE),
                "{wrong:?}"
            );
        }
    }
}
