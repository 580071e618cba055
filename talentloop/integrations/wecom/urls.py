from django.urls import path

from talentloop.integrations.wecom import views

app_name = "wecom"

urlpatterns = [
    path("callback/", views.callback, name="callback"),
]
