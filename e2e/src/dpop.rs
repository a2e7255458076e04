//! DPoP proofs (RFC 9449): the client's key and proofs, and the server's checks.
//!
//! A proof is a compact JWS (RFC 7515 §7.1) with the header `typ` = `dpop+jwt`, `alg` =
//! `ES256` (the only algorithm the server advertises) and `jwk` = the client's public P-256
//! key, and the claims `jti`, `htm`, `htu`, `iat`, and `nonce` and `ath` where they apply
//! (RFC 9449 §4.2). The server checks it as RFC 9449 §4.3 lists; the access token is bound to
//! the key's JWK SHA-256 thumbprint (RFC 7638 §3, `cnf.jkt`, RFC 9449 §6).
//!
//! [`Key`] signs with ECDSA P-256 / SHA-256 (RFC 7518 §3.4: the signature is `R || S`, 32
//! bytes each); its nonces are RFC 6979's, so a key made from the same seed signs the same
//! input the same way.

use std::collections::{HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use base64ct::{Base64UrlUnpadded, Encoding};
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use p256::{EncodedPoint, FieldBytes};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

/// How far `iat` may be from the server's clock, in seconds, either way.
pub const IAT_WINDOW: u64 = 60;

/// How many recent `jti` values the server remembers to refuse replays.
pub const JTI_MEMORY: usize = 4096;

/// `base64url(SHA-256(bytes))` without padding: `ath` (RFC 9449 §4.2) and thumbprints.
pub fn sha256_b64(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(&Sha256::digest(bytes))
}

/// The `ath` claim for an access token: `base64url(SHA-256(ASCII(token)))` (RFC 9449 §4.2).
pub fn ath(access_token: &str) -> String {
    sha256_b64(access_token.as_bytes())
}

/// The JWK SHA-256 thumbprint of a P-256 public key given by its base64url coordinates
/// (RFC 7638 §3.2: the required members `crv`, `kty`, `x`, `y` in lexicographic order, no
/// whitespace).
pub fn thumbprint(x: &str, y: &str) -> String {
    sha256_b64(format!(r#"{{"crv":"P-256","kty":"EC","x":"{x}","y":"{y}"}}"#).as_bytes())
}

/// The `htu` form of a URL (RFC 9449 §4.3 item 9, RFC 9110 §4.2.3): scheme and host in
/// lower case, the default port dropped, an empty path as `/`, without query and fragment.
/// `None` if it is not an absolute `http`/`https` URL.
pub fn normalize_htu(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => return None,
    };
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, "/"),
    };
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let mut authority = authority.to_ascii_lowercase();
    // An IPv6 literal is in brackets, so a trailing `:80` is always the port.
    if authority.ends_with(default_port) {
        authority.truncate(authority.len() - default_port.len());
    }
    Some(format!("{scheme}://{authority}{path}"))
}

/// A client's DPoP key pair (ES256).
#[derive(Clone)]
pub struct Key {
    signing: SigningKey,
    x: String,
    y: String,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The private key stays out of logs.
        f.debug_struct("Key").field("jkt", &self.thumbprint()).finish_non_exhaustive()
    }
}

/// Tells proofs of one process apart (with the key and the clock) in their `jti`.
static SEQUENCE: AtomicU64 = AtomicU64::new(0);

impl Key {
    /// The key whose private scalar is SHA-256 of `seed` (hashed again in the negligible
    /// case that it is zero or not below the group order): the same seed gives the same
    /// key, for reproducible tests. Not for production keys.
    pub fn from_seed(seed: &str) -> Key {
        let mut bytes = Sha256::digest(seed.as_bytes());
        loop {
            if let Ok(signing) = SigningKey::from_bytes(&bytes) {
                return Key::from_signing(signing);
            }
            bytes = Sha256::digest(bytes);
        }
    }

    fn from_signing(signing: SigningKey) -> Key {
        let point = signing.verifying_key().to_encoded_point(false);
        let coordinate = |c: Option<&FieldBytes>| {
            Base64UrlUnpadded::encode_string(c.map_or(&[][..], |c| &c[..]))
        };
        let (x, y) = (coordinate(point.x()), coordinate(point.y()));
        Key { signing, x, y }
    }

    /// The public key as a JWK (RFC 7518 §6.2.1): `kty`, `crv`, `x`, `y`.
    pub fn jwk(&self) -> Value {
        json!({ "kty": "EC", "crv": "P-256", "x": self.x, "y": self.y })
    }

    /// The public key with the private member `d` too (RFC 7518 §6.2.2), for the test of a
    /// proof that must be refused for carrying it.
    pub fn private_jwk(&self) -> Value {
        let d = Base64UrlUnpadded::encode_string(&self.signing.to_bytes());
        json!({ "kty": "EC", "crv": "P-256", "x": self.x, "y": self.y, "d": d })
    }

    /// The JWK SHA-256 thumbprint (RFC 7638), the `jkt` a token is bound to.
    pub fn thumbprint(&self) -> String {
        thumbprint(&self.x, &self.y)
    }

