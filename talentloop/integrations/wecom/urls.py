from django.urls import path

from talentloop.integrations.wecom import views

app_name = "wecom"

urlpatterns = [
    path("callback/", views.callback, name="callback"),
    path("sign-in/", views.sign_in_start, name="sign_in"),
    path("sign-in/callback/", views.sign_in_callback, name="sign_in_callback"),
]
