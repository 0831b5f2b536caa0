"""Business inquiries: validation, protection, material page, lead desk, masking, export, retention."""

import csv
import io
import uuid
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from cms.security.models import PERSONAL_DATA_ACTIONS, AuditAction, AuditEntry
from submissions.forms.credit_code import check_character, is_valid_credit_code
from submissions.models import Inquiry, InquiryStatus, OutboundEmail
from submissions.outbox import send_due_emails
from submissions.services import inquiries as services
from submissions.validators import normalize_phone
from tests.factories import IndustryFactory, PolicyFactory
from tests.helpers import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def valid_code():
    first17 = "91310115MA1FL0001"
    return first17 + check_character(first17)


def consult_data(form_timing, **overrides):
    data = {"topic": "policy", "name": "陈晓", "phone": "138 0013 8000", "company": "云海智能科技有限公司",
            "email": "chen@example.cn", "industry": "", "policy": "", "message": "想了解租金补贴", "consent": "on",
            **form_timing()}  # fmt: skip
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "raw,expected",
    [("13800138000", "13800138000"), ("+86 138-0013-8000", "13800138000"), ("021-5555 0100", "02155550100"),
     ("(0755)8888-6666", "075588886666"), ("+852 2345 6789", "+85223456789"), ("00852 23456789", "+85223456789")],
)  # fmt: skip
def test_valid_phone_numbers(raw, expected):
    assert normalize_phone(raw, allow_international=True) == expected


@pytest.mark.parametrize("raw", ["1380013800", "23800138000", "12345", "abc", "+86 123", ""])
def test_invalid_phone_numbers(raw):
    with pytest.raises(ValidationError):
        normalize_phone(raw, allow_international=True)


def test_credit_code_check_character(valid_code):
    assert is_valid_credit_code(valid_code)
    charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    wrong = charset[(charset.index(valid_code[-1]) + 1) % 31]
    assert not is_valid_credit_code(valid_code[:-1] + wrong)
    assert not is_valid_credit_code(valid_code[:-2] + "I" + valid_code[-1])
    assert not is_valid_credit_code("123")


def test_consult_form_preselects_topic_and_policy(client, demo_site):
    policy = PolicyFactory(title="租金补贴细则")
    response = client.get("/consult/", {"topic": "land", "policy": policy.pk, "utm_source": "wechat"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["topic"] == "land" and form.initial["policy"] == policy
    html = response.content.decode()
    for label in [
        "咨询类别",
        "姓名",
        "联系电话",
        "公司名称",
        "电子邮箱",
        "所属行业",
        "留言",
        "关注的政策",
        "为什么需要这些信息",
    ]:
        assert label in html, label
    assert 'href="/privacy/"' in html and "我已阅读并同意" in html and "《个人信息保护声明》" in html
    assert client.get("/consult/", {"topic": "bogus", "policy": "x' OR 1=1"}).status_code == 200


def test_consult_gives_the_promised_material(client, form_timing, django_capture_on_commit_callbacks):
    industry = IndustryFactory(name="人工智能", slug="ai")
    chosen = PolicyFactory(title="关注的政策")
    same_industry = PolicyFactory(title="人工智能扶持办法", industries=[industry])
    PolicyFactory(title="失效的人工智能办法", industries=[industry], expires_on=timezone.localdate() - timedelta(1))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/consult/?utm_source=wechat", consult_data(form_timing, industry=industry.pk, policy=chosen.pk,
                                                        utm_source="wechat")
        )  # fmt: skip
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.phone == "13800138000" and inquiry.utm == {"utm_source": "wechat"}
    assert inquiry.privacy_version and inquiry.consent_at
    page = client.get(response["Location"])
    titles = [policy.title for policy in page.context["material"]]
    assert titles[0] == "关注的政策" and "人工智能扶持办法" in titles and "失效的人工智能办法" not in titles
    assert same_industry.get_absolute_url() in page.content.decode()


