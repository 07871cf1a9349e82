from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path("", views.personal_resources, name="personal_resources"),
]
