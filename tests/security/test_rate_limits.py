"""Rate limits and the form protection of every public form: refused in Chinese, nothing extra stored."""

import pytest
from django.core import signing

from submissions.models import Contribution, Inquiry
from submissions.protection import TIMESTAMP_SALT
from tests.helpers import text_of

from .tools import form_inputs, rendered_form_data

pytestmark = pytest.mark.django_db

FILLER = "云湖区持续优化营商环境，推进重点产业招商引资。" * 50


def consult(index):
    return {"topic": "policy", "name": f"访客{index}", "phone": f"1380013{index:04d}", "consent": "on"}


def settle(index):
    return {
        "company": f"企业{index}",
        "plans": ["research"],
        "name": f"联系人{index}",
        "phone": f"1390013{index:04d}",
        "consent": "on",
    }


def contribution(index):
    return {
        "title": f"投稿{index}",
        "kind": "news",
        "body": FILLER,
        "unit": "单位",
        "author": "作者",
        "email": f"writer{index}@example.cn",
        "agree": "on",
    }


FORMS = {
    "consult": ("/consult/", consult, Inquiry),
    "settle": ("/settle/", settle, Inquiry),
    "contribute": ("/contribute/", contribution, Contribution),
}


@pytest.mark.parametrize("name", list(FORMS))
def test_submissions_are_limited_per_client(client, terms, name):
    url, fields, model = FORMS[name]
    for index in range(5):
        response = client.post(url, {**rendered_form_data(client, url), **fields(index)})
        assert response.status_code == 302, index
    assert model.objects.count() == 5
    response = client.post(url, {**rendered_form_data(client, url), **fields(99)})
    assert response.status_code == 429 and "提交过于频繁" in text_of(response)
    spoofed = client.post(
        url,
        {**rendered_form_data(client, url), **fields(98)},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert spoofed.status_code == 429, "a forged X-Forwarded-For header does not reset the count"
    assert model.objects.count() == 5


def test_consult_and_settle_share_one_allowance(client):
    for index in range(5):
        url, fields, _model = FORMS["consult" if index % 2 else "settle"]
        assert client.post(url, {**rendered_form_data(client, url), **fields(index)}).status_code == 302
    response = client.post("/consult/", {**rendered_form_data(client, "/consult/"), **consult(9)})
    assert response.status_code == 429 and Inquiry.objects.count() == 5


def test_status_lookups_are_limited(client, terms):
    client.post("/contribute/", {**rendered_form_data(client, "/contribute/"), **contribution(1)})
    code = Contribution.objects.get().receipt_code
    for index in range(30):
        response = client.get("/contribute/status/", {"code": f"TG{index:011d}", "email": "writer1@example.cn"})
        assert response.status_code == 200, index
    response = client.get("/contribute/status/", {"code": code, "email": "writer1@example.cn"})
    assert response.status_code == 429 and "过于频繁" in text_of(response)
    assert "投稿1" not in text_of(response)


def test_repeated_failures_bring_the_captcha(client, terms):
    for _attempt in range(3):
        data = {**rendered_form_data(client, "/contribute/"), **contribution(1), "email": "not-an-email"}
        assert client.post("/contribute/", data).status_code == 200
    assert "captcha" in form_inputs(client.get("/contribute/").content.decode())
    data = {**rendered_form_data(client, "/contribute/"), **contribution(1), "captcha": "WRONG"}
    response = client.post("/contribute/", data)
    assert response.status_code == 200 and Contribution.objects.count() == 0


TAMPERING = {
    "honeypot-filled": (10, lambda hidden: {**hidden, "website": "http://spam.example"}),
    "sent-at-once": (0, lambda hidden: hidden),
    "forged-render-time": (10, lambda hidden: {**hidden, "rendered_at": "1000000000:forged"}),
    "render-time-from-the-future": (
        10,
        lambda hidden: {**hidden, "rendered_at": signing.Signer(salt=TIMESTAMP_SALT).sign(str(2**40))},
    ),
    "no-render-time": (10, lambda hidden: {key: value for key, value in hidden.items() if key != "rendered_at"}),
}


@pytest.mark.parametrize("name", list(FORMS))
@pytest.mark.parametrize("tamper", list(TAMPERING), ids=list(TAMPERING))
def test_protection_fields_refuse_bots(client, terms, name, tamper):
    url, fields, model = FORMS[name]
    seconds_spent, change = TAMPERING[tamper]
    response = client.post(url, {**change(rendered_form_data(client, url, seconds_spent=seconds_spent)), **fields(1)})
    assert response.status_code == 200
    assert 'class="form-errors"' in response.content.decode()
    assert model.objects.count() == 0
