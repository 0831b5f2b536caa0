"""Attachments: type sniffed from content, size capped, served under the original name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from demo.policies import _tiny_pdf
from policies import validators
from policies.models import Attachment
from tests.factories import PolicyFactory
from tests.helpers import text_of

pytestmark = pytest.mark.django_db


def upload(name, content):
    return SimpleUploadedFile(name, content)


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name,content,kind",
    [
        ("政策全文.pdf", _tiny_pdf("x"), "pdf"),
        ("申报表.docx", docx_bytes(), "docx"),
        ("旧版申报表.doc", validators.OLE2_MAGIC + b"\x00" * 100, "doc"),
        ("申报表.wps", validators.OLE2_MAGIC + b"\x00" * 100, "wps"),
    ],
)
def test_accepted_types(name, content, kind):
    assert validators.sniff_attachment(upload(name, content)) == kind


@pytest.mark.parametrize(
    "name,content",
    [
        ("政策全文.pdf", b"MZ\x90\x00" + b"\x00" * 100),  # an executable renamed to .pdf
        ("政策全文.pdf", docx_bytes()),  # the wrong type for the name
        ("图片.svg", b"<svg onload=alert(1)>"),
        ("网页.html", b"<html><script>alert(1)</script>"),
        ("压缩包.zip", b"PK\x03\x04broken"),
    ],
)
def test_rejected_files(name, content):
    with pytest.raises(ValidationError):
        validators.sniff_attachment(upload(name, content))


def test_oversize_is_rejected(monkeypatch):
    monkeypatch.setattr(validators, "MAX_ATTACHMENT_BYTES", 100)
    with pytest.raises(ValidationError) as excinfo:
        validators.sniff_attachment(upload("政策全文.pdf", _tiny_pdf("x")))
    assert excinfo.value.code == "attachment_too_large"


def test_stored_under_a_generated_name_and_served_with_the_original(client):
    policy = PolicyFactory()
    attachment = Attachment(policy=policy)
    attachment.file = upload("云湖区政策全文.pdf", _tiny_pdf("x"))
    attachment.save()
    assert attachment.original_name == "云湖区政策全文.pdf" and attachment.kind == "pdf"
    assert "云湖区" not in attachment.file.name and attachment.file.name.endswith(".pdf")
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert "attachment;" in response["Content-Disposition"]
    assert "filename*=utf-8''%E4%BA%91" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_attachments_of_drafts_are_not_served(client):
    policy = PolicyFactory(status="draft", publish_at=None)
    attachment = Attachment(policy=policy)
    attachment.file = upload("草稿.pdf", _tiny_pdf("x"))
    attachment.save()
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_admin_rejects_a_renamed_executable(client, editor):
    policy = PolicyFactory(status="draft", publish_at=None)
    client.force_login(editor)
    url = f"/admin/policies/policy/{policy.pk}/change/"
    response = client.get(url)
    form = response.context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data.update(
        {
            "authorities": [a.pk for a in policy.authorities.all()],
            "issued_on": policy.issued_on.isoformat(),
            "effective_on": policy.effective_on.isoformat(),
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "0",
            "attachments-0-file": upload("全文.pdf", b"MZ\x90\x00" + b"\x00" * 64),
            "attachments-0-title": "全文",
            "attachments-0-order": "0",
        }
    )
    data.pop("tags", None)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "与文件名不符" in text_of(response)
    assert policy.attachments.count() == 0
