"""Site-wide guards: migrations, translations."""

import io
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_no_pending_migrations():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_chinese_catalog_is_complete():
    catalog = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(catalog))
    assert [entry.msgid for entry in po.untranslated_entries() + po.fuzzy_entries()] == []
    assert len(po.translated_entries()) > 100
    assert catalog.with_suffix(".mo").exists()
