//! The benchmarks' local server, for those that need one.

use axum::Router;

/// Serves `app` on 127.0.0.1 from its own thread and runtime, so that the client's runtime
/// measures only the client; returns the base URL.
pub(crate) fn serve(app: Router) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("non-blocking");
    let address = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("server runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            axum::serve(listener, app).await.expect("server");
        });
    });
    format!("http://{address}")
}
