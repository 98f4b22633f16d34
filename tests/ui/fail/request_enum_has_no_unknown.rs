// Only documented values can be sent: request enums have no `Unknown` variant.
use featurebase_api::models::EmailPreferenceSetting;

fn main() {
    let _setting = EmailPreferenceSetting::Unknown("paused".to_owned());
}
