"""Encryption at rest for the one field that must never leak: the owner's NIK."""

from cryptography.fernet import Fernet


class NikVault:
    """Encrypts and decrypts NIKs with a key from settings (never stored in the database)."""

    def __init__(self, key: str) -> None:
        self._fernet = Fernet(key.encode())

    def seal(self, nik: str) -> str:
        """Ciphertext for storage."""
        return self._fernet.encrypt(nik.encode()).decode()

    def open(self, token: str) -> str:
        """The NIK back, for the rare operation that needs it."""
        return self._fernet.decrypt(token.encode()).decode()
