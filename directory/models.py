from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(DjangoUserManager):
    """Users log in with their e-mail address: there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    job_title = models.CharField(_("fonction"), max_length=150, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)


class Department(models.Model):
    """One of the 101 French departments, shipped by a data migration."""

    code = models.CharField(_("code INSEE"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    region = models.CharField(_("région"), max_length=100)

    class Meta:
        verbose_name = _("département")
        verbose_name_plural = _("départements")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.name}"
