"""Résumé files for the careers tests, made in code once per test session (WeasyPrint takes about a second)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from talentloop.recruitment.careers_services import CareersApplicationInput
from talentloop.recruitment.resume_samples import docx_build, resume_pdf_build

PDF_LINES = [
    "王小明 后端工程师",
    "2018.07 - 2021.06 杭州云帆科技 后端开发",
    "2021.07 - 至今 上海数澜科技 高级工程师 Kubernetes",
    "浙江大学 计算机科学 硕士 2015 - 2018",
]
DOCX_LINES = ["Li Lei", "5 years of experience building payment systems in Go", "Bachelor of Science, Fudan University"]


@pytest.fixture(scope="session")
def pdf_resume() -> bytes:
    return resume_pdf_build(PDF_LINES)


@pytest.fixture(scope="session")
def docx_resume() -> bytes:
    return docx_build(DOCX_LINES)


def upload(content: bytes, name: str = "resume.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def application_input(resume: Any = None, **changes: Any) -> CareersApplicationInput:
    values: dict[str, Any] = {
        "full_name": "王小明",
        "email": "Wang.XiaoMing@Example.com",
        "mobile": "+86 139 1234 5678",
        "resume": resume,
        "consent": True,
        "note": "期待加入。",
    }
    values.update(changes)
    return CareersApplicationInput(**values)
