"""Chinese full-text search: normalisation and tokens, the index backend, indexing from registered sources, the
results page, search counts (``analytics``) and the search admin."""
