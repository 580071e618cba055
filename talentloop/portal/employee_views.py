"""The employee's own record in the portal ("My employee record"), read-only.

The record is fetched through ``org.access.employee_get_for_user`` (an employee sees only their own) and
rendered with the same partial HR sees in the console (``org/_employee_record.html``).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound
from talentloop.org.selectors import employee_record_get, own_records_get


@login_required
def employee_record(request: HttpRequest) -> HttpResponse:
    _candidate, employee = own_records_get(user=request.user, request=request)
    if employee is None:
        raise NotFound(_("There is no employee record linked to your account."))
    return render(
        request,
        "portal/employee_record.html",
        {"section": "portal", "record": employee_record_get(employee=employee)},
    )
