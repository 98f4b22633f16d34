//! `cargo run -p featurebase-mock -- --port 8080`: the mock Featurebase API on its own, for
//! curl, other languages' clients and demos. Each request is logged.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use featurebase_mock::{Api, Documented, Featurebase, MockServer};
use tokio::net::TcpListener;

const USAGE: &str = "\
usage: featurebase-mock [--port N] [--host ADDR] [--api-key KEY] [--rate-limit N] [--documented]

  --port N        the port to listen on (default 8080; 0 picks a free one)
  --host ADDR     the address to listen on (default 127.0.0.1)
  --api-key KEY   accept only this bearer key (default: any non-empty key)
  --rate-limit N  allow N requests per minute per API key, as the API allows 2000,
                  with its X-RateLimit-* headers and 429s (default: no limit)
  --documented    answer every operation with its documented example instead of
                  keeping contacts and companies";

#[derive(Debug)]
struct Options {
    port: u16,
    host: String,
    api_key: Option<String>,
    rate_limit: Option<u64>,
    documented: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        port: 8080,
        host: "127.0.0.1".to_owned(),
        api_key: None,
        rate_limit: None,
        documented: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or(format!("`{flag}` needs a value"));
        match arg.as_str() {
            "--port" => {
                let port = value("--port")?;
                options.port = port.parse().map_err(|_| format!("not a port: `{port}`"))?;
            }
            "--host" => options.host = value("--host")?.clone(),
            "--api-key" => options.api_key = Some(value("--api-key")?.clone()),
            "--rate-limit" => {
                let limit = value("--rate-limit")?;
                let limit = limit
                    .parse()
                    .map_err(|_| format!("not a number: `{limit}`"))?;
                options.rate_limit = Some(limit);
            }
            "--documented" => options.documented = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(options)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|arg| arg == "--help" || arg == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let options = match parse(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    tracing_subscriber::fmt()
        .with_target(false)
        .with_writer(std::io::stderr)
        .init();
    match serve(&options).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(options: &Options) -> std::io::Result<()> {
    let listener = TcpListener::bind((options.host.as_str(), options.port)).await?;
    match options.documented {
        true => run(listener, Documented, options).await,
        false => run(listener, Featurebase::default(), options).await,
    }
}

async fn run<A: Api>(listener: TcpListener, api: A, options: &Options) -> std::io::Result<()> {
    let mut mock = MockServer::builder();
    if let Some(limit) = options.rate_limit {
        mock = mock.rate_limit(limit, Duration::from_secs(60));
    }
    let key = options.api_key.as_deref();
    let mock = mock.serve(listener, Arc::new(api), key).await?;
    announce(mock.url(), options);
    wait().await;
    println!("featurebase-mock on {} stopped", mock.url());
    Ok(())
}

fn announce(url: &str, options: &Options) {
    let keys = match &options.api_key {
        Some(_) => "only the given --api-key",
        None => "any bearer key",
    };
    let answers = match options.documented {
        true => "documented examples",
        false => "a stateful Featurebase",
    };
    println!("featurebase-mock listening on {url} ({answers}, {keys}); Ctrl-C stops it");
    println!("try: curl -H 'Authorization: Bearer any-key' {url}/v2/contacts");
}

async fn wait() {
    // Without a signal handler (an unsupported platform), serve until killed.
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}
