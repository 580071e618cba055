"""Encryption at rest: round trips, key rotation, a wrong key refused, and the model field."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.test import override_settings

from talentloop.core.crypto import (
    DecryptionFailed,
    EncryptedTextField,
    encryption_key_is_valid,
    secret_decrypt,
    secret_encrypt,
)

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def test_a_value_comes_back_and_is_not_stored_in_clear() -> None:
    token = secret_encrypt("female · 35–44")

    assert token.isascii() and "female" not in token  # (a short piece such as "35" may occur in base64 by chance)
    assert secret_decrypt(token) == "female · 35–44"
    assert secret_encrypt("female · 35–44") != token  # a fresh IV each time


def test_without_configured_keys_the_key_follows_secret_key() -> None:
    token = secret_encrypt("x")

    with override_settings(SECRET_KEY="another-secret-key-that-is-long-enough-123"), pytest.raises(DecryptionFailed):
        secret_decrypt(token)


def test_an_older_key_still_decrypts_after_rotation_and_the_newest_encrypts() -> None:
    with override_settings(TALENTLOOP_ENCRYPTION_KEYS=[OLD_KEY]):
        old_token = secret_encrypt("value")
    with override_settings(TALENTLOOP_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        assert secret_decrypt(old_token) == "value"
        new_token = secret_encrypt("value")
    assert Fernet(NEW_KEY.encode()).decrypt(new_token.encode()) == b"value"
    with override_settings(TALENTLOOP_ENCRYPTION_KEYS=[NEW_KEY]), pytest.raises(DecryptionFailed):
        secret_decrypt(old_token)


def test_a_damaged_token_is_refused() -> None:
    with pytest.raises(DecryptionFailed):
        secret_decrypt("not-a-token")


def test_key_validation() -> None:
    assert encryption_key_is_valid(NEW_KEY)
    assert not encryption_key_is_valid("short")


def test_the_field_encrypts_on_the_way_in_and_decrypts_on_the_way_out() -> None:
    field = EncryptedTextField()

    stored = field.get_prep_value("secret")

    assert stored != "secret"
    assert field.from_db_value(stored, None, None) == "secret"
    assert field.get_prep_value("") == "" and field.from_db_value("", None, None) == ""
    assert field.get_prep_value(None) is None and field.from_db_value(None, None, None) is None
