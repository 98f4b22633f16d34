//! Upserts contacts from a CSV file:
//! `cargo run -p featurebase-api --example sync_csv -- [FILE] [--concurrency N] [--write]`.
//!
//! The file has a header row naming its columns: `userId`, `email`, `name`, `locale`,
//! `companyId` and `companyName` (each optional; an empty cell is left out). Without `FILE`
//! it reads `examples/data/contacts.csv`, fifty contacts of which three fail. Rows are sent
//! with `bulk_upsert_with`, `N` at a time (8 by default), behind a progress bar; at the end
//! it reports how many were created, updated, and which rows failed and why.
//!
//! It runs against the embedded mock unless `FEATUREBASE_API_KEY` is set; then it writes to
//! Featurebase, and only with `--write`.

mod common;

use std::error::Error;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use common::Backend;
use featurebase_api::Client;
use featurebase_api::models::{UpsertContactCompany, UpsertContactRequest};
use featurebase_api::runtime::{DEFAULT_CONCURRENCY, Upserted};
use futures::StreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Deserialize;

const USAGE: &str = "usage: sync_csv [FILE] [--concurrency N] [--write]";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
struct Args {
    file: PathBuf,
    concurrency: usize,
    write: bool,
}

/// One row of the file, as its header names the columns.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    user_id: Option<String>,
    email: Option<String>,
    name: Option<String>,
    locale: Option<String>,
    company_id: Option<String>,
    company_name: Option<String>,
}

/// A row of the file, with the upsert it asks for or the reason it cannot be sent.
#[derive(Debug)]
struct Entry {
    line: u64,
    /// The row's userId or email, to name it in the report.
    label: String,
    request: Result<UpsertContactRequest, String>,
}

/// A row that was not upserted.
#[derive(Debug)]
struct Failed {
    line: u64,
    label: String,
    reason: String,
}

/// What a sync did.
#[derive(Debug, Default)]
struct Summary {
    created: usize,
    updated: usize,
    /// By line.
    failed: Vec<Failed>,
}

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code(start().await)
}

async fn start() -> Result<(), Box<dyn Error>> {
    let args = parse_args(std::env::args().skip(1))?;
    let backend = Backend::from_env().await?;
    check_write(&backend, args.write)?;
    let file = File::open(&args.file)
        .map_err(|error| format!("cannot open {}: {error}", args.file.display()))?;
    let entries = read_entries(file)?;
    eprintln!(
        "upserting {} rows of {} into {backend}, {} at a time",
        entries.len(),
        args.file.display(),
        args.concurrency
    );
    let progress = ProgressBar::new(entries.len() as u64).with_style(ProgressStyle::with_template(
        "{bar:40} {pos}/{len} rows  {elapsed}",
    )?);
    let summary = run(backend.client(), entries, args.concurrency, &progress).await;
    progress.finish_and_clear();
    summary.print(&mut io::stdout().lock())?;
    Ok(())
}

/// Featurebase itself is only written to when `--write` says so.
fn check_write(backend: &Backend, write: bool) -> Result<(), &'static str> {
    if write || backend.is_mock() {
        Ok(())
    } else {
        Err("this writes contacts to Featurebase: pass --write to go ahead")
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, Box<dyn Error>> {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/contacts.csv");
    let mut parsed = Args {
        file: PathBuf::from(sample),
        concurrency: DEFAULT_CONCURRENCY,
        write: false,
    };
    let mut file = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--write" => parsed.write = true,
            "--concurrency" => {
                let value = args.next().and_then(|n| n.parse().ok());
                parsed.concurrency = value
                    .filter(|&n| n > 0)
                    .ok_or(format!("--concurrency takes a number above 0\n{USAGE}"))?;
            }
            _ if !arg.starts_with("--") && file.is_none() => file = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument `{arg}`\n{USAGE}").into()),
        }
    }
    parsed.file = file.unwrap_or(parsed.file);
    Ok(parsed)
}

/// The rows of a CSV file with a header row.
fn read_entries(file: impl Read) -> Result<Vec<Entry>, csv::Error> {
    let mut reader = csv::Reader::from_reader(file);
    let headers = reader.headers()?.clone();
    let mut entries = Vec::new();
    for record in reader.records() {
        let record = record?;
        let line = record.position().map_or(0, csv::Position::line);
        let row: Row = record.deserialize(Some(&headers))?;
        let entry = row.into_entry(line);
        entries.push(entry);
    }
    Ok(entries)
}

