//! What the examples share: where their requests go, and how they end.

use std::error::Error;
use std::fmt;
use std::process::ExitCode;

use featurebase_api::Client;
use featurebase_mock::{Featurebase, MockServer};

/// The environment variable that sends the examples to Featurebase instead of the mock.
pub(crate) const API_KEY_VARIABLE: &str = "FEATUREBASE_API_KEY";

/// Where an example sends its requests.
pub(crate) enum Backend {
    /// The embedded mock, in this process, gone when the example ends.
    Mock(MockServer),
    /// Featurebase itself, with the key from [`API_KEY_VARIABLE`].
    Production(Client),
}

impl Backend {
    /// Featurebase when `FEATUREBASE_API_KEY` is set, the embedded mock otherwise.
    pub(crate) async fn from_env() -> Result<Self, Box<dyn Error>> {
        match std::env::var(API_KEY_VARIABLE) {
            Ok(key) if !key.trim().is_empty() => Ok(Self::Production(Client::new(key)?)),
            _ => Ok(Self::Mock(
                MockServer::try_start_with(Featurebase::default()).await?,
            )),
        }
    }

    pub(crate) fn client(&self) -> &Client {
        match self {
            Self::Mock(mock) => mock.client(),
            Self::Production(client) => client,
        }
    }

    /// The mock's data is thrown away at exit, so examples write to it freely.
    pub(crate) fn is_mock(&self) -> bool {
        matches!(self, Self::Mock(_))
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Mock(mock) => write!(
                f,
                "the embedded mock at {} (set {API_KEY_VARIABLE} to use Featurebase)",
                mock.url()
            ),
            Self::Production(_) => write!(f, "Featurebase, with the key in {API_KEY_VARIABLE}"),
        }
    }
}

/// Success, or the error and its causes printed on stderr, one a line, and failure.
pub(crate) fn exit_code(result: Result<(), Box<dyn Error>>) -> ExitCode {
    let Err(error) = result else {
        return ExitCode::SUCCESS;
    };
    eprintln!("error: {error}");
    let mut cause = error.source();
    while let Some(error) = cause {
        eprintln!("  caused by: {error}");
        cause = error.source();
    }
    ExitCode::FAILURE
}
