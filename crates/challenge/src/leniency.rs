//! Named leniency switches, and the record of what a lenient parse forgave.

signpost_syntax::leniency! {
    /// A set of deviations from RFC 9110 §11 that a lenient parse accepts (as options), or that
    /// it had to accept for one challenge (as [`Challenge::forgiven`](crate::Challenge::forgiven)).
    ///
    /// Strict parsing ([`Leniency::NONE`]) is the default. Each switch is named after what real
    /// servers send; [`Leniency::ALL`] turns all of them on.
    ///
    /// ```
    /// use signpost_challenge::{Challenges, Leniency};
    ///
    /// // The 2010 proposal of the OAuth `scope` parameter (OAuth WG, April 2010) used single quotes, which
    /// // RFC 9110 does not know: strictly, `'x2'` is a token, quotes included.
    /// let value = b"Token realm='Example', scope='x2'";
    /// let strict = Challenges::new(value).next().unwrap()?;
    /// assert_eq!(strict.param("scope").unwrap(), "'x2'");
    ///
    /// let mut lenient = Challenges::new(value).with_leniency(Leniency::SINGLE_QUOTES);
    /// let challenge = lenient.next().unwrap()?;
    /// assert_eq!(challenge.param("scope").unwrap(), "x2");
    /// assert_eq!(challenge.forgiven(), Leniency::SINGLE_QUOTES);
    /// # Ok::<(), signpost_challenge::Error>(())
    /// ```
    pub struct Leniency: u16 {
        /// `realm='Example'`: a value in single quotes, read with the `quoted-string` rules
        /// (a backslash escapes the next byte; a DQUOTE inside must be escaped, as `qdtext`
        /// has none). Seen in the 2010 OAuth drafts (OAuth WG, April 2010) and in servers that copied
        /// them.
        const SINGLE_QUOTES = 1 << 0, "single-quotes";
        /// `realm="a" error="b"`: two auth-params separated by whitespace only.
        const MISSING_COMMA = 1 << 1, "missing-comma";
        /// `realm=My Realm` or `realm=https://x/y`: an unquoted value that is not a `token`;
        /// it runs to the next comma (without the OWS before it).
        const UNQUOTED_TEXT = 1 << 2, "unquoted-text";
        /// `error="a", error="b"`: a repeated auth-param name (RFC 9110 §11.2 says each name
        /// MUST occur once per challenge). The first occurrence wins; later ones are skipped
        /// by [`Params`](crate::Params) and [`Challenge::param`](crate::Challenge::param).
        const DUPLICATE_PARAM = 1 << 3, "duplicate-param";
        /// `Bearer, realm="x"`: auth-params after a scheme with a comma and no space, as some
        /// serializers produce when they append `, name=value` to a bare scheme. The params
        /// are taken as the bare scheme's.
        const PARAM_AFTER_BARE_SCHEME = 1 << 4, "param-after-bare-scheme";
        /// `error=, scope="x"`: an auth-param with nothing after `=`, read as an empty value.
        const EMPTY_VALUE = 1 << 5, "empty-value";
        /// `Bearer<TAB>realm="x"`: HTAB where the grammar wants SP between scheme and params.
        const WHITESPACE = 1 << 6, "whitespace";
        /// On a malformed challenge, report it (as an `Err` item) and go on with the next
        /// one, instead of stopping: one bad challenge does not hide a good `Bearer` after it.
        const RECOVER = 1 << 7, "recover";
        /// `Basic realm="foobar@baz.com`: a quoted-string whose closing DQUOTE is missing at the
        /// end of the field line; the rest of the line is the value, commas included.
        /// Chromium (`HttpAuthChallengeTokenizerTest.MismatchedQuotes` in
        /// `net/http/http_auth_challenge_tokenizer_unittest.cc`) and Firefox read it so.
        const UNTERMINATED_QUOTE = 1 << 8, "unterminated-quote";
        /// `error=""invalid_token""`: a DQUOTE inside a quoted value that is followed by neither
        /// OWS, a comma nor the end of the line does not end the value but is part of it (here
        /// the value is `"invalid_token"`), as from a server that quotes an already quoted
        /// error code.
        const STRAY_QUOTE = 1 << 9, "stray-quote";
        /// `Negotiate oYIBJjCCASKg realm="x", qop=auth` or `Negotiate oYIB, realm="x"`: a
        /// `token68` followed by auth-params in one challenge, which the grammar does not
        /// allow (`token68 / #auth-param`) and some identity providers send. The challenge
        /// has both ([`Challenge::token68`](crate::Challenge::token68) and
        /// [`Challenge::params`](crate::Challenge::params)).
        const TOKEN68_PARAMS = 1 << 10, "token68-params";
        /// An empty field value, or one of OWS and commas only: `WWW-Authenticate =
        /// 1#challenge` (RFC 9110 §11.6.1, §11.7.1) needs one challenge. Leniently the field
        /// has no challenge and no error, and [`Challenges::forgiven`](crate::Challenges::forgiven)
        /// reports it.
        const EMPTY_FIELD = 1 << 11, "empty-field";
    }
}