impl Row {
    fn into_entry(self, line: u64) -> Entry {
        let label = self.user_id.as_ref().or(self.email.as_ref());
        Entry {
            line,
            label: label.map_or("-", String::as_str).to_owned(),
            request: self.into_request(),
        }
    }

    fn into_request(self) -> Result<UpsertContactRequest, String> {
        let request = match (self.user_id, self.email) {
            (Some(user_id), Some(email)) => {
                UpsertContactRequest::with_user_id_and_email(user_id, email)
            }
            (Some(user_id), None) => UpsertContactRequest::with_user_id(user_id),
            (None, Some(email)) => UpsertContactRequest::with_email(email),
            (None, None) => return Err("the row has neither a userId nor an email".to_owned()),
        };
        let request = self
            .name
            .into_iter()
            .fold(request, UpsertContactRequest::name);
        let request = self
            .locale
            .into_iter()
            .fold(request, UpsertContactRequest::locale);
        match (self.company_id, self.company_name) {
            (Some(id), Some(name)) => {
                Ok(request.companies(vec![UpsertContactCompany::new(id, name)]))
            }
            (None, None) => Ok(request),
            _ => Err("companyId and companyName go together".to_owned()),
        }
    }
}

/// Upserts every entry that has a request, `concurrency` at a time, ticking `progress` for
/// each entry.
async fn run(
    client: &Client,
    entries: Vec<Entry>,
    concurrency: usize,
    progress: &ProgressBar,
) -> Summary {
    let mut summary = Summary::default();
    let mut sent = Vec::new();
    let mut requests = Vec::new();
    for entry in entries {
        match entry.request {
            Ok(request) => {
                sent.push((entry.line, entry.label));
                requests.push(request);
            }
            Err(reason) => {
                summary.failed.push(Failed {
                    line: entry.line,
                    label: entry.label,
                    reason,
                });
                progress.inc(1);
            }
        }
    }
    let contacts = client.users().contacts();
    let mut results = contacts.bulk_upsert_with(requests, concurrency);
    while let Some(result) = results.next().await {
        progress.inc(1);
        match result.outcome {
            Ok(Upserted::Created(_)) => summary.created += 1,
            Ok(_) => summary.updated += 1,
            Err(error) => {
                let (line, label) = sent[result.index].clone();
                let reason = error.to_string();
                summary.failed.push(Failed {
                    line,
                    label,
                    reason,
                });
            }
        }
    }
    summary.failed.sort_by_key(|failed| failed.line);
    summary
}

