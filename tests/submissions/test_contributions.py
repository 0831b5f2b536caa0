"""Contributions: the public form, its rules and abuse protection, receipts and the status page."""

import io
import time
import uuid

import pytest
from django.core import mail

from submissions.models import Contribution
from submissions.models.outbox import OutboundEmail
from submissions.outbox import send_due_emails
from submissions.protection import sign_render_time
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

URL = "/contribute/"


def body_of(length: int, filler: str = "招") -> str:
    """A text that counts ``length`` characters, with spaces, line breaks and full-width spaces that do not count."""
    text = filler * length
    return "\n\n".join(text[i : i + 100] for i in range(0, len(text), 100)).replace("招招", "招 招", 3) + "\u3000\n"


def post_data(form_timing, **overrides):
    data = {
        "title": "云湖区产业链招商的做法",
        "kind": "plan",
        "body": body_of(1500),
        "unit": "滨江科创园运营公司",
        "author": "赵明",
        "email": "zhao@example.cn",
        "phone": "",
        "agree": "on",
        **form_timing(),
    }
    data.update(overrides)
    return data


def test_form_page_shows_guidance_terms_link_and_labels(client, terms):
    response = client.get(URL)
    assert response.status_code == 200
    text = text_of(response)
    for label in ["标题", "投稿类型", "正文", "来稿单位", "作者", "电子邮箱", "联系电话"]:
        assert label in text, label
    html = response.content.decode()
    assert (
        '<label for="id_agree">我已阅读并同意<a href="/contribute/terms/" data-dialog="terms-dialog">《投稿须知》</a>'
        in html
    )
    assert '<dialog id="terms-dialog"' in html
    assert 'href="/contribute/terms/"' in html and "24 小时内" in text
    assert html.count("<h1") == 1


@pytest.mark.parametrize("length,ok", [(999, False), (1000, True), (2000, True), (2001, False)])
def test_length_boundaries_do_not_count_whitespace(
    client, terms, form_timing, django_capture_on_commit_callbacks, length, ok
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, post_data(form_timing, body=body_of(length)))
    assert (Contribution.objects.count() == 1) is ok
    if ok:
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        text = text_of(response)
        assert f"{length}" in text and ("至少" in text or "最多" in text)
        assert "滨江科创园运营公司" in response.content.decode()  # input kept


def test_terms_must_be_agreed(client, terms, form_timing):
    response = client.post(URL, post_data(form_timing, agree=""))
    assert response.status_code == 200 and Contribution.objects.count() == 0
    assert "这个字段是必填项" in text_of(response)


def test_receipt_email_and_terms_version_recorded(client, terms, form_timing, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, post_data(form_timing), REMOTE_ADDR="203.0.113.9")
    contribution = Contribution.objects.get()
    assert contribution.receipt_code.startswith("TG") and len(contribution.receipt_code) == 15
    assert contribution.terms == terms and contribution.agreed_at and contribution.ip_address == "203.0.113.9"
    receipt = client.get(response["Location"])
    text = text_of(receipt)
    assert contribution.receipt_code in text and "24 小时内" in text
    assert mail.outbox == []  # the request only queued it: the worker sends it
    send_due_emails()
    assert len(mail.outbox) == 1 and contribution.receipt_code in mail.outbox[0].subject
    assert "/contribute/status/" in mail.outbox[0].body


def test_html_is_kept_as_text_and_never_rendered(client, terms, form_timing, reviewer):
    payload = "<script>alert(1)</script><b onmouseover=x>粗体</b>"
    client.post(URL, post_data(form_timing, title=f"标题{payload}", body=payload + body_of(1200)))
    contribution = Contribution.objects.get()
    assert payload in contribution.body
    client.force_login(reviewer)
    html = client.get(f"/admin/submissions/contribution/{contribution.pk}/change/").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_honeypot_and_too_fast_posts_are_rejected(client, terms, form_timing):
    response = client.post(URL, post_data(form_timing, website="http://spam.example"))
    assert response.status_code == 200 and Contribution.objects.count() == 0
    response = client.post(URL, post_data(form_timing, rendered_at=sign_render_time(time.time())))
    assert response.status_code == 200 and Contribution.objects.count() == 0
    assert "太快" in text_of(response)
    response = client.post(URL, post_data(form_timing, rendered_at="forged:value"))
    assert response.status_code == 200 and Contribution.objects.count() == 0


def test_rate_limit_answers_429(client, terms, form_timing):
    for index in range(5):
        client.post(URL, post_data(form_timing, title=f"第{index}篇"))
    assert Contribution.objects.count() == 5
    response = client.post(URL, post_data(form_timing, title="第六篇"))
    assert response.status_code == 429
    assert "过于频繁" in text_of(response)
    assert Contribution.objects.count() == 5


def test_double_submit_and_duplicate_make_one_record(client, terms, form_timing):
    token = uuid.uuid4()
    data = post_data(lambda: form_timing(token))
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert Contribution.objects.count() == 1
    assert first["Location"].split("?")[0] == second["Location"].split("?")[0]
    again = client.post(URL, post_data(form_timing))  # same email and title, a new token
    assert Contribution.objects.count() == 1
    assert "已收到您的投稿" in text_of(client.get(again["Location"]))


def test_captcha_appears_after_repeated_failures(client, terms, form_timing):
    for _attempt in range(3):
        client.post(URL, post_data(form_timing, agree=""))
    response = client.get(URL)
    assert "captcha.png" in response.content.decode()
    image = client.get("/contribute/captcha.png")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    response = client.post(URL, post_data(form_timing, captcha="WRONG"))
    assert response.status_code == 200 and Contribution.objects.count() == 0
    answer = client.session["submissions-captcha"]
    client.post(URL, post_data(form_timing, captcha=answer.lower()))
    assert Contribution.objects.count() == 1


def test_status_lookup_needs_the_matching_email(client, terms, form_timing):
    client.post(URL, post_data(form_timing))
    contribution = Contribution.objects.get()
    wrong = client.get("/contribute/status/", {"code": contribution.receipt_code, "email": "other@example.cn"})
    assert contribution.title not in text_of(wrong) and "没有找到" in text_of(wrong)
    right = client.get("/contribute/status/", {"code": contribution.receipt_code.lower(), "email": "ZHAO@example.cn"})
    assert contribution.title in text_of(right) and "已收到" in text_of(right)


def test_receipt_links_cannot_be_guessed(client, terms):
    assert client.get("/contribute/thanks/1/").status_code == 404


def test_terms_page_shows_the_current_version(client, terms):
    from submissions.models import ContributionTerms

    ContributionTerms.objects.create(title="投稿须知", body="<p>第二版须知。</p>")
    response = client.get("/contribute/terms/")
    assert "第二版须知" in text_of(response) and "第 2 版" in text_of(response)


def test_smtp_failure_keeps_the_contribution_and_queues_a_retry(
    client, terms, form_timing, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.submissions.failing_email.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, post_data(form_timing))
    assert response.status_code == 302
    assert Contribution.objects.count() == 1
    assert OutboundEmail.objects.get().attempts == 0  # queued only: the worker's attempt fails
    assert send_due_emails() == (0, 1)
    email = OutboundEmail.objects.get()
    assert email.status == "pending" and email.attempts == 1 and "SMTP" in email.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core.management import call_command
    from django.utils import timezone

    OutboundEmail.objects.update(next_attempt_at=timezone.now())
    call_command("send_queued_emails", stdout=io.StringIO())
    email.refresh_from_db()
    assert email.status == "sent" and len(mail.outbox) == 1
