"""canonical: the customer access strategy: schema, strict loader, tariffs and the bundled examples."""
