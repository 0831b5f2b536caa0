"""Security: editor sign-in (lockout, two-step codes, session limits), CSP, database-outage handling, editor roles
and the visitor's address."""
