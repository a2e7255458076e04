//! OAuth-protected resource servers on tower and axum, with signpost: doc to come.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "axum")]
mod axum;
mod layer;
mod metadata;
mod resource;
mod verify;

pub use layer::{RequireToken, RequireTokenLayer, ResponseFuture};
pub use metadata::MetadataService;
pub use resource::{ConfigError, ProtectedResource};
pub use verify::{Denial, Grant, Presented, TokenScheme, Verifier};
