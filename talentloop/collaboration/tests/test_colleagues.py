"""Finding a colleague to mention: by name, handle, full pinyin, initials, and department; exact results."""

from __future__ import annotations

import pytest

from talentloop.accounts.models import User
from talentloop.collaboration.colleagues import colleague_search, name_pinyin

pytestmark = pytest.mark.django_db


def test_name_pinyin() -> None:
    assert name_pinyin("张伟") == ("zhangwei", "zw")
    assert name_pinyin("陈磊") == ("chenlei", "cl")
    assert name_pinyin("Anna 李") == ("annali", "al")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zw", ["张伟"]),
        ("ZhangWei", ["张伟"]),
        ("zhang wei", ["张伟"]),
        ("@zw", ["张伟"]),
        ("张伟", ["张伟"]),
        ("cl", ["陈磊"]),
        ("lei", ["陈磊"]),
        ("sales.m", ["张伟"]),
        ("销售", ["张伟"]),
        ("R&D", ["陈磊"]),
        ("后端", ["刘洋"]),
        ("人力", ["李娜"]),
        ("l", ["李娜", "刘洋"]),
        ("", []),
        ("赵静", []),  # an employee without a staff role is not mentionable
        ("周婷", []),  # nor a candidate
    ],
)
def test_colleague_search_exact_results(
    personas: dict[str, User], hr_admin: User, query: str, expected: list[str]
) -> None:
    assert [colleague.full_name for colleague in colleague_search(user=hr_admin, query=query)] == expected


def test_the_searcher_is_left_out_and_the_limit_holds(personas: dict[str, User], hr: User) -> None:
    assert [colleague.full_name for colleague in colleague_search(user=hr, query="人力")] == ["王敏"]
    assert len(colleague_search(user=hr, query="a", limit=1)) <= 1
