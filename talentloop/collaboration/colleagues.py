"""Finding a colleague to @mention: by name, by pinyin (full or initials: 张伟 ↔ "zhangwei" / "zw") and by
department. Colleagues are active users who work on hiring (a staff role) and have a person record."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pypinyin import Style, lazy_pinyin

from talentloop.accounts.models import User
from talentloop.org.models import Role

STAFF_ROLES = (Role.HR_ADMIN, Role.HR, Role.HIRING_MANAGER, Role.INTERVIEWER)


@dataclass(frozen=True)
class Colleague:
    user_id: int
    username: str
    full_name: str
    department: str
    department_en: str


@lru_cache(maxsize=4096)
def name_pinyin(name: str) -> tuple[str, str]:
    """The name's full pinyin without tones and its initials, lower case, spaces removed ("张伟" → ("zhangwei",
    "zw")). Latin letters in the name stay as they are."""
    syllables = [part.strip().lower() for part in lazy_pinyin(name) if part.strip()]
    # A Latin word comes back whole from pypinyin: its initial is its first letter, as for a Chinese character.
    initials = [word[0].lower() for part in lazy_pinyin(name, style=Style.FIRST_LETTER) for word in part.split()]
    return "".join(syllables).replace(" ", ""), "".join(initials)


def colleague_list() -> list[Colleague]:
    """Every colleague who can be mentioned, by name (one query)."""
    rows = (
        User.objects.filter(is_active=True, person__isnull=False, role_grants__role__in=STAFF_ROLES)
        .distinct()
        .values_list(
            "pk",
            "username",
            "person__full_name",
            "person__employee__department__name",
            "person__employee__department__name_en",
        )
        .order_by("person__full_name", "pk")
    )
    return [
        Colleague(
            user_id=pk,
            username=username,
            full_name=full_name,
            department=department or "",
            department_en=department_en or "",
        )
        for pk, username, full_name, department, department_en in rows
    ]


def _rank(colleague: Colleague, query: str) -> int | None:
    """How well ``colleague`` matches: 0 name or handle, 1 pinyin starts with, 2 initials, 3 name or pinyin
    inside, 4 department; None when it does not. Matches inside a word need two letters or more."""
    full_name = colleague.full_name.lower()
    if full_name.startswith(query) or colleague.username.lower().startswith(query):
        return 0
    compact = query.replace(" ", "")
    full, initials = name_pinyin(colleague.full_name)
    if compact and full.startswith(compact):
        return 1
    if compact and initials.startswith(compact):
        return 2
    if len(compact) < 2:
        return None  # one letter matches too many names and departments from the inside
    if query in full_name or compact in full:
        return 3
    if query in colleague.department.lower() or (colleague.department_en and query in colleague.department_en.lower()):
        return 4
    return None


def colleague_search(*, user: Any, query: str, limit: int = 8) -> list[Colleague]:
    """Colleagues matching ``query`` (name, handle, pinyin, initials or department), best matches first, then by
    name; the searching user is left out. An empty query lists nobody."""
    query = query.strip().lstrip("@").lower()
    if not query:
        return []
    ranked = []
    for colleague in colleague_list():
        if colleague.user_id == user.pk:
            continue
        rank = _rank(colleague, query)
        if rank is not None:
            ranked.append((rank, name_pinyin(colleague.full_name)[0], colleague.user_id, colleague))
    ranked.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in ranked[:limit]]
