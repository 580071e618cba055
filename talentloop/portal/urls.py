from django.urls import path

from talentloop.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("language/", views.language_update, name="language_update"),
]
