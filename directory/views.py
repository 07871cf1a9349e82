from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory import perms, refusals, services
from directory.access import (
    directory_department_ids,
    employer_required,
    referent_required,
    support_directory_for,
)
from directory.emails import EMAIL_CONFIRMATION_VALIDITY
from directory.enums import StructureKind
from directory.filters import SupportDirectoryFilter
from directory.forms import (
    AcceptInvitationForm,
    BackgroundPasswordResetForm,
    InvitationForm,
    LoginForm,
    ModificationRequestForm,
    PlainHelpPasswordChangeForm,
    PlainHelpSetPasswordForm,
    ReferentContactForm,
    RegistrationForm,
    ResendConfirmationForm,
    StructureContactForm,
)
from directory.models import INVITATION_VALIDITY, Department, Invitation, User
from directory.personal_space import home_url_for
from directory.registration_gates import registration_closed_message
from portal.durations import in_days
from portal.pagination import capped_page
from portal.rate_limits import form_within_limits, refusal

DIRECTORY_PER_PAGE = 20


class LoginView(auth_views.LoginView):
    template_name = "directory/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return home_url_for(self.request.user)

    def get_redirect_url(self):
        # « Connexion » asked as its own next page would loop once logged in (Django raises):
        # the personal space instead.
        redirect_to = super().get_redirect_url()
        return "" if urlsplit(redirect_to).path == self.request.path else redirect_to


@login_required
def personal_space(request):
    return redirect(home_url_for(request.user))


def register(request):
    form = RegistrationForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_within_limits(request, form, "registration", "email")
    ):
        structure, served_departments, referent = form.build()
        try:
            services.register_structure(
                structure, served_departments, referent, form.cleaned_data["password1"]
            )
        except IntegrityError:
            # Another registration with the same SIRET committed meanwhile.
            form.add_error(
                None,
                _(
                    "Cette structure vient d’être inscrite. Demandez à l’un de ses référents "
                    "de vous inviter depuis son espace « Mon compte »."
                ),
            )
        else:
            # The same answer when the address already has an account (its owner is told).
            return render(request, "directory/register_done.html", {"email": referent.email})
    return render(
        request,
        "directory/register.html",
        {
            "form": form,
            "employer_registration_closed": registration_closed_message(StructureKind.EMPLOYER),
        },
    )


def resend_confirmation(request):
    form = ResendConfirmationForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_within_limits(request, form, "confirmation", "email")
    ):
        services.resend_email_confirmation(form.cleaned_data["email"])
        return render(
            request, "directory/register_done.html", {"email": form.cleaned_data["email"]}
        )
    return render(
        request,
        "directory/resend_confirmation.html",
        {"form": form, "validity": in_days(EMAIL_CONFIRMATION_VALIDITY)},
    )


def confirm_email(request, token):
    try:
        user = services.confirm_email(token)
    except services.DirectoryError as error:
        return render(
            request,
            "directory/link_invalid.html",
            {"reason": str(error), "resend_confirmation": True},
            status=400,
        )
    return render(request, "directory/confirm_email_done.html", {"confirmed_user": user})


@referent_required
def account(request):
    structure = request.structure
    referents = list(
        User.objects.filter(structure=structure, erased_at__isnull=True).order_by(
            "-is_active", "last_name"
        )
    )
    context = {
        "structure": structure,
        "served_departments": structure.served_departments.all(),
        "referents": referents,
        # Never the last active referent: no « Désactiver » link when there is only one.
        "can_deactivate": perms.may_deactivate_referents(
            sum(referent.is_active for referent in referents)
        ),
        "pending_invitations": structure.invitations.pending().select_related("invited_by"),
        "modification_requests": structure.modification_requests.all()[:5],
        "structure_form": StructureContactForm(instance=structure, prefix="structure"),
        "referent_form": ReferentContactForm(instance=request.user, prefix="referent"),
        "active_tab": "account",
    }
    if request.method == "POST":
        structure_form = StructureContactForm(request.POST, instance=structure, prefix="structure")
        referent_form = ReferentContactForm(request.POST, instance=request.user, prefix="referent")
        if structure_form.is_valid() and referent_form.is_valid():
            services.update_contact_details(structure_form.instance, referent_form.instance)
            messages.success(request, _("Vos coordonnées ont été enregistrées."))
            return redirect("directory:account")
        context["structure_form"] = structure_form
        context["referent_form"] = referent_form
    return render(request, "directory/account.html", context)


@referent_required
def modification_request(request):
    form = ModificationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_modification(request.structure, request.user, form.cleaned_data["message"])
        messages.success(
            request,
            _(
                "Votre demande a été envoyée à la coordination DuoDay. Vous serez prévenu(e) par "
                "e-mail quand elle sera traitée."
            ),
        )
        return redirect("directory:account")
    return render(request, "directory/modification_request.html", {"form": form})


