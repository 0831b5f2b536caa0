"""Chinese full-text search: normalisation and tokens shared by indexing and querying."""
