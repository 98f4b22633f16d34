//! `cargo xtask bench-compile`: how long a clean release build of one crate takes with its
//! dependencies built (wall clock, `CARGO_INCREMENTAL=0`, the median of interleaved runs),
//! for `featurebase-api`, a program calling all 20 operations and the synthetic
//! 114-operation client; each against the same crate at a base commit, checked out in a
//! temporary git worktree that shares the target directory and built in the same run.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use crate::bench::{median, ratio};
use crate::workspace_root;

/// The commit before the build-time work: the client as the issue measured it.
const BASE: &str = "00de142";

/// The program is not in the base commit's tree; it is copied there to build against it.
const PROGRAM_DIR: &str = "tests/all-calls";

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct CompileOptions {
    pub(crate) runs: usize,
    pub(crate) base: String,
}

pub(crate) fn parse(args: &[String]) -> Result<CompileOptions, String> {
    let mut options = CompileOptions {
        runs: 3,
        base: BASE.to_owned(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || crate::value(&mut args, arg).cloned();
        match arg.as_str() {
            "--runs" => {
                options.runs = value()?
                    .parse()
                    .ok()
                    .filter(|runs| *runs > 0)
                    .ok_or("`--runs` needs a positive number")?;
            }
            "--base" => options.base = value()?,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(options)
}

/// One crate to time: its package, what the output calls it, its operations if it is a
/// client.
struct Crate {
    package: &'static str,
    label: &'static str,
    operations: Option<u32>,
}

const CRATES: [Crate; 3] = [
    Crate {
        package: "featurebase-api",
        label: "featurebase-api (release, clean, deps built)",
        operations: Some(20),
    },
    Crate {
        package: "featurebase-all-calls",
        label: "a program calling all 20 operations (featurebase-all-calls, release, clean, deps built)",
        operations: None,
    },
    Crate {
        package: "featurebase-synthetic",
        label: "featurebase-synthetic, 114 operations (release, clean, deps built, build script included)",
        operations: Some(114),
    },
];

pub(crate) fn run(options: &CompileOptions) -> ExitCode {
    let root = workspace_root();
    let base = std::env::temp_dir().join(format!("featurebase-bench-base-{}", std::process::id()));
    let result = add_base(&root, &base, &options.base).and_then(|()| {
        let (ours, theirs) = measure(&root, &base, options.runs)?;
        for line in report(&ours, &theirs, &options.base) {
            println!("{line}");
        }
        Ok(())
    });
    let removed = git(&root, &["worktree", "remove", "--force", &path_text(&base)]);
    match result.and(removed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench-compile: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Checks out `rev` at `dir` with the program added to its workspace.
fn add_base(root: &Path, dir: &Path, rev: &str) -> Result<(), String> {
    git(root, &["worktree", "add", "--detach", &path_text(dir), rev])?;
    copy_dir(&root.join(PROGRAM_DIR), &dir.join(PROGRAM_DIR))?;
    let manifest = dir.join("Cargo.toml");
    let text = read(&manifest)?;
    if !text.contains(&format!("\"{PROGRAM_DIR}\"")) {
        let members = format!("members = [\"{PROGRAM_DIR}\", ");
        let text = text.replacen("members = [", &members, 1);
        std::fs::write(&manifest, text)
            .map_err(|error| format!("{}: {error}", manifest.display()))?;
    }
    for package in RENAMED {
        mark_version(&dir.join(package).join("Cargo.toml"))?;
    }
    Ok(())
}

/// The base tree's own packages whose versions get a `-base` suffix. Cargo names a path
/// package's artifacts after its path in the workspace, so without it the two trees
/// would overwrite each other's artifacts in the shared target directory (and file
/// times would then pass one tree's build off as the other's).
const RENAMED: [&str; 4] = ["featurebase-api", "codegen", "tests/synthetic", PROGRAM_DIR];

fn mark_version(manifest: &Path) -> Result<(), String> {
    let text = read(manifest)?;
    let Some(start) = text.find("\nversion = \"") else {
        return Err(format!("{}: no version", manifest.display()));
    };
    let end = start + "\nversion = \"".len();
    let close = text[end..].find('"').map_or(end, |offset| end + offset);
    let marked = format!("{}-base{}", &text[..close], &text[close..]);
    std::fs::write(manifest, marked).map_err(|error| format!("{}: {error}", manifest.display()))
}

/// The median build time of each crate, here and at the base, runs interleaved.
fn measure(
    root: &Path,
    base: &Path,
    runs: usize,
) -> Result<(Vec<Duration>, Vec<Duration>), String> {
    let target = root.join("target");
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for krate in &CRATES {
        let (mut here, mut there) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            there.push(clean_build(base, &target, krate.package)?);
            here.push(clean_build(root, &target, krate.package)?);
        }
        here.sort();
        there.sort();
        ours.push(median(&here));
        theirs.push(median(&there));
    }
    Ok((ours, theirs))
}

/// Builds `package` with its dependencies (untimed: the other tree's builds in the shared
/// target directory may have removed some), removes its own artifacts, and times
/// building it again.
fn clean_build(tree: &Path, target: &Path, package: &str) -> Result<Duration, String> {
    cargo(tree, target, &["build", "--release", "-p", package])?;
    cargo(tree, target, &["clean", "--release", "-p", package])?;
    let start = Instant::now();
    cargo(tree, target, &["build", "--release", "-p", package])?;
    Ok(start.elapsed())
}

fn cargo(tree: &Path, target: &Path, args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from);
    let mut command = Command::new(cargo);
    command
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_TARGET_DIR", target);
    succeed(command, tree, args)
}

fn git(root: &Path, args: &[&str]) -> Result<(), String> {
    succeed(Command::new("git"), root, args)
}

/// Runs `command` with `args` in `dir`; fails with its error output if it fails.
fn succeed(mut command: Command, dir: &Path, args: &[&str]) -> Result<(), String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let output = command
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|error| format!("cannot run {program}: {error}"))?;
    match output.status.success() {
        true => Ok(()),
        false => Err(format!(
            "`{program} {}` in {} failed:\n{}",
            args.join(" "),
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        )),
    }
}

/// One line per figure: each crate against itself at the base, then the time per
/// operation of each client against `featurebase-api`'s (1.00x is linear growth).
fn report(ours: &[Duration], theirs: &[Duration], base: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for ((krate, ours), theirs) in CRATES.iter().zip(ours).zip(theirs) {
        let baseline = format!("{} at {base}", krate.package);
        let name = format!("compile {}", krate.label);
        lines.push(line(
            &name,
            ours.as_secs_f64(),
            "s",
            ratio(*ours, *theirs),
            &baseline,
        ));
    }
    let per_op: Vec<(&Crate, f64)> = CRATES
        .iter()
        .zip(ours)
        .filter_map(|(krate, time)| Some((krate, per_operation(*time, krate.operations?))))
        .collect();
    let reference = per_op.first().map_or(f64::NAN, |(_, ms)| *ms);
    for (krate, ms) in &per_op {
        let name = format!("compile per operation, {}", krate.package);
        let baseline = "featurebase-api per operation";
        lines.push(line(&name, *ms, "ms", ms / reference, baseline));
    }
    lines
}

fn per_operation(time: Duration, operations: u32) -> f64 {
    time.as_secs_f64() * 1000.0 / f64::from(operations)
}

/// `name: value unit (ratio Nx vs baseline)`, the line format `cargo xtask bench` collects.
fn line(name: &str, value: f64, unit: &str, ratio: f64, baseline: &str) -> String {
    format!("{name}: {value:.2} {unit} (ratio {ratio:.2}x vs {baseline})")
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    let failed = |error: std::io::Error| format!("cannot copy {}: {error}", from.display());
    std::fs::create_dir_all(to).map_err(failed)?;
    for entry in std::fs::read_dir(from).map_err(failed)? {
        let path = entry.map_err(failed)?.path();
        let dest = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            std::fs::copy(&path, &dest).map_err(failed)?;
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))
}

fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_name_the_value_and_the_baseline() {
        assert_eq!(
            line(
                "compile featurebase-api",
                3.123,
                "s",
                0.456,
                "featurebase-api at 00de142"
            ),
            "compile featurebase-api: 3.12 s (ratio 0.46x vs featurebase-api at 00de142)"
        );
    }

    #[test]
    fn the_report_has_each_crate_then_each_client_per_operation() {
        let secs = Duration::from_secs;
        let lines = report(
            &[secs(4), secs(2), secs(57)],
            &[secs(8), secs(2), secs(57)],
            "abc",
        );
        assert_eq!(lines.len(), 5);
        assert!(
            lines[0].starts_with("compile featurebase-api (release"),
            "{}",
            lines[0]
        );
        assert!(lines[0].ends_with(": 4.00 s (ratio 0.50x vs featurebase-api at abc)"));
        assert!(lines[1].ends_with("(ratio 1.00x vs featurebase-all-calls at abc)"));
        assert_eq!(
            lines[3],
            "compile per operation, featurebase-api: 200.00 ms (ratio 1.00x vs featurebase-api per operation)"
        );
        assert_eq!(
            lines[4],
            "compile per operation, featurebase-synthetic: 500.00 ms (ratio 2.50x vs featurebase-api per operation)"
        );
    }

    #[test]
    fn options() {
        let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse(&[]).map(|o| (o.runs, o.base)),
            Ok((3, BASE.to_owned()))
        );
        let options = parse(&args(&["--runs", "1", "--base", "main"])).expect("valid");
        assert_eq!((options.runs, options.base.as_str()), (1, "main"));
        assert!(parse(&args(&["--runs", "0"])).is_err());
        assert!(parse(&args(&["--runs"])).is_err());
        assert!(parse(&args(&["--bogus"])).is_err());
    }
}
