"""Caching: the whole-page cache with tag purges (``pages``), every content type's tags (``tags``), purge watchers
(``watch``), fragments rendered once per content version, per-process copies, release keys, the Redis backend that
degrades when Redis fails (``redis``), whether the shared cache answers (``health``) and the check of its eviction
policy (``checks``)."""
