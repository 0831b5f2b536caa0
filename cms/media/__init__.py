"""Media: image validation, the one re-encoder (EXIF and metadata dropped), renditions made when an image changes,
and editor images for rich text."""
