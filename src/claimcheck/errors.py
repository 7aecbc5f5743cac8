"""Library errors; the CLI turns each into a message that says how to fix it."""


class ClaimcheckError(Exception):
    """Base class for errors a user can fix."""


class InputError(ClaimcheckError):
    """An article could not be read or decoded."""


class ReferenceDataError(ClaimcheckError):
    """The reference data is missing or invalid."""


class ModelError(ClaimcheckError):
    """The spaCy pipeline could not be loaded."""


class ConfigError(ClaimcheckError):
    """The [tool.claimcheck] configuration is invalid."""


class LedgerError(ClaimcheckError):
    """A claims ledger file is unreadable or invalid."""


class GitError(ClaimcheckError):
    """Git could not answer a question --changed-only needs."""


class OutputError(ClaimcheckError):
    """A report, ledger or cache file could not be written."""