def test_consent_is_required_and_input_is_kept(client, form_timing):
    response = client.post("/consult/", consult_data(form_timing, consent="", phone="12345"))
    assert response.status_code == 200 and Inquiry.objects.count() == 0
    html = response.content.decode()
    assert "云海智能科技有限公司" in html and "想了解租金补贴" in html
    assert "11 位大陆手机号" in text_of(response)


def test_settle_application_validates_the_credit_code_and_flags_high_value(client, form_timing, valid_code):
    data = {"company": "云海储能有限公司", "credit_code": valid_code[:-1] + "0" if valid_code[-1] != "0" else
            valid_code[:-1] + "1", "industry": "", "plans": ["headquarters", "manufacturing"], "space_area": "5000",
            "space_type": "factory", "headcount": "100_499", "investment": "100m_1b", "timeframe": "6_months",
            "name": "王磊", "job_title": "总经理", "phone": "13900139000", "email": "", "consent": "on",
            **form_timing()}  # fmt: skip
    response = client.post("/settle/", data)
    assert response.status_code == 200 and "统一社会信用代码" in text_of(response)
    data["credit_code"] = valid_code
    assert client.post("/settle/", data).status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.kind == "settle" and inquiry.is_high_value and inquiry.plans == ["headquarters", "manufacturing"]
    assert len(services.high_value_reasons(inquiry)) == 3


def test_rate_limit_and_double_submit(client, form_timing):
    token = uuid.uuid4()
    data = consult_data(lambda: form_timing(token))
    client.post("/consult/", data)
    client.post("/consult/", data)
    assert Inquiry.objects.count() == 1
    for index in range(4):
        client.post("/consult/", consult_data(form_timing, name=f"访客{index}"))
    response = client.post("/consult/", consult_data(form_timing))
    assert response.status_code == 429 and "过于频繁" in text_of(response)


def test_duplicates_within_30_days_are_linked(form_timing, valid_code):
    def submit(**data):
        base = {"name": "陈晓", "phone": "13800138000", "company": "", "token": uuid.uuid4()}
        return services.submit_inquiry(kind="consult", data={**base, **data}, utm={}, ip_address=None)[0]

    first = submit()
    second = submit()
    assert second.duplicate_of == first
    Inquiry.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=31))
    Inquiry.objects.filter(pk=second.pk).update(created_at=timezone.now() - timedelta(days=31))
    assert submit().duplicate_of is None
    by_code = submit(phone="13900000000", credit_code=valid_code)
    assert submit(phone="13700000000", credit_code=valid_code).duplicate_of == by_code


def test_new_lead_email_is_queued_after_commit_and_not_on_rollback(demo_site, django_capture_on_commit_callbacks):
    data = {"name": "陈晓", "phone": "13800138000", "company": "云海智能", "token": uuid.uuid4()}
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_inquiry(kind="consult", data=data, utm={}, ip_address=None)
    send_due_emails()  # the mail worker's round
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["invest@yunhu.example.cn"]
    assert "/admin/submissions/inquiry/" in mail.outbox[0].body and "13800138000" not in mail.outbox[0].body

    class Rollback(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Rollback), transaction.atomic():
        services.submit_inquiry(kind="consult", data={**data, "token": uuid.uuid4()}, utm={}, ip_address=None)
        raise Rollback
    send_due_emails()
    assert len(mail.outbox) == 1 and OutboundEmail.objects.count() == 1 and Inquiry.objects.count() == 1


@pytest.fixture
def lead(db):
    data = {"name": "陈晓", "phone": "13800138000", "email": "chen@example.cn", "company": "云海智能",
            "message": "=cmd|' /C calc'!A0", "token": uuid.uuid4()}  # fmt: skip
    return services.submit_inquiry(kind="consult", data=data, utm={}, ip_address="203.0.113.7")[0]


def test_transitions_are_recorded_and_checked(officer, editor, lead):
    with pytest.raises(services.InquiryError):
        services.move(lead, "qualify", by=officer)
    with pytest.raises(services.InquiryError):
        services.move(lead, "contact", by=editor)
    for action in ("contact", "qualify", "land"):
        services.move(lead, action, by=officer, note=f"{action} note")
    lead.refresh_from_db()
    assert lead.status == InquiryStatus.LANDED and lead.first_responded_at and lead.closed_at
    history = [(t.to_status, t.by, t.comment) for t in lead.transitions.order_by("at", "pk")]
    assert history[-1] == ("landed", officer, "land note") and len(history) == 4


