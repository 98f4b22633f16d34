//! The quickstart: `cargo run -p featurebase-api --example quickstart`.
//!
//! With no environment it starts the embedded mock in this process and, against it, upserts
//! contacts and a company, attaches a contact to the company, pages through the contacts and
//! updates email preferences, printing one line per step. With `FEATUREBASE_API_KEY` set it
//! talks to Featurebase instead: read-only (it lists contacts and companies) unless `--write`
//! is given.

mod common;

use std::error::Error;
use std::fmt::Display;
use std::io::{self, Write};
use std::process::ExitCode;

use common::Backend;
use featurebase_api::Client;
use featurebase_api::http::StatusCode;
use featurebase_api::models::{
    AttachContactRequest, Company, Contact, EmailPreferenceSetting, EmailPreferencesPatch,
    UpdateEmailPreferencesRequest, UpsertCompanyRequest, UpsertContactRequest,
};
use featurebase_api::resources::UsersContacts;
use futures::{StreamExt, TryStreamExt};

const USAGE: &str = "usage: quickstart [--write]";

/// At most this many contacts or companies are listed: an account may hold thousands.
const LISTED: usize = 10;

/// Small pages, so that even the quickstart's three contacts span two of them.
const PAGE_SIZE: i64 = 2;

/// Whether the quickstart may create and change records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Write,
    ReadOnly,
}