impl Summary {
    fn print(&self, out: &mut dyn Write) -> io::Result<()> {
        let Self {
            created,
            updated,
            failed,
        } = self;
        writeln!(
            out,
            "{created} created, {updated} updated, {} failed",
            failed.len()
        )?;
        for Failed {
            line,
            label,
            reason,
        } in failed
        {
            writeln!(out, "  line {line:<4} {label:<32} {reason}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use featurebase_mock::MockServer;

    use super::*;

    const CSV: &str = "\
userId,email,name,locale,companyId,companyName
usr_1,one@example.com,One,en,comp_1,Company One
,two@example.com,Two,,,
usr_3,not-an-email,Three,,,
,,Nobody,,,
usr_5,,Five,,comp_5,
";

    async fn sync(mock: &MockServer, csv: &[u8]) -> Summary {
        let entries = read_entries(csv).expect("the CSV reads");
        run(mock.client(), entries, 4, &ProgressBar::hidden()).await
    }

    fn failed_lines(summary: &Summary) -> Vec<u64> {
        summary.failed.iter().map(|failed| failed.line).collect()
    }

    #[test]
    fn rows_become_upserts_with_the_cells_they_fill() {
        let entries = read_entries(CSV.as_bytes()).unwrap();
        let lines: Vec<_> = entries.iter().map(|entry| entry.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6]);
        let first = serde_json::to_value(entries[0].request.as_ref().unwrap()).unwrap();
        let expected = serde_json::json!({
            "userId": "usr_1", "email": "one@example.com", "name": "One", "locale": "en",
            "companies": [{"id": "comp_1", "name": "Company One"}],
        });
        assert_eq!(first, expected);
        let second = serde_json::to_value(entries[1].request.as_ref().unwrap()).unwrap();
        assert_eq!(
            second,
            serde_json::json!({"email": "two@example.com", "name": "Two"})
        );
        assert!(entries[3].request.as_ref().unwrap_err().contains("neither"));
        assert!(
            entries[4]
                .request
                .as_ref()
                .unwrap_err()
                .contains("go together")
        );
    }

    #[test]
    fn a_ragged_file_is_refused_with_the_line_at_fault() {
        let error = read_entries("userId,email\nusr_1,a@example.com\nusr_2\n".as_bytes());
        let message = error.unwrap_err().to_string();
        assert!(message.contains("line: 3"), "{message}");
    }

    #[tokio::test]
    async fn sends_each_complete_row_and_reports_the_rows_that_failed() {
        let mock = MockServer::start().await;
        let summary = sync(&mock, CSV.as_bytes()).await;

        let sent = mock.requests_to("upsertContact");
        assert_eq!(sent.len(), 3, "the rows with an identity and whole company");
        assert_eq!((summary.created, summary.updated), (2, 0), "{summary:?}");
        assert_eq!(failed_lines(&summary), [4, 5, 6]);
        let rejected = &summary.failed[0];
        assert_eq!(rejected.label, "usr_3");
        assert!(rejected.reason.contains("400"), "{rejected:?}");
        assert!(rejected.reason.contains("email"), "{rejected:?}");
    }

    #[tokio::test]
    async fn the_sample_file_shows_each_outcome() {
        let mock = MockServer::start().await;
        let sample = std::fs::read(parse_args(std::iter::empty()).unwrap().file).unwrap();
        let summary = sync(&mock, &sample).await;

        assert_eq!(
            mock.requests_to("upsertContact").len(),
            49,
            "one row has no identity"
        );
        assert_eq!(
            (summary.created, summary.updated),
            (46, 1),
            "usr_005 twice: {summary:?}"
        );
        assert_eq!(failed_lines(&summary), [18, 34, 42], "{summary:?}");
        let mut out = Vec::new();
        summary.print(&mut out).unwrap();
        let report = String::from_utf8(out).unwrap();
        assert!(report.starts_with(&format!(
            "{} created, {} updated, 3 failed\n",
            summary.created, summary.updated
        )));
        assert_eq!(report.lines().count(), 4, "{report}");
    }

    #[tokio::test]
    async fn a_server_error_fails_only_its_row() {
        let mock = MockServer::start().await;
        // More than the client's retries, so one row fails for good.
        mock.fail_next(
            "upsertContact",
            3,
            featurebase_mock::Fault::ServerError(503),
        );
        let summary = sync(&mock, b"userId\nusr_a\n").await;
        assert_eq!(failed_lines(&summary), [2]);
        assert!(summary.failed[0].reason.contains("503"), "{summary:?}");
    }

    #[tokio::test]
    async fn featurebase_is_written_to_only_with_write() {
        let production = Backend::Production(Client::new("key").unwrap());
        assert!(
            check_write(&production, false)
                .unwrap_err()
                .contains("--write")
        );
        assert_eq!(check_write(&production, true), Ok(()));
        let mock = Backend::Mock(MockServer::start().await);
        assert_eq!(check_write(&mock, false), Ok(()));
    }

    #[test]
    fn arguments() {
        let args = |list: &[&str]| parse_args(list.iter().map(|arg| arg.to_string()));
        let default = args(&[]).unwrap();
        assert!(default.file.ends_with("examples/data/contacts.csv") && default.file.exists());
        assert_eq!(
            (default.concurrency, default.write),
            (DEFAULT_CONCURRENCY, false)
        );
        let given = args(&["in.csv", "--concurrency", "3", "--write"]).unwrap();
        let expected = Args {
            file: "in.csv".into(),
            concurrency: 3,
            write: true,
        };
        assert_eq!(given, expected);
        for wrong in [
            &["--concurrency", "0"][..],
            &["--concurrency"],
            &["a.csv", "b.csv"],
        ] {
            assert!(
                args(wrong).unwrap_err().to_string().contains(USAGE),
                "{wrong:?}"
            );
        }
    }
}
