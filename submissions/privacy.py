"""Finding one person's records among contributions and inquiries (for ``purge_personal_data --subject``)."""

from django.db.models import QuerySet


def of_subject(queryset: QuerySet, subject: str) -> QuerySet:
    """The records of ``queryset`` (with ``email`` and ``phone``) that belong to one person, by email or phone."""
    from django.core.exceptions import ValidationError

    from .validators import normalize_phone

    if "@" in subject:
        return queryset.filter(email__iexact=subject)
    try:
        return queryset.filter(phone=normalize_phone(subject, allow_international=True))
    except ValidationError:
        return queryset.none()
