"""Signing in as the browser tests' curator (the `staff_user` fixture: user "curator", password "pw") through the
admin's own login form, as a person does."""


def sign_in_to_admin(page, next_url="/admin/"):
    page.goto(f"/admin/login/?next={next_url}")
    page.fill("#id_username", "curator")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{next_url}")
