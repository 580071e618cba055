from django.urls import path

from talentloop.portal import careers_views

app_name = "careers"

urlpatterns = [
    path("", careers_views.careers_list, name="list"),
    path("<int:opening_id>/", careers_views.careers_detail, name="detail"),
    path("<int:opening_id>/applied/", careers_views.careers_applied, name="applied"),
]
