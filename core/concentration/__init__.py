"""Group concentration risk: import, look-through, connected counterparties, limits and indices."""
