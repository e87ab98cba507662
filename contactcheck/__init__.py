"""contactcheck: check the contact details an organisation shows its customers (ISO 18295-2 5.4-5.8)."""

__version__ = "0.1.0"
