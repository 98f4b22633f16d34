//! `featurebase-mock` as a process: it serves the API to any HTTP client and logs each
//! request.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command, Stdio};

/// The mock binary on a free port; killed when dropped. Its stdout stays open, so that
/// it can go on printing.
struct Process {
    child: Child,
    _stdout: BufReader<ChildStdout>,
}

impl Process {
    /// Stops the process and returns what it logged.
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let mut log = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            std::io::Read::read_to_string(&mut stderr, &mut log).expect("stderr");
        }
        log
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str]) -> (Process, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_featurebase-mock"))
        .args(["--port", "0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("a line");
    let url = first
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {first:?}"))
        .to_owned();
    let process = Process {
        child,
        _stdout: stdout,
    };
    (process, url)
}

#[tokio::test]
async fn serves_the_api_to_a_plain_http_client() {
    let (process, url) = start(&["--api-key", "secret"]);
    let http = reqwest::Client::new();
    let created = http
        .post(format!("{url}/v2/contacts"))
        .bearer_auth("secret")
        .json(&serde_json::json!({"email": "ada@example.com", "name": "Ada"}))
        .send()
        .await
        .expect("answers");
    let created = created.status().as_u16();
    assert!([200, 201].contains(&created), "{created}");
    let wrong_key = http
        .get(format!("{url}/v2/contacts"))
        .bearer_auth("other")
        .send()
        .await
        .expect("answers");
    assert_eq!(wrong_key.status(), 401);
    let log = process.stop();
    let logged = |needles: &[&str]| {
        log.lines()
            .any(|line| needles.iter().all(|needle| line.contains(needle)))
    };
    let status = format!("status={created}");
    assert!(
        logged(&["POST", "/v2/contacts", "upsertContact", &status]),
        "{log}"
    );
    assert!(
        logged(&["GET", "/v2/contacts", "listContacts", "status=401"]),
        "{log}"
    );
}

#[tokio::test]
async fn documented_mode_answers_the_spec_examples() {
    let (_process, url) = start(&["--documented"]);
    let response = reqwest::Client::new()
        .get(format!("{url}/v2/companies/507f1f77bcf86cd799439011"))
        .bearer_auth("any-key")
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.expect("JSON");
    let documented: serde_json::Value = serde_json::from_str(
        featurebase_mock::operations::GET_COMPANY_BY_ID
            .example
            .as_ref()
            .and_then(|example| example.body)
            .expect("an example"),
    )
    .expect("JSON");
    assert_eq!(body, documented);
}

#[tokio::test]
async fn a_rate_limit_per_minute_answers_429_past_it() {
    let (_process, url) = start(&["--rate-limit", "1"]);
    let http = reqwest::Client::new();
    let get = || {
        http.get(format!("{url}/v2/contacts"))
            .bearer_auth("any-key")
            .send()
    };
    let first = get().await.expect("answers");
    let second = get().await.expect("answers");
    let header = |response: &reqwest::Response, name: &str| {
        let value = response.headers().get(name).expect(name);
        value.to_str().unwrap().to_owned()
    };
    assert_eq!(first.status(), 200);
    assert_eq!(header(&first, "x-ratelimit-limit"), "1");
    assert_eq!(header(&first, "x-ratelimit-remaining"), "0");
    // The second is refused unless a minute began between the two.
    if header(&second, "x-ratelimit-reset") == header(&first, "x-ratelimit-reset") {
        assert_eq!(second.status(), 429);
        assert!(second.headers().contains_key("retry-after"));
    }
}
