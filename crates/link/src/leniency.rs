//! The leniency switches of the `Link` parser, and the record of what was forgiven.

signpost_syntax::leniency! {
    /// How strictly [`Links`](crate::Links) reads a `Link` field, and what it forgave to read
    /// one link ([`Link::forgiven`](crate::Link::forgiven)).
    ///
    /// The default ([`Leniency::NONE`]) is strict: the RFC 8288 §3 grammar, nothing else, and
    /// the first error ends the iteration. Each switch forgives one deviation that servers
    /// are known to send; [`Leniency::ALL`] turns them all on, which follows the error
    /// handling of RFC 8288 Appendix B ("Algorithms for Parsing Link Header Fields").
    ///
    /// No switch lets CR, LF or NUL into a target or a parameter value (RFC 9110 §5.5): a
    /// lenient parse refuses them as the strict one does.
    ///
    /// ```
    /// use signpost_link::{Leniency, Links};
    ///
    /// let field = b"<https://example.com/a b>; rel=next; title=Chapter two, \"junk\", </c>; rel=prev";
    /// assert!(Links::new(field).next().unwrap().is_err());
    ///
    /// let mut links = Links::new(field).with_leniency(Leniency::ALL);
    /// let first = links.next().unwrap()?;
    /// assert_eq!(first.target(), b"https://example.com/a b");
    /// assert_eq!(first.forgiven(), Leniency::LOOSE_TARGET | Leniency::UNQUOTED_TEXT);
    /// let second = links.next().unwrap()?;
    /// assert_eq!(second.target(), b"/c");
    /// assert_eq!(second.forgiven().names().collect::<Vec<_>>(), ["skip-malformed"]);
    /// assert_eq!(links.skipped(), 1);
    /// # Ok::<(), signpost_link::Error>(())
    /// ```
    pub struct Leniency: u8 {
        /// Accept any byte but `>`, CR, LF and NUL inside `<...>` (spaces, `"`, `{`, `|`,
        /// `\`, non-ASCII IRIs, a `%` not followed by two hex digits), as Appendix B step 2.4
        /// does. Strictly, a target is an RFC 3986 `URI-Reference`.
        const LOOSE_TARGET = 1 << 0, "loose-target";
        /// Accept a target without angle brackets (`https://example.com/; rel=next`): the
        /// target runs to the first `;`, `,` or whitespace, so a bare target cannot hold
        /// those.
        const BARE_TARGET = 1 << 1, "bare-target";
        /// Accept an unquoted value that is not a `token` (`title=Chapter two`,
        /// `type=text/html`): the value runs to the next `;` or `,`, without trailing
        /// whitespace, as Appendix B.3 step 2.7.4 does. An empty value (`rel=;`) is accepted
        /// too.
        const UNQUOTED_TEXT = 1 << 2, "unquoted-text";
        /// Accept a `link-value` that follows the previous one without a comma
        /// (`</a>; rel=next </b>; rel=prev`).
        const MISSING_COMMA = 1 << 3, "missing-comma";
        /// Accept empty parameters: a trailing `;` (`</a>; rel=next;`) or `;;`.
        const EMPTY_PARAMS = 1 << 4, "empty-params";
        /// Keep a link whose `title*` is not a valid RFC 8187 `ext-value`; the bad `title*`
        /// is still listed by [`Link::params`](crate::Link::params) but
        /// [`Link::title`](crate::Link::title) ignores it and falls back to `title`, as
        /// RFC 8288 §3.4.2 allows.
        const INVALID_EXT_VALUE = 1 << 5, "invalid-ext-value";
        /// Skip a malformed `link-value` to the next comma outside `<...>` and quoted
        /// strings, and go on with the next one, instead of ending the iteration with an
        /// error. The iterator counts what it skipped ([`Links::skipped`](crate::Links::skipped))
        /// and keeps the first error ([`Links::first_skipped`](crate::Links::first_skipped));
        /// the link after a skipped one reports this switch.
        const SKIP_MALFORMED = 1 << 6, "skip-malformed";
    }
}
