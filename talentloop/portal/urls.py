from django.urls import path

from talentloop.portal import my_data_views, views

app_name = "portal"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("language/", views.language_update, name="language_update"),
    path("my-data/", my_data_views.my_data, name="my_data"),
    path("my-data/export.json", my_data_views.my_data_export, name="my_data_export"),
    path("my-data/delete/", my_data_views.my_data_delete, name="my_data_delete"),
]
