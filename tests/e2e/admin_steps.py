"""Steps in the admin that several browser journeys take."""

PASSWORD = "pw-for-tests-only"


def sign_in(page, live_server, user, next_path: str) -> None:
    page.goto(f"{live_server.url}/admin/login/?next={next_path}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"**{next_path}")


def publish_open_item(page) -> None:
    """Press 发布 on the open change form and confirm."""
    page.get_by_role("link", name="发布").click()
    page.get_by_role("button", name="发布").click()
    page.wait_for_url("**/change/")
