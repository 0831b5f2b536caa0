"""Text: the rich-text field and sanitiser, HTML → plain text, tables of contents, tag parsing, integrity checks,
the 文号 normaliser and traditional → simplified folding."""
