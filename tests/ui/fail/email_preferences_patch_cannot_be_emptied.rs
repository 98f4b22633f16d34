// Once built, a preference cannot be unset again (which could leave the patch empty).
use featurebase_api::models::{EmailPreferenceSetting, EmailPreferencesPatch};

fn main() {
    let mut patch = EmailPreferencesPatch::with_all(EmailPreferenceSetting::Subscribed);
    patch.all = None;
}
