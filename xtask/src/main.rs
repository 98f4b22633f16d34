//! Project tasks: `cargo xtask regen [--check] [--spec PATH] [--out DIR] [--mock-out DIR]
//! [--changelog FILE]`, `cargo xtask bench-codegen [--iterations N] [--no-compile]`,
//! `cargo xtask bench-compile [--runs N] [--base REV]` and `cargo xtask bench [--only STEP]...`.

mod bench;
mod bench_all;
mod compile_bench;
mod regen;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask regen [--check] [--spec PATH] [--out DIR] [--mock-out DIR] [--changelog FILE]
       cargo xtask bench-codegen [--iterations N] [--no-compile]
       cargo xtask bench-compile [--runs N] [--base REV]
       cargo xtask bench [--only STEP]...

  regen          write the generated client from the spec (only files that changed)
  --check        write nothing; fail and name each stale file if the output is out of date
  --spec PATH    the OpenAPI spec (default: spec/featurebase.yaml)
  --out DIR      where the generated modules go (default: featurebase-api/src/generated)
  --mock-out DIR where the mock server's generated modules go (default, when --out is not
                 given: featurebase-mock/src/generated; with --out, only if given)
  --changelog FILE
                 also write the changes to the client's public API as Markdown to FILE

  bench-codegen  time generating spec/featurebase.yaml and tests/synthetic/spec.yaml (the
                 median of N runs, default 20) and `cargo build` of the crates they feed
                 after a touch (incremental and CARGO_INCREMENTAL=0); print both, with
                 their ratios
  --iterations N how many timed generation runs per spec
  --no-compile   only time generation

  bench-compile  time clean release builds (dependencies built, CARGO_INCREMENTAL=0) of
                 featurebase-api, a program calling all 20 operations and the synthetic
                 114-operation client, each against the same crate at REV (checked out in
                 a temporary git worktree sharing the target directory), runs interleaved;
                 print the medians, their ratios and the time per operation
  --runs N       how many timed builds per crate and tree (default 3)
  --base REV     the baseline commit (default 00de142, before the build-time work)

  bench          build and run every benchmark in release (decode, client, bulk, codegen,
                 compile), echo their figures and end with a summary against the goals
  --only STEP    run only this step (may be repeated)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("bench-codegen") => task(bench::parse(&args[1..]), bench::run),
        Some("bench-compile") => task(compile_bench::parse(&args[1..]), compile_bench::run),
        Some("bench") => task(bench_all::parse(&args[1..]), |steps| bench_all::run(steps)),
        _ => task(parse(&args), regen::run),
    }
}

/// Runs a task with its parsed options, or prints why they are wrong and the usage.
fn task<O>(options: Result<O, String>, run: fn(&O) -> ExitCode) -> ExitCode {
    match options {
        Ok(options) => run(&options),
        Err(message) => {
            eprintln!("{message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[derive(Debug)]
pub(crate) struct Options {
    pub(crate) check: bool,
    pub(crate) spec: PathBuf,
    pub(crate) out: PathBuf,
    pub(crate) changelog: Option<PathBuf>,
    /// Where the mock server's modules go; by default only beside the default `--out`.
    pub(crate) mock_out: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let root = workspace_root();
    let mut options = Options {
        check: false,
        spec: root.join("spec/featurebase.yaml"),
        out: root.join("featurebase-api/src/generated"),
        changelog: None,
        mock_out: None,
    };
    let mut out_given = false;
    let mut args = args.iter();
    match args.next().map(String::as_str) {
        Some("regen") => {}
        Some(other) => return Err(format!("unknown task `{other}`")),
        None => return Err("no task given".to_owned()),
    }
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => options.check = true,
            "--spec" => options.spec = value(&mut args, "--spec")?.into(),
            "--out" => {
                options.out = value(&mut args, "--out")?.into();
                out_given = true;
            }
            "--mock-out" => options.mock_out = Some(value(&mut args, "--mock-out")?.into()),
            "--changelog" => options.changelog = Some(value(&mut args, "--changelog")?.into()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if !out_given && options.mock_out.is_none() {
        options.mock_out = Some(root.join("featurebase-mock/src/generated"));
    }
    Ok(options)
}

fn value<'a>(
    args: &mut impl Iterator<Item = &'a String>,
    flag: &str,
) -> Result<&'a String, String> {
    args.next().ok_or_else(|| format!("`{flag}` needs a value"))
}

pub(crate) fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}
