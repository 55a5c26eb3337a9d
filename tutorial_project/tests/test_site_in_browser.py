"""The site's flows in a real browser (Debian's Chromium through Playwright) against runserver on 127.0.0.1:
sign up, activate from the console email, sign in and out; a wrong password; a used link; and assigning
employees in the admin. Screenshots go to the test's temporary folder."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

PASSWORD = "Correct-Horse-42"
CREATE_ADMIN_AND_EMPLOYEES = """
from django.contrib.auth import get_user_model
from tutorial_project.tasks.models import Employee
get_user_model().objects.create_superuser("root", "root@example.com", "Correct-Horse-42")
for name in ["Ada", "Bob", "Cy"]:
    Employee.objects.create(name=name, email=f"{name.lower()}@example.com")
"""


@pytest.fixture(scope="module")
def site(serve_site: Any) -> Any:
    """The site on SQLite, as `make run` serves it, printing its emails."""
    return serve_site("sqlite")


def sign_up(page: Any, site: Any, username: str) -> None:
    """Fill in and send the sign-up form, and wait for its answer."""
    page.goto(f"{site.url}/sign-up/")
    page.fill("#id_username", username)
    page.fill("#id_email", f"{username}@example.com")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("button:has-text('Sign up')")
    page.wait_for_selector("h1:has-text('Check your email')")


def activation_link(site: Any, username: str) -> str:
    """The activation link of the email to `username` in the server's output."""
    text = site.output()
    email = text[text.rindex(f"To: {username}@example.com") :]
    return re.search(re.escape(site.url) + r"/activate/(?!resend/)\S+/", email).group(0)


def sign_in(page: Any, site: Any, username: str, password: str) -> None:
    page.goto(f"{site.url}/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button:has-text('Sign in')")


def test_sign_up_activate_sign_in_and_sign_out(browser_page: Any, site: Any, tmp_path: Path) -> None:
    page = browser_page.page
    sign_up(page, site, "ada")
    page.goto(activation_link(site, "ada"))
    page.screenshot(path=tmp_path / "1-confirm.png")
    page.click("button:has-text('Activate my account')")
    page.wait_for_selector("text=Your account is active")
    sign_in(page, site, "ada", PASSWORD)
    page.wait_for_selector("text=You are signed in as")
    page.screenshot(path=tmp_path / "2-signed-in.png")
    signed_in_as = page.inner_text(".signed-in-as")
    page.click("header button:has-text('Sign out')")
    page.wait_for_selector("text=You are signed out.")
    page.screenshot(path=tmp_path / "3-signed-out.png")

    assert (signed_in_as, page.is_visible("header a:has-text('Sign in')"), browser_page.blocked) == ("ada", True, [])


def test_a_wrong_password_is_refused_with_a_message(browser_page: Any, site: Any, tmp_path: Path) -> None:
    page = browser_page.page
    sign_up(page, site, "bob")
    page.goto(activation_link(site, "bob"))
    page.click("button:has-text('Activate my account')")

    sign_in(page, site, "bob", "not-my-password")
    page.wait_for_selector(".errorlist")
    page.screenshot(path=tmp_path / "wrong-password.png")

    assert "Please enter a correct username and password" in page.inner_text(".errorlist")
    assert not page.is_visible(".signed-in-as")


def test_a_used_link_says_so_with_a_way_to_a_new_one(browser_page: Any, site: Any, tmp_path: Path) -> None:
    page = browser_page.page
    sign_up(page, site, "cy")
    link = activation_link(site, "cy")
    page.goto(link)
    page.click("button:has-text('Activate my account')")

    response = page.goto(link)
    page.screenshot(path=tmp_path / "used-link.png")

    assert (response.status, page.inner_text("h1")) == (410, "This activation link has already been used")
    assert page.is_visible("a:has-text('Send me a new link')")


def test_assigning_two_employees_then_a_third_in_the_admin_sends_three_emails(
    browser_page: Any, site: Any, tmp_path: Path
) -> None:
    site.manage("shell", stdin=CREATE_ADMIN_AND_EMPLOYEES)
    page = browser_page.page
    page.goto(f"{site.url}/admin/tasks/task/add/")
    page.fill("#id_username", "root")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.fill("#id_title", "Plan the launch")
    labels = [page.inner_text("label[for=id_assigned_to_from]"), page.inner_text("label[for=id_assigned_to_to]")]
    for name in ["Ada", "Bob"]:
        page.select_option("#id_assigned_to_from", label=name)
        page.click("#id_assigned_to_add")
    page.screenshot(path=tmp_path / "admin-two-chosen.png", full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_selector("text=was added successfully")
    page.select_option("#id_assigned_to_from", label="Cy")
    page.click("#id_assigned_to_add")
    page.click("input[name=_continue]")
    page.wait_for_selector("text=was changed successfully")
    page.screenshot(path=tmp_path / "admin-third-added.png", full_page=True)

    emails = site.output().split("\n" + "-" * 79 + "\n")
    assignments = [
        re.search(r"^To: (\S+)$", email, re.MULTILINE)[1] for email in emails if "Subject: New task:" in email
    ]
    assert [label.strip() for label in labels] == ["Available employees", "Chosen employees"]
    assert assignments == ["ada@example.com", "bob@example.com", "cy@example.com"]
