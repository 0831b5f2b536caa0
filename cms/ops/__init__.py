"""Operations: backup and restore, personal-data retention. The commands live in ``cms/management/commands``."""
