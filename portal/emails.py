"""Every e-mail leaves through a background task (django-tasks).

In production the tasks wait in the database (django_tasks_db, sent by `manage.py
db_worker`) and their arguments stay there until `prune_db_task_results` removes them: a
task's arguments therefore carry ids, never a link, a token, an address or a rendered
body. Each kind of message is one task that loads its objects, builds its links and
renders its body in the worker, then `deliver`s one message per recipient, so that no
recipient sees another's address. The immediate backend of development and tests runs
the task at once.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django_tasks import task


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def deliver(template_prefix, context, recipient):
    """Render `<prefix>_subject.txt` and `<prefix>_body.txt` and send them, now, to one
    address. Call it from a task, never from a request."""
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
    body = render_to_string(f"{template_prefix}_body.txt", context)
    EmailMessage(
        subject=f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
    ).send()


@task()
def send_email(subject, body, recipients, from_email=None, reply_to=None):
    """A message written by the request (the contact form's copy of a stored submission).

    Its body waits in the task queue until pruned: never use it for a message that holds a
    link, a token or personal data the database does not keep anyway.
    """
    message = EmailMessage(
        subject=f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=reply_to or None,
    )
    message.send()
