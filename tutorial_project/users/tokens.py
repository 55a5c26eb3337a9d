"""The token in activation links: a password-reset-style token that only activation links accept."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import base36_to_int, int_to_base36

# The parts of a user's state that activation changes: (is_active, when the account was first activated).
State = tuple[bool, str]
NEVER_ACTIVATED: State = (False, "")


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """Make and check activation tokens: valid once, and for `settings.ACTIVATION_LINK_MAX_AGE_HOURS` hours.

    The token hashes the user's pk, password, email, `is_active` and first activation time with the link's
    timestamp.
    Activating flips `is_active` and records the activation time, so a link stops working once used, and stays
    dead even if an admin deactivates the user again. Its own `key_salt` keeps it apart from password-reset
    tokens: neither generator accepts the other's tokens.
    """

    key_salt = "tutorial_project.users.tokens.ActivationTokenGenerator"

    def check_token(self, user: AbstractBaseUser | None, token: str | None) -> bool:
        """True if `token` was made for `user` as they are now and is younger than the link lifetime."""
        return self.is_genuine(user, token) and not self.has_expired(token)

    def is_genuine(self, user: AbstractBaseUser | None, token: str | None, *, before_activation: bool = False) -> bool:
        """True if this generator made `token` for `user`, whatever its age.

        With `before_activation`, compare with the user as they were before their first activation: that
        recognises a link that was genuine but has been used.
        """
        timestamp = token_timestamp(token)
        if user is None or timestamp is None:
            return False
        state = NEVER_ACTIVATED if before_activation else user_state(user)
        secrets = [self.secret, *self.secret_fallbacks]
        return any(constant_time_compare(self._token(user, timestamp, state, secret), token) for secret in secrets)

    def has_expired(self, token: str | None) -> bool:
        """True if `token` is older than `settings.ACTIVATION_LINK_MAX_AGE_HOURS` (or is not a token at all)."""
        timestamp = token_timestamp(token)
        if timestamp is None:
            return True
        # Read at check time, so override_settings (tests) and a changed .env apply to links already sent.
        max_age = settings.ACTIVATION_LINK_MAX_AGE_HOURS * 3600
        return self._num_seconds(self._now()) - timestamp > max_age

    def _make_token_with_timestamp(self, user: AbstractBaseUser, timestamp: int, secret: str | bytes) -> str:
        return self._token(user, timestamp, user_state(user), secret)

    def _make_hash_value(self, user: AbstractBaseUser, timestamp: int) -> str:
        return self._hash_value(user, timestamp, user_state(user))

    def _token(self, user: AbstractBaseUser, timestamp: int, state: State, secret: str | bytes) -> str:
        # Django's own format, "<timestamp in base 36>-<every other hex digit of the HMAC>", with the state given.
        digest = salted_hmac(
            self.key_salt, self._hash_value(user, timestamp, state), secret=secret, algorithm=self.algorithm
        )
        return f"{int_to_base36(timestamp)}-{digest.hexdigest()[::2]}"

    def _hash_value(self, user: AbstractBaseUser, timestamp: int, state: State) -> str:
        is_active, activated_at = state
        # The address too, as Django's password-reset tokens do: a link mailed to an old address dies when the
        # address changes.
        email = getattr(user, user.get_email_field_name(), "") or ""
        return f"{user.pk}{user.password}{is_active}{activated_at}{timestamp}{email}"

    def _now(self) -> datetime:
        # Naive UTC from django.utils.timezone.now (Django's default uses local time), so that tests and
        # notebooks control link ages by patching or freezing timezone.now.
        return timezone.now().replace(tzinfo=None)


def user_state(user: AbstractBaseUser) -> State:
    """The parts of `user` that activation changes, as they go into the token's hash."""
    try:
        activated_at = user.activation.activated_at  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return (user.is_active, "")
    # Whole seconds, naive: the same string whether the value comes from memory or from the database.
    return (user.is_active, str(activated_at.replace(microsecond=0, tzinfo=None)))


def token_timestamp(token: str | None) -> int | None:
    """The timestamp a token carries (seconds since 2001-01-01), or None if it is not shaped like a token."""
    try:
        timestamp_b36, _ = (token or "").split("-")
        return base36_to_int(timestamp_b36)
    except ValueError:
        return None


activation_token_generator = ActivationTokenGenerator()
