from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from ..time_zones import DEFAULT_TIME_ZONE, TIME_ZONE_MAX_LENGTH, validate_time_zone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, pseudonym, password=None, **extra):
        user = self.model(email=self.normalize_email(email), pseudonym=pseudonym, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, pseudonym, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, pseudonym, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A member. Known to others only by a pseudonym; no real name is ever asked."""

    email = models.EmailField(unique=True)
    pseudonym = models.CharField(max_length=40, unique=True)
    preferred_language = models.CharField(max_length=8, blank=True, default="")
    # An IANA name: the zone every time on the site is shown in for this member.
    time_zone = models.CharField(max_length=TIME_ZONE_MAX_LENGTH, default=DEFAULT_TIME_ZONE,
                                 validators=[validate_time_zone])
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["pseudonym"]

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("pseudonym"), name="user_pseudonym_ci_unique"),
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def display_name(self) -> str:
        return _("ancien membre") if self.is_deleted else self.pseudonym

    def __str__(self) -> str:
        return self.display_name
