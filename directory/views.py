from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from directory.forms import LoginForm
from directory.personal_space import home_url_for


class LoginView(auth_views.LoginView):
    template_name = "directory/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def personal_space(request):
    return redirect(home_url_for(request.user))
