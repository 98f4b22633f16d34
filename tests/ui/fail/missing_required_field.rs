// A company needs both its external id and its name.
use featurebase_api::models::UpsertCompanyRequest;

fn main() {
    let _company = UpsertCompanyRequest::new("comp_12345");
}
