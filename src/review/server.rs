//! The editor's local web server (axum on a one-thread tokio runtime).
//!
//! It serves its own page (`assets/`, built into the binary) and a small
//! JSON API, nothing else: no file of the machine can be read through it.
//! Every request must carry the session's random token — in the address
//! (`?token=…`) or, for the API, in the `x-tralign-token` header — or gets
//! 403; any other path gets 404. Each operation is applied to the
//! [`Review`] and the whole save file is written again, atomically, before
//! the answer goes back.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::edit::{Op, Review};
use super::findings::{bead_findings, BeadFinding};
use crate::glossary::Glossary;

/// The page, its script and its style, built into the binary.
const PAGE: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/app.css");

/// Writes the save file's bytes somewhere, atomically; the message of an
/// error names the file.
pub type Saver = Box<dyn Fn(&[u8]) -> Result<(), String> + Send + Sync>;

/// What the server needs to know about the session.
pub struct Session {
    /// The review (alignment, statuses, history).
    pub review: Review,
    /// The glossary findings and name pairs are computed with.
    pub glossary: Glossary,
    /// The documents' names, shown in the page's title.
    pub fr_name: String,
    /// The English document's name.
    pub en_name: String,
    /// Language codes of the two sides (the page's `lang` attributes).
    pub fr_lang: String,
    /// The English side's language code.
    pub en_lang: String,
    /// Where the save file is, as shown to the reviewer.
    pub save_name: String,
    /// Writes the save file.
    pub saver: Saver,
}

/// The session's mutable state behind the server.
struct Shared {
    session: Session,
    findings: Vec<BeadFinding>,
    fr: Vec<String>,
    en: Vec<String>,
}

type App = Arc<(Mutex<Shared>, String)>;

/// A random token of 128 bits, in hexadecimal.
pub fn new_token() -> std::io::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The router for `session` guarded by `token` (exposed for tests).
fn router(session: Session, token: String) -> Router {
    let findings = bead_findings(&session.review.alignment, &session.glossary);
    let texts = |side: &crate::Segmented| -> Vec<String> {
        (0..side.sentences.len())
            .map(|i| side.run_text(i..i + 1))
            .collect()
    };
    let fr = texts(&session.review.alignment.fr);
    let en = texts(&session.review.alignment.en);
    let shared = Shared {
        session,
        findings,
        fr,
        en,
    };
    let app: App = Arc::new((Mutex::new(shared), token));
    Router::new()
        .route("/", get(page))
        .route("/app.js", get(script))
        .route("/app.css", get(style))
        .route("/api/state", get(state))
        .route("/api/op", post(op))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

/// Serves `session` at `addr` until the process ends; `ready` is told the
/// address actually bound (the port may have been 0).
pub fn serve(
    session: Session,
    addr: SocketAddr,
    token: String,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        ready(listener.local_addr()?);
        axum::serve(listener, router(session, token)).await
    })
}

/// Refuses every request without the token (403), and adds headers that
/// keep the page to itself: no framing, nothing loaded from elsewhere, no
/// caching of the session's data.
async fn guard(State(app): State<App>, req: Request, next: Next) -> Response {
    let token = &app.1;
    let in_query = req
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .any(|kv| kv.strip_prefix("token=") == Some(token.as_str()));
    let in_header = req
        .headers()
        .get("x-tralign-token")
        .is_some_and(|v| v.as_bytes() == token.as_bytes());
    if !in_query && !in_header {
        return (
            StatusCode::FORBIDDEN,
            "403: this address needs the session's token\n",
        )
            .into_response();
    }
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "404: not part of this review\n").into_response()
}

async fn page(State(app): State<App>) -> Response {
    // The token is hexadecimal: safe inside an attribute.
    let html = PAGE.replace("{{TOKEN}}", &app.1);
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
        .into_response()
}

async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
}

/// One bead as the page reads it: `[fr_start, fr_end, en_start, en_end,
/// confidence or null, flags, names, checked, edited, accepted]`.
type BeadView = (
    usize,
    usize,
    usize,
    usize,
    Option<f64>,
    String,
    String,
    bool,
    bool,
    String,
);

fn bead_view(review: &Review, k: usize) -> BeadView {
    let b = &review.alignment.beads[k];
    let s = &review.status[k];
    let confidence = (!s.edited).then(|| (b.confidence * 1000.0).round() / 1000.0);
    (
        b.fr.start,
        b.fr.end,
        b.en.start,
        b.en.end,
        confidence,
        b.flags.join(";"),
        crate::export::names_cell(&review.alignment, k),
        s.checked,
        s.edited,
        s.accepted.join(";"),
    )
}

/// Everything the page shows.
#[derive(Serialize)]
struct StateView<'a> {
    version: u64,
    fr_name: &'a str,
    en_name: &'a str,
    fr_lang: &'a str,
    en_lang: &'a str,
    save: &'a str,
    translation: bool,
    fr: &'a [String],
    en: &'a [String],
    beads: Vec<BeadView>,
    findings: &'a [BeadFinding],
}

async fn state(State(app): State<App>) -> Response {
    let shared = app.0.lock().unwrap_or_else(|e| e.into_inner());
    let session = &shared.session;
    let review = &session.review;
    Json(StateView {
        version: review.version,
        fr_name: &session.fr_name,
        en_name: &session.en_name,
        fr_lang: &session.fr_lang,
        en_lang: &session.en_lang,
        save: &session.save_name,
        translation: review.alignment.translation,
        fr: &shared.fr,
        en: &shared.en,
        beads: (0..review.alignment.beads.len())
            .map(|k| bead_view(review, k))
            .collect(),
        findings: &shared.findings,
    })
    .into_response()
}

/// An operation as the page sends it: the view's version and the operation.
#[derive(Deserialize)]
struct OpRequest {
    version: u64,
    #[serde(flatten)]
    op: Op,
}

/// The answer to an operation: the beads from `at` that replace `removed`
/// old ones, and the whole list of findings.
#[derive(Serialize)]
struct OpAnswer {
    version: u64,
    at: usize,
    removed: usize,
    beads: Vec<BeadView>,
    findings: Vec<BeadFinding>,
    saved: bool,
    error: Option<String>,
}

async fn op(State(app): State<App>, Json(req): Json<OpRequest>) -> Response {
    let mut guard = app.0.lock().unwrap_or_else(|e| e.into_inner());
    let shared = &mut *guard;
    let session = &mut shared.session;
    if req.version != session.review.version {
        let msg = format!(
            "the page shows version {} of the review but it is at {}; reload the page",
            req.version, session.review.version
        );
        return (StatusCode::CONFLICT, Json(json!({ "error": msg }))).into_response();
    }
    let splice = match session.review.apply(&req.op, &session.glossary) {
        Ok(s) => s,
        Err(e) => {
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "error": e.to_string() })),
            )
                .into_response()
        }
    };
    shared.findings = bead_findings(&session.review.alignment, &session.glossary);
    let mut bytes = Vec::new();
    let saved = super::save::write_save(&session.review, &mut bytes)
        .map_err(|e| e.to_string())
        .and_then(|()| (session.saver)(&bytes));
    let review = &session.review;
    let answer = OpAnswer {
        version: review.version,
        at: splice.at,
        removed: splice.removed,
        beads: (splice.at..splice.at + splice.inserted)
            .map(|k| bead_view(review, k))
            .collect(),
        findings: shared.findings.clone(),
        saved: saved.is_ok(),
        error: saved.err(),
    };
    Json(answer).into_response()
}
