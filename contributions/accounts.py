"""Contributor accounts on django-allauth: who may sign up, and which role a new account joins."""

import unicodedata

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import LoginForm, ResetPasswordForm, ResetPasswordKeyForm, SignupForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CONTRIBUTORS, Invitation

INVITATION_SESSION_KEY = "contributions_invitation"


def validate_username(value: str) -> None:
    """Letters, combining marks and digits of any script, and @ . + - _. Django's own rule (\\w) refuses the vowel
    signs and tone marks of Thai, Burmese, Khmer and Lao, so "မင်းမင်း" or "สมชาย" would not do as a name."""
    if not all(unicodedata.category(c)[0] in "LMN" or c in "@.+-_" for c in value):
        raise ValidationError(_("Use letters, digits and @ . + - _ only (no spaces)."), code="invalid")


USERNAME_VALIDATORS = [validate_username]
# Django's validators describe themselves in English only for some of the five languages: say it once, ourselves.
PASSWORD_HELP = _("At least 8 characters, not only digits, not a common password and not like your name.")


def _label(form, **labels):
    """allauth's forms with labels in the archive's own translations (allauth has no Burmese, Khmer or Lao)."""
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label
            form.fields[name].widget.attrs.pop("placeholder", None)


class ContributorLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label(self, login=_("Name, phone number or email"), password=_("Password"), remember=_("Remember me"))


class ContributorResetPasswordForm(ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label(self, email=_("Email address"))


class ContributorResetPasswordKeyForm(ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label(self, password1=_("New password"), password2=_("New password again"))
        self.fields["password1"].help_text = PASSWORD_HELP


class ContributorSignupForm(SignupForm):
    """allauth's sign-up form, saying plainly that the email address may be left out."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label(self, username=_("Name or phone number"), email=_("Email address (optional)"),
               password1=_("Password"), password2=_("Password again"))
        self.fields["password1"].help_text = PASSWORD_HELP
        self.fields["username"].help_text = _(
            "A name or your phone number. Letters of any language, digits and @ . + - _ are allowed.")
        if "email" in self.fields:
            self.fields["email"].help_text = _(
                "Optional. If you give one, we send a link to check it, and tell you there when a curator "
                "answers. Nobody outside the archive's staff sees it.")


class ContributorAccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            token = request.session.pop(INVITATION_SESSION_KEY, None)
            account_join(user=user, invitation=usable_invitation(token))
        return user


def usable_invitation(token: str | None) -> Invitation | None:
    if not token:
        return None
    return Invitation.objects.usable().filter(token=token).select_related("role").first()


def account_join(*, user, invitation: Invitation | None) -> None:
    """Put a new account in its role: the invited one, or Contributors for an account made without an invitation.

    An invitation is used once: a second account made with the same link joins Contributors only. No self-made
    account ever joins Researchers, whose members see registered items."""
    with transaction.atomic():
        used = 0
        if invitation is not None:
            used = Invitation.objects.usable().filter(pk=invitation.pk).update(used_by=user, used_at=timezone.now())
        role = invitation.role if used else Group.objects.get(name=CONTRIBUTORS)
        user.groups.add(role)
