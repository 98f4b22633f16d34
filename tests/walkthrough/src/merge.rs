//! The README walkthrough's step 1 as code: a spec with entries added to its `paths` and
//! its `components` sections.

/// `spec` with the paths and components of `addition` added (both are YAML texts).
pub(crate) fn extended(spec: &str, addition: &str) -> String {
    let mut doc: serde_yaml::Value = serde_yaml::from_str(spec).expect("the spec is YAML");
    let addition: serde_yaml::Value = serde_yaml::from_str(addition).expect("the addition is YAML");
    let merge = |target: &mut serde_yaml::Value, source: &serde_yaml::Value| {
        let (Some(target), Some(source)) = (target.as_mapping_mut(), source.as_mapping()) else {
            panic!("both are mappings");
        };
        target.extend(source.clone());
    };
    merge(&mut doc["paths"], &addition["paths"]);
    for (section, entries) in addition["components"].as_mapping().expect("components") {
        merge(&mut doc["components"][section], entries);
    }
    serde_yaml::to_string(&doc).expect("YAML")
}
