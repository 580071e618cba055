"""The demo's sensitive attributes, so the fairness audit page has data: the candidates who took an interview
declared their sex and age band (most in the portal; two on a paper form an HR admin entered with its evidence), one
chose "prefer not to say" for sex, and one declared nothing, so the page shows unknowns too.

Values go through the same services as the portal and the console. A person who has ever had attributes recorded is
left alone (they may have changed or withdrawn them since), so loading twice changes nothing.
"""

from __future__ import annotations

from datetime import date

from talentloop.accounts.models import User
from talentloop.analytics.access import AUDIT_OBJECT_TYPE
from talentloop.analytics.services import (
    sensitive_attribute_record,
    sensitive_attributes_declare,
    sensitive_categories_ensure_defaults,
)
from talentloop.core.models import AuditEvent
from talentloop.org.models import Person

# (full name, sex or "" for prefer not to say, age band or "", recorded by an HR admin from a paper form)
DEMO_ATTRIBUTES = [
    ("周婷", "female", "25_34", False),
    ("吴杰", "male", "25_34", False),
    ("郑洁", "female", "under_25", False),
    ("许雯", "female", "25_34", False),
    ("高鹏", "male", "35_44", False),
    ("罗丹丹", "female", "under_25", False),
    ("唐逸飞", "male", "25_34", True),
    ("韩雪", "female", "35_44", False),
    ("曹宇", "male", "25_34", False),
    ("邓建国", "male", "45_54", True),
    ("宋志强", "", "35_44", False),
    # 黄小龙 declared nothing: he counts as unknown.
]
PAPER_FORM_EVIDENCE = "纸质同意书，存于人力资源部档案柜（演示数据）"


def demo_sensitive_attributes_load(*, hr_admin: User) -> int:
    """Record the demo attributes; returns how many people got theirs recorded by this load."""
    sensitive_categories_ensure_defaults()
    recorded = 0
    ever_recorded = set(
        AuditEvent.objects.filter(object_type=AUDIT_OBJECT_TYPE).values_list("object_id", flat=True).distinct()
    )
    for full_name, sex, age_band, on_paper in DEMO_ATTRIBUTES:
        person = Person.objects.filter(full_name=full_name, erased_at__isnull=True).order_by("pk").first()
        if person is None or str(person.pk) in ever_recorded:
            continue
        values = {"sex": sex, "age_band": age_band}
        if on_paper:
            sensitive_attribute_record(
                actor=hr_admin,
                person=person,
                values=values,
                consent_given_on=date(2026, 11, 2),
                consent_evidence=PAPER_FORM_EVIDENCE,
            )
        else:
            sensitive_attributes_declare(actor=person.user, person=person, values=values, consent=True)
        recorded += 1
    return recorded
