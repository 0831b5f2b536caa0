"""Security: editor sign-in (lockout, two-step codes, session limits), CSP, database-outage handling, editor roles,
the visitor's address and per-visitor rate limits (``ratelimit``)."""
