// A request builder that is never sent or awaited is a mistake the compiler reports.
#![deny(unused_must_use)]
use featurebase_api::Client;

fn forget(client: &Client) {
    client.users().contacts().delete("676f0f6765bdaa7d7d760f88");
}

fn main() {}
