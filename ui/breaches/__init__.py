"""Breach register (超限台账): cases per (limit, key) in warning or breach, their history and next event."""
