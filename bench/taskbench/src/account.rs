//! The real server, started in-process on 127.0.0.1, and the heavy user's
//! account on it. The heavy user is signed up over HTTP like anyone else,
//! so its tasks can be listed over HTTP with a real JWT; its tasks are then
//! seeded under the id the server gave it.

use std::time::Duration;

use anyhow::{Context, Result, anyhow, ensure};
use reqwest::StatusCode;
use serde_json::{Value, json};
use taskpilot::app::RunningApp;
use taskpilot::config::Config;

/// The heavy user's sign-in; fixed, so `--reuse` can sign in again.
pub const HEAVY_EMAIL: &str = "taskbench-heavy@example.com";
const HEAVY_PASSWORD: &str = "taskbench heavy user password";

/// A TaskPilot server running in this process.
pub struct Server {
    app: RunningApp,
    pub base_url: String,
    pub http: reqwest::Client,
}

/// The heavy user as the server knows them.
pub struct Account {
    pub user_id: String,
    /// The session token, exchanged for JWTs.
    pub session: String,
}

impl Server {
    /// Starts the product on 127.0.0.1 with a free port (this also runs the
    /// migrations, as `store::connect` does).
    pub async fn start(database_url: &str) -> Result<Server> {
        // `for_tests` binds 127.0.0.1:0 and ignores the environment.
        let app = taskpilot::app::spawn(Config::for_tests(database_url))
            .await
            .context("starting TaskPilot")?;
        let http = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(60))
            .build()?;
        let base_url = app.url();
        Ok(Server {
            app,
            base_url,
            http,
        })
    }

    /// Stops the server and waits for in-flight requests.
    pub async fn stop(self) {
        self.app.shutdown().await;
    }

    /// Signs the heavy user in, signing them up first when they are new.
    pub async fn heavy_account(&self) -> Result<Account> {
        let sign_in = self
            .http
            .post(format!("{}/api/auth/sign-in/email", self.base_url))
            .json(&json!({ "email": HEAVY_EMAIL, "password": HEAVY_PASSWORD }))
            .send()
            .await
            .context("sign-in request")?;
        let body = if sign_in.status() == StatusCode::OK {
            sign_in.json::<Value>().await?
        } else {
            let sign_up = self
                .http
                .post(format!("{}/api/auth/sign-up/email", self.base_url))
                .json(&json!({
                    "name": "Heavy user",
                    "email": HEAVY_EMAIL,
                    "password": HEAVY_PASSWORD,
                }))
                .send()
                .await
                .context("sign-up request")?;
            ok_json(sign_up).await.context("sign-up")?
        };
        let session = string_at(&body, "/token")?;
        // The session's user, as the brief's clients would find it.
        let current = self
            .http
            .get(format!("{}/api/auth/get-session", self.base_url))
            .bearer_auth(&session)
            .send()
            .await
            .context("get-session request")?;
        let current = ok_json(current).await.context("get-session")?;
        let user_id = string_at(&current, "/user/id")?;
        Ok(Account { user_id, session })
    }

    /// A fresh JWT for `account` (they live 15 minutes).
    pub async fn jwt(&self, account: &Account) -> Result<String> {
        let response = self
            .http
            .get(format!("{}/api/auth/token", self.base_url))
            .bearer_auth(&account.session)
            .send()
            .await
            .context("token request")?;
        string_at(&ok_json(response).await.context("token")?, "/token")
    }
}

/// The JSON body of a 200 response, or an error quoting what came instead.
pub async fn ok_json(response: reqwest::Response) -> Result<Value> {
    let status = response.status();
    let text = response.text().await.context("reading the body")?;
    ensure!(
        status == StatusCode::OK,
        "HTTP {status}: {}",
        snippet(&text)
    );
    serde_json::from_str(&text).with_context(|| format!("not JSON: {}", snippet(&text)))
}

fn string_at(body: &Value, pointer: &str) -> Result<String> {
    body.pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("no string at {pointer} in {}", snippet(&body.to_string())))
}

/// The first 200 characters of `text`, for error messages.
pub fn snippet(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(200).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
