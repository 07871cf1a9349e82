"""Every e-mail leaves through one background task (django-tasks).

The immediate backend sends at once in development and tests; production queues the task
in the database and `manage.py db_worker` sends it.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django_tasks import task


@task()
def send_email(subject, body, recipients, from_email=None, reply_to=None):
    message = EmailMessage(
        subject=f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=reply_to or None,
    )
    message.send()


def send_templated_email(template_prefix, context, recipients):
    """Render `<prefix>_subject.txt` and `<prefix>_body.txt`, then queue the message."""
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
    body = render_to_string(f"{template_prefix}_body.txt", context)
    send_email.enqueue(subject=subject, body=body, recipients=list(recipients))