    /// A fresh proof for a request: `htm` = `method`, `htu` = `url` without query and
    /// fragment, `iat` = now, a unique `jti`, the `nonce` if given, and `ath` for the access
    /// token if given.
    pub fn proof(
        &self,
        method: &str,
        url: &str,
        nonce: Option<&str>,
        access_token: Option<&str>,
    ) -> String {
        let mut claims = self.claims(method, url, now());
        if let Some(nonce) = nonce {
            claims.insert("nonce".to_owned(), json!(nonce));
        }
        if let Some(token) = access_token {
            claims.insert("ath".to_owned(), json!(ath(token)));
        }
        self.sign(&self.header(), &Value::Object(claims))
    }

    /// The proof header: `typ`, `alg` = `ES256`, `jwk`.
    pub fn header(&self) -> Value {
        json!({ "typ": "dpop+jwt", "alg": "ES256", "jwk": self.jwk() })
    }

    /// The claims `jti`, `htm`, `htu` (the URL without query and fragment) and `iat`.
    pub fn claims(&self, method: &str, url: &str, iat: u64) -> Map<String, Value> {
        let htu = url.split(['?', '#']).next().unwrap_or(url);
        let n = SEQUENCE.fetch_add(1, Ordering::Relaxed);
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let jti = sha256_b64(format!("{}.{nanos}.{n}", self.x).as_bytes());
        let mut claims = Map::new();
        claims.insert("jti".to_owned(), json!(&jti[..22]));
        claims.insert("htm".to_owned(), json!(method));
        claims.insert("htu".to_owned(), json!(htu));
        claims.insert("iat".to_owned(), json!(iat));
        claims
    }

    /// Signs any header and claims as a compact JWS with ES256, whatever they say (the tests
    /// use it to make proofs the server must refuse).
    pub fn sign(&self, header: &Value, claims: &Value) -> String {
        let input = format!(
            "{}.{}",
            Base64UrlUnpadded::encode_string(header.to_string().as_bytes()),
            Base64UrlUnpadded::encode_string(claims.to_string().as_bytes())
        );
        let signature: Signature = self.signing.sign(input.as_bytes());
        format!("{input}.{}", Base64UrlUnpadded::encode_string(&signature.to_bytes()))
    }
}

/// The seconds since the Unix epoch.
pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// What the server expects of a proof (RFC 9449 §4.3).
#[derive(Clone, Copy, Debug)]
pub struct Expected<'a> {
    /// The request's method (`htm`).
    pub method: &'a str,
    /// The request's URI (`htu`), compared after [`normalize_htu`].
    pub url: &'a str,
    /// The server's clock, in seconds since the epoch.
    pub now: u64,
    /// The access token presented with the proof: `ath` must be its hash.
    pub access_token: Option<&'a str>,
}

/// A proof whose signature, header and claims checked out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The JWK SHA-256 thumbprint of the proof's key.
    pub jkt: String,
    /// The proof's `jti`.
    pub jti: String,
    /// The proof's `nonce`, if any (the caller compares it with its own).
    pub nonce: Option<String>,
}

/// The members of a JWK that hold private key material (RFC 7518 §6.2.2, §6.3.2, §6.4.1);
/// a proof's `jwk` must have none (RFC 9449 §4.3 item 7).
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

fn part(text: &str, what: &str) -> Result<Value, String> {
    let bytes = Base64UrlUnpadded::decode_vec(text)
        .map_err(|_| format!("the {what} is not base64url without padding"))?;
    let value: Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("the {what} is not JSON: {e}"))?;
    if !value.is_object() {
        return Err(format!("the {what} is not a JSON object"));
    }
    Ok(value)
}

fn coordinate(jwk: &Value, name: &str) -> Result<[u8; 32], String> {
    let text = jwk[name].as_str().ok_or_else(|| format!("jwk has no string \"{name}\""))?;
    let bytes = Base64UrlUnpadded::decode_vec(text)
        .map_err(|_| format!("jwk \"{name}\" is not base64url without padding"))?;
    <[u8; 32]>::try_from(bytes.as_slice())
        .map_err(|_| format!("jwk \"{name}\" is not 32 bytes (P-256)"))
}

