"""Caching: the whole-page cache with tag purges (``pages``), every content type's tags (``tags``), purge watchers
(``watch``), fragments rendered once per content version, per-process copies, release keys and the Redis backend."""
