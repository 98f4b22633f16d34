// An email-preferences update must set at least one preference.
use featurebase_api::models::EmailPreferencesPatch;

fn main() {
    let _patch = EmailPreferencesPatch::default();
}
