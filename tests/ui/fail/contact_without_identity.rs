// An upserted contact needs a userId, an email or both: there is no empty constructor.
use featurebase_api::models::UpsertContactRequest;

fn main() {
    let _contact = UpsertContactRequest::default().name("John Doe");
}
