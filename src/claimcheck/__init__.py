"""claimcheck: find the factual claims in AI-assisted articles and check them against curated reference data."""

__version__ = "0.1.0"