impl Mode {
    /// Featurebase itself is only written to when `--write` says so.
    fn of(backend: &Backend, write: bool) -> Self {
        if write || backend.is_mock() {
            Self::Write
        } else {
            Self::ReadOnly
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code(start().await)
}

async fn start() -> Result<(), Box<dyn Error>> {
    let write = parse_args(std::env::args().skip(1))?;
    let backend = Backend::from_env().await?;
    let mode = Mode::of(&backend, write);
    let mut out = io::stdout().lock();
    writeln!(out, "featurebase-api quickstart, against {backend}\n")?;
    run(backend.client(), mode, &mut out).await
}

/// Whether `--write` was given.
fn parse_args(args: impl Iterator<Item = String>) -> Result<bool, Box<dyn Error>> {
    let mut write = false;
    for arg in args {
        match arg.as_str() {
            "--write" => write = true,
            _ => return Err(format!("unexpected argument `{arg}`\n{USAGE}").into()),
        }
    }
    Ok(write)
}

async fn run(client: &Client, mode: Mode, out: &mut dyn Write) -> Result<(), Box<dyn Error>> {
    if mode == Mode::Write {
        write_records(client, out).await?;
    }
    list_contacts(client, out).await?;
    list_companies(client, out).await?;
    if mode == Mode::ReadOnly {
        writeln!(
            out,
            "\nread-only: pass --write to create and update records"
        )?;
    }
    Ok(())
}

/// Upserts contacts and a company, links them, and changes one contact's email preferences.
async fn write_records(client: &Client, out: &mut dyn Write) -> Result<(), Box<dyn Error>> {
    let contacts = client.users().contacts();
    let ada = UpsertContactRequest::with_user_id_and_email("usr_ada", "ada@example.com");
    let grace = UpsertContactRequest::with_user_id_and_email("usr_grace", "grace@example.com");
    let alan = UpsertContactRequest::with_email("alan@example.com");
    upsert_contact(&contacts, ada.clone().name("Ada Lovelace"), out).await?;
    upsert_contact(&contacts, grace.name("Grace Hopper"), out).await?;
    upsert_contact(&contacts, alan.name("Alan Turing"), out).await?;
    // Ada's userId again: this updates her rather than creating another contact.
    let ada = upsert_contact(&contacts, ada.name("Ada King"), out).await?;

    let companies = client.users().companies();
    let acme = UpsertCompanyRequest::new("comp_acme", "Acme Inc").plan("enterprise");
    let response = companies
        .create_or_update(acme)
        .send_with_response()
        .await?;
    let company = &response.value;
    let detail = columns(company.company_id.as_str(), &company.name, &company.id);
    step(
        out,
        "upsert company",
        &with_outcome(response.status, &detail),
    )?;

    let attach = AttachContactRequest::new(&ada.id);
    let linked = companies.contacts(&company.id).attach(attach).await?;
    let count = linked.companies.as_deref().unwrap_or_default().len();
    let detail = format!(
        "{} -> {}  (companies of the contact: {count})",
        ada.name, company.name
    );
    step(out, "attach contact", &detail)?;
    let company = companies.retrieve(&company.id).await?;
    let users = company.linked_users.unwrap_or_default();
    step(
        out,
        "retrieve company",
        &format!("{}  (linked users: {users})", company.name),
    )?;

    let patch = EmailPreferencesPatch::with_changelog(EmailPreferenceSetting::Unsubscribed);
    let update = UpdateEmailPreferencesRequest::new(patch);
    let updated = contacts.email_preferences(&ada.id).update(update).await?;
    let changelog = &updated.preferences.changelog;
    let (status, effective) = (
        changelog.status.as_str(),
        changelog.effective_status.as_str(),
    );
    let detail = format!("{}: changelog {status} (effective: {effective})", ada.name);
    step(out, "email preferences", &detail)?;
    Ok(())
}

/// Upserts `request`, printing whether it created or updated the contact.
async fn upsert_contact(
    contacts: &UsersContacts,
    request: UpsertContactRequest,
    out: &mut dyn Write,
) -> Result<Contact, Box<dyn Error>> {
    let response = contacts
        .create_or_update(request)
        .send_with_response()
        .await?;
    let contact = response.value;
    let email = contact.email.as_deref().unwrap_or("-");
    let detail = columns(email, &contact.name, &contact.id);
    step(
        out,
        "upsert contact",
        &with_outcome(response.status, &detail),
    )?;
    Ok(contact)
}

/// Streams the contacts, fetching each page of [`PAGE_SIZE`] as the stream reaches it.
async fn list_contacts(client: &Client, out: &mut dyn Write) -> Result<(), Box<dyn Error>> {
    let items = client.users().contacts().list().limit(PAGE_SIZE).items();
    let contacts: Vec<Contact> = items.take(LISTED).try_collect().await?;
    let count = contacts.len();
    step(
        out,
        "list contacts",
        &format!("{count} shown, {PAGE_SIZE} per page"),
    )?;
    for contact in &contacts {
        let identity = match (&contact.user_id, &contact.email) {
            (Some(user_id), _) => user_id.as_str(),
            (None, Some(email)) => email,
            (None, None) => "-",
        };
        let name = format!("{} ({})", contact.name, contact.r#type.as_str());
        step(out, "", &columns(identity, &name, &contact.id))?;
    }
    Ok(())
}

async fn list_companies(client: &Client, out: &mut dyn Write) -> Result<(), Box<dyn Error>> {
    let items = client.users().companies().list().items();
    let companies: Vec<Company> = items.take(LISTED).try_collect().await?;
    step(out, "list companies", &format!("{} shown", companies.len()))?;
    for company in &companies {
        let users = company.linked_users.unwrap_or_default();
        let name = format!("{} ({users} linked)", company.name);
        step(
            out,
            "",
            &columns(company.company_id.as_str(), &name, &company.id),
        )?;
    }
    Ok(())
}

/// An upsert's status as the API means it (201 created, 200 updated), before `detail`.
fn with_outcome(status: StatusCode, detail: &str) -> String {
    let meaning = match status {
        StatusCode::CREATED => "created",
        StatusCode::OK => "updated",
        _ => "",
    };
    format!("{} {meaning:<7}  {detail}", status.as_u16())
}

/// A record's key, name and id, aligned in columns.
fn columns(key: &str, name: &str, id: impl Display) -> String {
    format!("{key:<24} {name:<26} id {id}")
}

/// One line of output: the step, then what it did.
fn step(out: &mut dyn Write, action: &str, detail: &str) -> io::Result<()> {
    writeln!(out, "{action:<18} {detail}")
}

#[cfg(test)]
mod tests {
    use featurebase_api::http::Method;
    use featurebase_mock::MockServer;

    use super::*;

    async fn run_against(mock: &MockServer, mode: Mode) -> String {
        let mut out = Vec::new();
        run(mock.client(), mode, &mut out)
            .await
            .expect("the quickstart runs");
        String::from_utf8(out).expect("the output is UTF-8")
    }

    fn lines_starting<'a>(output: &'a str, action: &str) -> Vec<&'a str> {
        output
            .lines()
            .filter(|line| line.starts_with(action))
            .collect()
    }

    #[tokio::test]
    async fn writes_every_record_through_requests_the_mock_accepts() {
        let mock = MockServer::start().await;
        let output = run_against(&mock, Mode::Write).await;

        for (operation, count) in [
            ("upsertContact", 4),
            ("upsertCompany", 1),
            ("attachContactToCompany", 1),
            ("getCompanyById", 1),
            ("updateContactEmailPreferencesById", 1),
        ] {
            assert_eq!(
                mock.requests_to(operation).len(),
                count,
                "{operation}\n{output}"
            );
        }
        let rejected: Vec<_> = mock
            .requests()
            .into_iter()
            .filter(|r| r.status >= 300)
            .collect();
        assert!(rejected.is_empty(), "the mock refused {rejected:?}");
        let upserts = mock.requests_to("upsertContact");
        let names: Vec<_> = upserts
            .iter()
            .map(|r| r.json().unwrap()["name"].clone())
            .collect();
        assert_eq!(
            names,
            ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Ada King"]
        );
    }

    #[tokio::test]
    async fn prints_one_line_per_step_with_the_status_each_upsert_got() {
        let mock = MockServer::start().await;
        let output = run_against(&mock, Mode::Write).await;

        let lines = lines_starting(&output, "upsert contact");
        let statuses = mock
            .requests_to("upsertContact")
            .into_iter()
            .map(|r| r.status);
        assert_eq!(lines.len(), 4, "{output}");
        let logged: Vec<_> = mock
            .requests_to("upsertContact")
            .iter()
            .map(|r| r.status)
            .collect();
        assert_eq!(
            logged,
            [201, 201, 201, 200],
            "three created, then Ada updated"
        );
        assert_eq!(mock.requests_to("upsertCompany")[0].status, 201);
        assert!(output.contains("(linked users: 1)"), "{output}");
        for (line, status) in lines.iter().zip(statuses) {
            let status = StatusCode::from_u16(status).unwrap();
            let shown = with_outcome(status, "");
            assert!(line.contains(shown.trim_end()), "{line}");
        }
        for action in [
            "upsert company",
            "attach contact",
            "retrieve company",
            "email preferences",
        ] {
            assert_eq!(
                lines_starting(&output, action).len(),
                1,
                "{action}\n{output}"
            );
        }
        assert!(output.contains("changelog unsubscribed"), "{output}");
    }

    #[tokio::test]
    async fn pages_through_the_contacts_with_small_pages() {
        let mock = MockServer::start().await;
        let output = run_against(&mock, Mode::Write).await;

        let lists = mock.requests_to("listContacts");
        assert_eq!(lists.len(), 2, "three contacts, two a page: {lists:?}");
        assert!(
            lists
                .iter()
                .all(|r| r.query.contains(&format!("limit={PAGE_SIZE}")))
        );
        assert!(
            lists[1..].iter().all(|r| r.query.contains("cursor=")),
            "{lists:?}"
        );
        assert_eq!(
            lines_starting(&output, "list contacts").len(),
            1,
            "{output}"
        );
    }

    #[tokio::test]
    async fn read_only_mode_only_reads() {
        let mock = MockServer::start().await;
        let output = run_against(&mock, Mode::ReadOnly).await;

        let requests = mock.requests();
        assert!(!requests.is_empty());
        assert!(
            requests.iter().all(|r| r.method == Method::GET),
            "{requests:?}"
        );
        assert!(output.contains("pass --write"), "{output}");
    }

    #[tokio::test]
    async fn only_the_mock_is_written_to_without_write() {
        let production = || Backend::Production(Client::new("key").unwrap());
        assert_eq!(Mode::of(&production(), false), Mode::ReadOnly);
        assert_eq!(Mode::of(&production(), true), Mode::Write);
        let mock = Backend::Mock(MockServer::start().await);
        assert_eq!(Mode::of(&mock, false), Mode::Write);
    }

    #[test]
    fn write_is_the_only_argument() {
        let args = |list: &[&str]| parse_args(list.iter().map(|arg| arg.to_string()));
        assert!(!args(&[]).unwrap());
        assert!(args(&["--write"]).unwrap());
        let error = args(&["--force"]).unwrap_err().to_string();
        assert!(
            error.contains("`--force`") && error.contains(USAGE),
            "{error}"
        );
    }
}