def test_first_response_deadline_skips_weekends():
    friday_evening = timezone.make_aware(datetime(2026, 11, 20, 18, 0))
    assert services.add_working_days(friday_evening, 1).weekday() == 0  # Monday


def test_masking_and_access_log_per_role(client, officer, reviewer, staff_without_role, lead):
    from django.contrib.auth.models import Permission

    url = f"/admin/submissions/inquiry/{lead.pk}/change/"
    client.force_login(officer)
    assert "13800138000" in client.get(url).content.decode()
    assert "13800138000" in client.get("/admin/submissions/inquiry/").content.decode()
    views = AuditEntry.objects.filter(user=officer, action=AuditAction.PERSONAL_DATA_VIEW)
    assert views.filter(content_type__model="inquiry", object_id=str(lead.pk)).count() == 1
    client.force_login(reviewer)
    assert client.get(url).status_code == 403
    staff_without_role.user_permissions.add(Permission.objects.get(codename="view_inquiry"))
    client.force_login(staff_without_role)
    html = client.get(url).content.decode()
    assert "13800138000" not in html and "138****8000" in html and "陈*" in html
    listing = client.get("/admin/submissions/inquiry/", {"q": "13800138000"})
    assert listing.context["cl"].result_count == 0  # phone numbers are not searchable without the permission
    assert "138****8000" in client.get("/admin/submissions/inquiry/").content.decode()
    assert not AuditEntry.objects.filter(user=staff_without_role, action__in=PERSONAL_DATA_ACTIONS).exists()


def test_csv_export_has_bom_escapes_formulas_and_is_logged(client, officer, staff_without_role, lead):
    client.force_login(officer)
    response = client.post("/admin/submissions/inquiry/", {"action": "action_export", "_selected_action": [lead.pk]})
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "'=cmd|' /C calc'!A0" in rows[1] and "13800138000" in rows[1]
    assert AuditEntry.objects.filter(user=officer, action=AuditAction.EXPORT, data__records=1).exists()
    from django.contrib.auth.models import Permission

    staff_without_role.user_permissions.add(Permission.objects.get(codename="view_inquiry"))
    client.force_login(staff_without_role)
    response = client.post("/admin/submissions/inquiry/", {"action": "action_export", "_selected_action": [lead.pk]})
    assert not response["Content-Type"].startswith("text/csv")
    with pytest.raises(services.InquiryError):
        services.export_csv(Inquiry.objects.all(), by=staff_without_role)


def test_purge_closed_inquiries_and_by_subject(officer, lead):
    services.move(lead, "close", by=officer)
    Inquiry.objects.filter(pk=lead.pk).update(closed_at=timezone.now() - timedelta(days=731))
    out = io.StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    lead.refresh_from_db()
    assert lead.phone == "13800138000" and "1" in out.getvalue()
    call_command("purge_personal_data", stdout=io.StringIO())
    lead.refresh_from_db()
    assert lead.phone == "" and lead.email == "" and lead.purged_at is not None
    other = services.submit_inquiry(
        kind="consult", data={"name": "李", "phone": "13900139000", "email": "li@example.cn", "token": uuid.uuid4()},
        utm={}, ip_address=None,
    )[0]  # fmt: skip
    call_command("purge_personal_data", "--subject", "li@example.cn", stdout=io.StringIO())
    other.refresh_from_db()
    assert other.phone == "" and other.purged_at is not None


def test_dashboard_counts_new_and_overdue(client, officer, lead):
    Inquiry.objects.filter(pk=lead.pk).update(first_response_due=timezone.now() - timedelta(hours=1))
    client.force_login(officer)
    text = text_of(client.get("/admin/"))
    assert "新线索 1" in text and "首次答复超时 1" in text
