"""Supervisory rating self-assessment: rulebooks as data, an exact (decimal) engine, and its trace."""
