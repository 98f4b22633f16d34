//! What depending on `featurebase-api` brings in: `cargo tree` on the library's own
//! (non-dev) dependencies, as a user's build resolves them.

use std::path::Path;
use std::process::Command;

/// The features enabled on `package` by `featurebase-api` with `flags`.
fn features(package: &str, flags: &[&str]) -> Vec<String> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .current_dir(workspace)
        .args(["tree", "-p", "featurebase-api", "-e", "normal,features"])
        .args(["--prefix", "none", "-i", package])
        .args(flags)
        .output()
        .expect("cargo tree runs");
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let prefix = format!("{package} feature \"");
    let mut features: Vec<String> = tree
        .lines()
        .filter_map(|line| line.strip_prefix(&prefix)?.split('"').next())
        .map(str::to_owned)
        .collect();
    features.sort();
    features.dedup();
    features
}

#[test]
fn the_library_does_not_force_tokio_macros_or_a_multi_threaded_runtime() {
    let tokio = features("tokio", &[]);
    assert!(tokio.contains(&"time".to_owned()), "{tokio:?}");
    for forced in ["macros", "rt-multi-thread"] {
        assert!(
            !tokio.contains(&forced.to_owned()),
            "tokio/{forced}: {tokio:?}"
        );
    }
}

#[test]
fn tls_is_rustls_by_default_and_a_choice_without_default_features() {
    let default = features("reqwest", &[]);
    assert!(default.contains(&"rustls".to_owned()), "{default:?}");
    let native = features(
        "reqwest",
        &["--no-default-features", "--features", "native-tls"],
    );
    assert!(native.contains(&"native-tls".to_owned()), "{native:?}");
    assert!(!native.contains(&"rustls".to_owned()), "{native:?}");
    let none = features("reqwest", &["--no-default-features"]);
    assert!(
        !none.iter().any(|f| f.contains("tls")),
        "no TLS without default features: {none:?}"
    );
}
