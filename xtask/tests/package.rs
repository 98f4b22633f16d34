//! The published `featurebase-api` crate: what `cargo package` puts in it, and docs that
//! point at nothing outside it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn the_package_holds_the_readme_licences_and_changelog() {
    // `--allow-dirty`: the test runs on a working tree, unlike the CI step.
    let output = Command::new(env!("CARGO"))
        .args(["package", "--list", "--offline", "--allow-dirty"])
        .args(["--package", "featurebase-api"])
        .current_dir(workspace())
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let listing = String::from_utf8(output.stdout).expect("utf-8");
    let files: Vec<&str> = listing.lines().collect();
    for expected in ["README.md", "LICENSE-MIT", "LICENSE-APACHE", "CHANGELOG.md"] {
        assert!(files.contains(&expected), "{expected} is not in {files:?}");
    }
}

#[test]
fn the_crate_readme_links_only_to_urls() {
    let readme = std::fs::read_to_string(workspace().join("featurebase-api/README.md"))
        .expect("the crate README");
    let relative: Vec<&str> = readme
        .split("](")
        .skip(1)
        .filter(|target| !target.starts_with("https://"))
        .collect();
    assert!(
        relative.is_empty(),
        "links into the repository: {relative:?}"
    );
}
