//! `regen`: spec -> generated files, written only when changed, atomically.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use featurebase_codegen::{Diagnostics, Generated, GeneratedFile, Plan, SURFACE_FILE, Surface};

use crate::{Options, workspace_root};

pub(crate) fn run(options: &Options) -> ExitCode {
    match regen(options) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn regen(options: &Options) -> Result<ExitCode, String> {
    let spec_name = display_path(&options.spec);
    let bytes =
        fs::read(&options.spec).map_err(|error| format!("cannot read {spec_name}: {error}"))?;
    let text = match featurebase_codegen::decode(bytes) {
        Ok(text) => text,
        Err(diagnostics) => return Ok(refuse(&diagnostics, &spec_name)),
    };
    let api = match featurebase_codegen::lower(&text) {
        Ok(Generated { output, warnings }) => {
            for warning in warnings {
                eprintln!("{}", warning.render(&spec_name));
            }
            output
        }
        Err(diagnostics) => return Ok(refuse(&diagnostics, &spec_name)),
    };
    let surface = Surface::of(&api);
    report_changes(options, &surface)?;
    let mut client = featurebase_codegen::files(&api, &spec_name);
    client.push(surface.file());
    // The maintainers' list of documentation decisions lives next to the spec.
    let spec_dir = options.spec.parent().unwrap_or(Path::new("."));
    let mut targets = vec![
        Target::new(&options.out, client),
        Target::new(
            spec_dir,
            vec![featurebase_codegen::decisions(&text, &spec_name)],
        ),
    ];
    if let Some(mock_out) = &options.mock_out {
        targets.push(Target::new(
            mock_out,
            featurebase_codegen::server_files(&api, &spec_name),
        ));
    }
    let plans = targets
        .iter()
        .map(|target| {
            Plan::new(&target.dir, &target.files)
                .map_err(|error| format!("{}: {error}", display_path(&target.dir)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if options.check {
        return Ok(report_check(&targets, &plans));
    }
    for (target, plan) in targets.iter().zip(&plans) {
        plan.apply(&target.dir)
            .map_err(|error| format!("{}: {error}", display_path(&target.dir)))?;
        println!(
            "regen: {} file(s) written, {} removed, {} unchanged in {}",
            plan.writes.len(),
            plan.removals.len(),
            target.files.len() - plan.writes.len(),
            display_path(&target.dir),
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A directory and the files generated into it.
struct Target {
    dir: PathBuf,
    files: Vec<GeneratedFile>,
}

impl Target {
    fn new(dir: &Path, files: Vec<GeneratedFile>) -> Self {
        Self {
            dir: dir.to_path_buf(),
            files,
        }
    }
}

/// Prints what the new spec changes in the client's public API, against the surface saved
/// beside the generated code, and writes it as Markdown when `--changelog` asks.
fn report_changes(options: &Options, new: &Surface) -> Result<(), String> {
    let saved = fs::read_to_string(options.out.join(SURFACE_FILE)).ok();
    let old = saved.as_deref().and_then(Surface::parse);
    let changes = old.as_ref().map(|old| old.changes(new)).unwrap_or_default();
    if old.is_none() {
        println!(
            "regen: no saved API surface in {}; changes are listed from the next regen on",
            display_path(&options.out)
        );
    }
    for change in &changes {
        let flag = if change.breaking { "BREAKING " } else { "" };
        println!("api: {flag}{}", change.text);
    }
    if let Some(path) = &options.changelog {
        fs::write(path, featurebase_codegen::markdown(&changes))
            .map_err(|error| format!("cannot write {}: {error}", display_path(path)))?;
    }
    Ok(())
}

fn refuse(diagnostics: &Diagnostics, spec_name: &str) -> ExitCode {
    eprintln!("{}; nothing was written", diagnostics.render(spec_name));
    ExitCode::FAILURE
}

fn report_check(targets: &[Target], plans: &[Plan<'_>]) -> ExitCode {
    if plans.iter().all(Plan::is_empty) {
        println!("regen --check: generated code is up to date");
        return ExitCode::SUCCESS;
    }
    for (target, plan) in targets.iter().zip(plans) {
        for file in &plan.writes {
            eprintln!("stale: {}", display_path(&target.dir.join(&file.path)));
        }
        for path in &plan.removals {
            eprintln!("stale (no longer generated): {}", display_path(path));
        }
    }
    eprintln!("generated code is out of date: run `cargo xtask regen`");
    ExitCode::FAILURE
}

/// `path` relative to the workspace when it is inside it, for messages and headers.
fn display_path(path: &Path) -> String {
    let root = workspace_root();
    let absolute = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let root = fs::canonicalize(&root).unwrap_or(root);
    absolute
        .strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}
