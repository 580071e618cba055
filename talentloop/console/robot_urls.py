from django.urls import path

from talentloop.console import robot_views

urlpatterns = [
    path("", robot_views.robot_list_view, name="wecom_robots"),
    path("<int:robot_id>/", robot_views.robot_detail_view, name="wecom_robot_detail"),
    path("<int:robot_id>/enabled/", robot_views.robot_enabled_view, name="wecom_robot_enabled"),
    path("<int:robot_id>/test/", robot_views.robot_test_view, name="wecom_robot_test"),
]
