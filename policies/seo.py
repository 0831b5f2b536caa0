"""Search-engine metadata for policy pages (schema.org Legislation)."""

from django.conf import settings

from .models import Validity

LEGISLATION_STATUS = {
    Validity.NOT_YET_EFFECTIVE: "NotInForce",
    Validity.VALID: "InForce",
    Validity.EXPIRING: "InForce",
    Validity.EXPIRED: "NotInForce",
    Validity.REPEALED: "NotInForce",
    Validity.REPLACED: "NotInForce",
}


def legislation_jsonld(policy, authorities) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": policy.title,
        "legislationIdentifier": policy.document_number or None,
        "legislationPassedBy": [{"@type": "GovernmentOrganization", "name": a.name} for a in authorities],
        "legislationDate": policy.written_on.isoformat() if policy.written_on else None,
        "datePublished": policy.issued_on.isoformat(),
        "legislationDateVersion": policy.effective_on.isoformat(),
        "expires": policy.expires_on.isoformat() if policy.expires_on else None,
        "legislationLegalForce": f"https://schema.org/{LEGISLATION_STATUS[policy.validity_code]}",
        "url": f"{settings.SITE_URL}{policy.get_absolute_url()}",
        "inLanguage": "zh-CN",
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}