/// Checks a `DPoP` header value as RFC 9449 §4.3 lists, except the `nonce` (the caller
/// compares [`Verified::nonce`] with its own) and `jti` replay (the caller keeps a
/// [`ReplayCache`]). The error is the reason, for the `error_description` of
/// `invalid_dpop_proof`.
pub fn verify(proof: &str, expected: &Expected<'_>) -> Result<Verified, String> {
    // §4.3 items 2-3: one well-formed JWT (a compact JWS: three base64url parts).
    let mut parts = proof.split('.');
    let (Some(header_b64), Some(claims_b64), Some(signature_b64), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("not a compact JWS (three dot-separated parts)".to_owned());
    };
    let header = part(header_b64, "header")?;
    let claims = part(claims_b64, "claims set")?;
    // §4.3 items 4-6: typ, alg (asymmetric, supported: ES256 only), jwk.
    // A media type, compared without regard to case (RFC 7515 §4.1.9).
    if !header["typ"].as_str().is_some_and(|typ| typ.eq_ignore_ascii_case("dpop+jwt")) {
        return Err("typ is not dpop+jwt".to_owned());
    }
    match header["alg"].as_str() {
        Some("ES256") => {}
        Some(alg) => return Err(format!("alg {alg} is not supported (ES256 only)")),
        None => return Err("no alg".to_owned()),
    }
    let jwk = &header["jwk"];
    let Some(members) = jwk.as_object() else {
        return Err("no jwk".to_owned());
    };
    if let Some(private) = PRIVATE_MEMBERS.iter().find(|m| members.contains_key(**m)) {
        return Err(format!("jwk has the private member \"{private}\""));
    }
    if jwk["kty"] != "EC" || jwk["crv"] != "P-256" {
        return Err("jwk is not an EC P-256 key".to_owned());
    }
    let (x, y) = (coordinate(jwk, "x")?, coordinate(jwk, "y")?);
    let point =
        EncodedPoint::from_affine_coordinates(&FieldBytes::from(x), &FieldBytes::from(y), false);
    let key = VerifyingKey::from_encoded_point(&point)
        .map_err(|_| "jwk is not a point on P-256".to_owned())?;
    // §4.3 item 6: the signature, over the first two parts as sent.
    let signature = Base64UrlUnpadded::decode_vec(signature_b64)
        .ok()
        .and_then(|bytes| Signature::from_slice(&bytes).ok())
        .ok_or_else(|| "the signature is not an ES256 signature (64 bytes R || S)".to_owned())?;
    let input = &proof[..header_b64.len() + 1 + claims_b64.len()];
    key.verify(input.as_bytes(), &signature)
        .map_err(|_| "the signature does not verify with the jwk".to_owned())?;
    // §4.2 required claims; §4.3 items 8-11.
    let jti = match claims["jti"].as_str() {
        Some(jti) if !jti.is_empty() => jti.to_owned(),
        _ => return Err("no jti".to_owned()),
    };
    match claims["htm"].as_str() {
        Some(htm) if htm == expected.method => {}
        Some(htm) => return Err(format!("htm {htm} is not the request's method")),
        None => return Err("no htm".to_owned()),
    }
    let Some(htu) = claims["htu"].as_str() else {
        return Err("no htu".to_owned());
    };
    if normalize_htu(htu).is_none() || normalize_htu(htu) != normalize_htu(expected.url) {
        return Err(format!("htu {htu} is not the request's URI"));
    }
    // A NumericDate may have a fraction (RFC 7519 §2); whole seconds are enough here.
    let iat = &claims["iat"];
    let iat = iat.as_u64().or_else(|| {
        iat.as_f64().filter(|f| f.is_finite() && *f >= 0.0 && *f < 1e15).map(|f| f as u64)
    });
    let Some(iat) = iat else {
        return Err("no iat (a NumericDate)".to_owned());
    };
    if iat.abs_diff(expected.now) > IAT_WINDOW {
        return Err(format!("iat is more than {IAT_WINDOW} s from the server's clock"));
    }
    let nonce = match &claims["nonce"] {
        Value::Null => None,
        Value::String(nonce) => Some(nonce.clone()),
        _ => return Err("nonce is not a string".to_owned()),
    };
    // §4.3 item 12: ath, with an access token.
    if let Some(token) = expected.access_token {
        match claims["ath"].as_str() {
            Some(hash) if hash == ath(token) => {}
            Some(_) => return Err("ath is not the hash of the access token".to_owned()),
            None => return Err("no ath (the hash of the access token)".to_owned()),
        }
    }
    let jkt =
        thumbprint(&Base64UrlUnpadded::encode_string(&x), &Base64UrlUnpadded::encode_string(&y));
    Ok(Verified { jkt, jti, nonce })
}

/// The `jti` values of recent proofs (RFC 9449 §11.1), the oldest forgotten first once
/// [`JTI_MEMORY`] are kept. A proof older than [`IAT_WINDOW`] is refused anyway; the
/// bound is on memory, and a test server sees far fewer proofs than it keeps.
#[derive(Debug, Default)]
pub struct ReplayCache {
    seen: HashSet<String>,
    order: VecDeque<String>,
}

impl ReplayCache {
    /// Records `jti` (scoped to the key: two clients may pick the same value); `false` if
    /// it was seen already.
    pub fn first_use(&mut self, jkt: &str, jti: &str) -> bool {
        let entry = format!("{jkt} {jti}");
        if !self.seen.insert(entry.clone()) {
            return false;
        }
        self.order.push_back(entry);
        if self.order.len() > JTI_MEMORY {
            if let Some(old) = self.order.pop_front() {
                self.seen.remove(&old);
            }
        }
        true
    }
}
