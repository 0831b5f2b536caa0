"""Editor accounts: lockout after failed sign-ins, two-step sign-in, session limits, password rules."""

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.security.accounts import LAST_SEEN_AT, SIGNED_IN_AT
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-only"


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password, **extra})


def code_for(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def test_repeated_failures_lock_the_account_for_that_address(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, editor.username, "wrong-password")
        assert response.status_code == 200 and "请输入" in text_of(response)  # the Chinese wrong-password message
    locked = sign_in(client, editor.username, "wrong-password")
    assert locked.status_code == 429 and "登录已暂时锁定" in text_of(locked)
    still_locked = sign_in(client, editor.username)  # even the right password
    assert still_locked.status_code == 429 and "_auth_user_id" not in client.session
    other_address = client.post(
        "/admin/login/", {"username": editor.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert other_address.status_code == 302  # the lock is for this account from that address only


def test_a_success_resets_the_failure_count(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, editor.username, "wrong-password")
    assert sign_in(client, editor.username).status_code == 302
    client.logout()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, editor.username, "wrong-password").status_code == 200


def test_staff_with_a_device_need_the_code(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="手机", confirmed=True)
    response = sign_in(client, editor.username)
    assert response.status_code == 200 and "请输入身份验证器中的一次性验证码" in text_of(response)
    assert sign_in(client, editor.username, otp_token=code_for(device)).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_and_slows_down_guessing(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="手机", confirmed=True)
    response = sign_in(client, editor.username, otp_token="000000" if code_for(device) != "000000" else "111111")
    assert response.status_code == 200 and "验证码不正确" in text_of(response)
    response = sign_in(client, editor.username, otp_token=code_for(device))  # at once: throttled
    assert response.status_code == 200 and "验证码错误次数过多" in text_of(response)
    assert "_auth_user_id" not in client.session


def test_staff_without_a_device_sign_in_with_the_password(client, editor):
    assert sign_in(client, editor.username).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_superusers_need_two_step_sign_in_when_required(client, superuser, settings, capsys):
    settings.OTP_REQUIRED_FOR_SUPERUSERS = True
    response = sign_in(client, superuser.username)
    assert response.status_code == 200 and "totp_enroll" in text_of(response)
    client.force_login(superuser)  # a session without a code still cannot open the admin
    assert client.get("/admin/").status_code == 302
    client.logout()
    call_command("totp_enroll", superuser.username)
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("otpauth://totp/")
    device = TOTPDevice.objects.get(user=superuser)
    assert sign_in(client, superuser.username, otp_token=code_for(device)).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_idle_sessions_end_after_thirty_minutes(client, editor, settings):
    assert settings.STAFF_IDLE_TIMEOUT == 30 * 60
    assert sign_in(client, editor.username).status_code == 302
    session = client.session
    session[LAST_SEEN_AT] = int(time.time()) - settings.STAFF_IDLE_TIMEOUT - 5
    session.save()
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/?next=")
    assert "_auth_user_id" not in client.session
    assert "长时间未操作" in text_of(client.get(response["Location"]))


def test_sessions_end_after_their_absolute_lifetime_even_when_active(client, editor, settings):
    assert sign_in(client, editor.username).status_code == 302
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - settings.STAFF_SESSION_LIFETIME - 5
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and "_auth_user_id" not in client.session
    assert "登录后一段时间" in text_of(client.get(response["Location"]))


@pytest.mark.parametrize("weak", ["short-pw1", "123456789012", "password1234"])
def test_weak_passwords_are_refused(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)
