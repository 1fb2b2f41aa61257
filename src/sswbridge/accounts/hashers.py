from django.contrib.auth.hashers import Argon2PasswordHasher


class TestArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with minimal costs; used by the test settings only."""

    time_cost = 1
    memory_cost = 256
    parallelism = 1
