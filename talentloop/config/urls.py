from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from talentloop.core import views as core_views
from talentloop.portal.views import home

urlpatterns = [
    path("", home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("talentloop.accounts.urls")),
    path("console/", include("talentloop.console.urls")),
    path("portal/", include("talentloop.portal.urls")),
    path("i/", include("talentloop.portal.interview_urls")),
    path("careers/", include("talentloop.portal.careers_urls")),
    path("api/", include("talentloop.api.urls")),
    path("integrations/wecom/", include("talentloop.integrations.wecom.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
]

handler400 = "talentloop.core.views.bad_request"
handler403 = "talentloop.core.views.permission_denied"
handler404 = "talentloop.core.views.page_not_found"
handler500 = "talentloop.core.views.server_error"

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
