"""News services: what happens around saving an article, outside the request/response code."""

from cms.text.integrity import Finding, check_text, duplicate_findings

from .models import Article


def integrity_findings(article: Article) -> list[Finding]:
    """Text problems worth a warning to the editor: mixed scripts, artefacts, mojibake, likely duplicates."""
    findings = check_text(title=article.title, body_html=article.body)
    findings += duplicate_findings(
        title=article.title, body_html=article.body, queryset=Article.objects.all(), exclude_pk=article.pk
    )
    return findings
