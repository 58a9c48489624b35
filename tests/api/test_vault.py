import pytest

from api.auth.vault import SecretVault, VaultError


def test_secrets_round_trip_and_are_not_stored_in_clear() -> None:
    vault = SecretVault("service-secret")
    ciphertext = vault.encrypt("binance-api-secret-XYZ")
    assert b"binance-api-secret-XYZ" not in ciphertext
    assert vault.decrypt(ciphertext) == "binance-api-secret-XYZ"
    assert vault.encrypt("same") != vault.encrypt("same")  # random IV


def test_another_service_key_cannot_decrypt() -> None:
    ciphertext = SecretVault("key-one").encrypt("secret")
    with pytest.raises(VaultError):
        SecretVault("key-two").decrypt(ciphertext)
