"""API tokens, stored as a SHA-256 hash of their key (docs/security.md, docs/api.md).

A key is 256 random bits, shown once when it is made. The database keeps only its hash
and a short prefix that helps a person recognise which token is which, so a copy of the
database, a backup or the admin cannot be used to call the API. This app sits below
`programs`: it knows the user model only by settings.AUTH_USER_MODEL, so every other app
may use it. Who may make a token is decided by programs.accounts.create_api_token.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: How many leading characters of a key are kept in clear, to tell tokens apart. Not a secret:
#: the remaining characters still carry far more than 200 random bits.
PREFIX_LENGTH = 8
#: `last_used_at` is written at most this often per token, so API calls do not each write a row.
LAST_USED_PRECISION = timedelta(minutes=5)


def hash_key(key: str) -> str:
    """Return the SHA-256 (hex) under which a token with `key` is stored."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def revoke_for(self, user) -> int:
        """Delete every token of `user`; return how many there were."""
        deleted, _details = self.filter(user=user).delete()
        return deleted

    def for_key(self, key: str):
        """Return the token whose key is `key` (with its active user), or None."""
        if not key:
            return None
        return self.select_related("user").filter(key_hash=hash_key(key)).first()


class ApiToken(models.Model):
    """A person's API token: only the hash of its key is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name=_("person"))
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, editable=False,
                              help_text=_("The first characters of the key, to recognise it. Not a secret."))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.prefix}…"

    @classmethod
    def new_for(cls, user) -> tuple["ApiToken", str]:
        """Create a token for `user` and return (token, key). The key exists only in the return value.

        Precondition: the caller checked that `user` may have a token (programs.accounts.create_api_token).
        """
        key = secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, key_hash=hash_key(key), prefix=key[:PREFIX_LENGTH])
        return token, key

    def mark_used(self, now=None) -> None:
        """Record that the token was just used, at most once per LAST_USED_PRECISION."""
        now = now or timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
