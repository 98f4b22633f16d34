// Deleting by Featurebase id takes a `CompanyId`, not your own `ExternalCompanyId`.
use featurebase_api::Client;
use featurebase_api::models::ExternalCompanyId;

fn delete(client: &Client, external: ExternalCompanyId) {
    let _request = client.users().companies().delete(external);
}

fn main() {}
