"""API routes for the learning library and growth paths."""

from django.urls import path

from talentloop.api import learning_apis as apis

urlpatterns = [
    path("learning/courses/", apis.CourseListApi.as_view(), name="course-list"),
    path("learning/courses/<slug:code>/", apis.CourseDetailApi.as_view(), name="course-detail"),
    path("learning/projects/", apis.ProjectListApi.as_view(), name="project-list"),
    path("learning/projects/<slug:code>/", apis.ProjectDetailApi.as_view(), name="project-detail"),
    path("learning/mentors/", apis.MentorListApi.as_view(), name="mentor-list"),
    path("learning/export/", apis.LearningLibraryExportApi.as_view(), name="learning-library-export"),
    path("learning/import/", apis.LearningLibraryImportApi.as_view(), name="learning-library-import"),
    path("me/mentoring/", apis.MyMentoringApi.as_view(), name="my-mentoring"),
    path("growth-paths/<int:invitation_id>/", apis.GrowthPathApi.as_view(), name="growth-path"),
    path("growth-items/<int:item_id>/<slug:action>/", apis.GrowthItemActionApi.as_view(), name="growth-item-action"),
]
