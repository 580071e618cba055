"""The AI–human agreement page on the demo data: figures for every rated question and dimension, calibrations shown."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.cli.demo import demo_load

pytestmark = pytest.mark.django_db


def test_hr_reads_the_agreement_of_the_demo_ratings_and_other_staff_are_refused() -> None:
    # given the demo, with its 198 staff ratings
    demo_load()
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(User.objects.get(username="hr"))

    # when
    page = client.get(reverse("console:agreement"))

    # then: the overall AI–human and human–human figures, with the number of ratings behind them
    text = page.content.decode()
    assert page.status_code == 200
    assert "All ratings: 198 · Pearson 0.887 · Spearman 0.857 · kappa 0.878 · MAE 0.492" in text
    assert (
        "Human–human: 93 pairs of ratings of the same answer · Pearson 0.944 · Spearman 0.943 · kappa 0.943 · MAE 0.258"
        in text
    )
    # and a row per rated question (18) and per rated dimension in a job profile (12), none empty
    rows = re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td>\s*<td>([^<]+)</td>", text)
    assert len(rows) == 18 + 12
    assert sum(int(count) for _, count, _ in rows) == 2 * 198
    assert all(pearson != "—" for _, _, pearson in rows)
    # and the six fitted calibrations, the other rows waiting for 20 ratings
    assert len(re.findall(r"fitted on (27|24) ratings", text)) == 6
    assert text.count("not yet (needs 20 ratings)") == 24
    # and the interviewer who rated answers may not read the page
    client.force_login(User.objects.get(username="interviewer"))
    assert client.get(reverse("console:agreement")).status_code == 403