@referent_required
def invite_referent(request):
    form = InvitationForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_within_limits(request, form, "invitation", "email")
    ):
        invitation = services.invite_referent(request.structure, request.user, **form.cleaned_data)
        messages.success(
            request,
            _("Invitation envoyée à %(email)s : le lien est valable %(validity)s.")
            % {"email": invitation.email, "validity": in_days(INVITATION_VALIDITY)},
        )
        return redirect("directory:account")
    return render(
        request,
        "directory/invite_referent.html",
        {"form": form, "validity": in_days(INVITATION_VALIDITY)},
    )


def _own_pending_invitation(request, pk):
    return get_object_or_404(request.structure.invitations.pending(), pk=pk)


@require_POST
@referent_required
def resend_invitation(request, pk):
    invitation = _own_pending_invitation(request, pk)
    if refused := refusal(request, "invitation", email=invitation.email):
        messages.error(request, refused)
        return redirect("directory:account")
    invitation = services.resend_invitation(invitation)
    messages.success(request, _("Invitation renvoyée à %(email)s.") % {"email": invitation.email})
    return redirect("directory:account")


@referent_required
def revoke_invitation(request, pk):
    invitation = _own_pending_invitation(request, pk)
    if request.method == "POST":
        services.revoke_invitation(invitation)
        messages.success(
            request, _("L’invitation de %(email)s est révoquée.") % {"email": invitation.email}
        )
        return redirect("directory:account")
    return render(request, "directory/revoke_invitation.html", {"invitation": invitation})


@referent_required
def deactivate_referent(request, pk):
    referent = get_object_or_404(
        User.objects.filter(structure=request.structure, is_active=True), pk=pk
    )
    error = None
    if request.method == "POST":
        try:
            services.deactivate_referent(request.structure, referent, request.user)
        except services.DirectoryError as refused:
            error = str(refused)
        else:
            messages.success(
                request, _("Le compte de %(name)s est désactivé.") % {"name": referent}
            )
            if referent == request.user:
                return redirect("/")
            return redirect("directory:account")
    return render(
        request, "directory/deactivate_referent.html", {"referent": referent, "error": error}
    )


def accept_invitation(request, token):
    invitation = Invitation.objects.select_related("structure").get_by_token(token)
    if invitation is None or not invitation.is_pending:
        state = invitation.state if invitation is not None else None
        reason = refusals.INVITATION_UNUSABLE.get(state, refusals.INVITATION_UNKNOWN)
        return render(request, "directory/link_invalid.html", {"reason": reason}, status=410)
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            services.accept_invitation(
                token,
                form.cleaned_data["password1"],
                phone=form.cleaned_data["phone"],
                job_title=form.cleaned_data["job_title"],
            )
        except services.DirectoryError as error:
            return render(
                request, "directory/link_invalid.html", {"reason": str(error)}, status=410
            )
        messages.success(request, _("Votre compte est activé : connectez-vous."))
        return redirect("directory:login")
    return render(
        request, "directory/accept_invitation.html", {"form": form, "invitation": invitation}
    )


@employer_required
def support_directory(request):
    if not perms.directory_is_open(request.structure):
        return render(request, "directory/support_directory.html", {"directory_closed": True})
    department_ids = directory_department_ids(request.structure)
    departments = Department.objects.filter(pk__in=department_ids)
    structures = (
        support_directory_for(request.structure, department_ids)
        .select_related("department")
        .prefetch_related("served_departments")
    )
    filterset = SupportDirectoryFilter(
        request.GET or None, queryset=structures, departments=departments
    )
    page_obj = capped_page(
        filterset.qs.order_by("name", "pk"), DIRECTORY_PER_PAGE, request.GET.get("page")
    )
    return render(
        request,
        "directory/support_directory.html",
        {
            "directory_closed": False,
            "filter": filterset,
            "page_obj": page_obj,
            "departments": departments,
        },
    )


@employer_required
def support_structure_card(request, pk):
    structure = get_object_or_404(
        support_directory_for(request.structure)
        .select_related("department")
        .prefetch_related(
            "served_departments",
            Prefetch(
                "referents",
                queryset=User.objects.filter(is_active=True).order_by("last_name"),
                to_attr="active_referents",
            ),
        ),
        pk=pk,
    )
    return render(request, "directory/support_structure_card.html", {"structure": structure})


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "directory/password_change.html"
    form_class = PlainHelpPasswordChangeForm
    success_url = reverse_lazy("directory:account")

    def form_valid(self, form):
        messages.success(self.request, _("Votre mot de passe a été modifié."))
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "directory/password_reset.html"
    email_template_name = "directory/emails/password_reset_body.txt"
    subject_template_name = "directory/emails/password_reset_subject.txt"
    form_class = BackgroundPasswordResetForm
    success_url = reverse_lazy("directory:password_reset_done")

    def form_valid(self, form):
        if not form_within_limits(self.request, form, "password_reset", "email"):
            return self.form_invalid(form)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "directory/password_reset_confirm.html"
    form_class = PlainHelpSetPasswordForm
    success_url = reverse_lazy("directory:login")

    def form_valid(self, form):
        messages.success(self.request, _("Votre mot de passe a été réinitialisé : connectez-vous."))
        return super().form_valid(form)
